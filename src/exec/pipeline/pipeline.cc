#include "exec/pipeline/pipeline.h"

#include "common/sqlstate.h"

namespace boyodb::exec {

namespace {

// Pushes a chunk through operators [first, end) and into the sink.
Status Push(Pipeline& pipeline, size_t first, columnar::Chunk chunk, ExecContext& context) {
  for (size_t i = first; i < pipeline.operators.size(); ++i) {
    if (chunk.num_rows() == 0) return Status::OK();
    BOYO_ASSIGN_OR_RETURN(chunk, pipeline.operators[i]->Process(std::move(chunk), context));
  }
  if (chunk.num_rows() == 0) return Status::OK();
  return pipeline.sink->Consume(std::move(chunk), context);
}

// Between chunks is where a statement notices a cancel request, whatever its pipelines
// read: tables, or rows an earlier pipeline (a sort, a join's build side) holds.
Status CheckCancelled(const ExecContext& context) {
  if (context.eval.cancelled == nullptr ||
      !context.eval.cancelled->load(std::memory_order_relaxed)) {
    return Status::OK();
  }
  return Status(StatusCode::kCancelled, sqlstate::kQueryCanceled,
                "canceling statement due to user request");
}

bool AnyDone(const Pipeline& pipeline) {
  for (const auto& op : pipeline.operators) {
    if (op->Done()) return true;
  }
  return false;
}

}  // namespace

Status RunPipeline(Pipeline& pipeline, ExecContext& context) {
  while (!AnyDone(pipeline)) {
    BOYO_RETURN_IF_ERROR(CheckCancelled(context));
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, pipeline.source->Next(context));
    if (!chunk.has_value()) break;
    BOYO_RETURN_IF_ERROR(Push(pipeline, 0, std::move(*chunk), context));
  }
  // Operators that hold rows back release them in order, each through the operators after it.
  for (size_t i = 0; i < pipeline.operators.size(); ++i) {
    BOYO_ASSIGN_OR_RETURN(std::vector<columnar::Chunk> tail,
                          pipeline.operators[i]->Finish(context));
    for (columnar::Chunk& chunk : tail) {
      BOYO_RETURN_IF_ERROR(CheckCancelled(context));
      BOYO_RETURN_IF_ERROR(Push(pipeline, i + 1, std::move(chunk), context));
    }
  }
  return pipeline.sink->Finalize(context);
}

columnar::SchemaPtr SchemaOf(const std::vector<sql::OutputColumn>& columns) {
  std::vector<types::Field> fields;
  fields.reserve(columns.size());
  for (const sql::OutputColumn& column : columns) fields.emplace_back(column.name, column.type);
  return std::make_shared<const types::Schema>(std::move(fields));
}

}  // namespace boyodb::exec
