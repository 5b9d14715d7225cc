#include "exec/operators/set_operation.h"

#include "columnar/builder.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::Chunk;

Status SetOpSink::Consume(Chunk input, ExecContext& context) {
  (void)context;
  const size_t chunk_index = state_->chunks.size();
  state_->chunks.push_back(input);
  std::string key;
  for (int64_t row = 0; row < input.num_rows(); ++row) {
    key.clear();
    AppendRowKey(input.columns(), row, &key);
    auto [found, inserted] = state_->index.try_emplace(key, state_->entries.size());
    if (inserted) state_->entries.emplace_back();
    SetOpState::Entry& entry = state_->entries[found->second];
    if (!entry.has_row) {
      entry.chunk = chunk_index;
      entry.row = row;
      entry.has_row = true;
    }
    ++entry.counts[side_];
  }
  return Status::OK();
}

Result<std::optional<Chunk>> SetOpSource::Next(ExecContext& context) {
  (void)context;
  if (done_) return std::optional<Chunk>();
  done_ = true;
  const sql::LogicalOperator& plan = *state_->plan;
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders;
  for (const sql::OutputColumn& column : plan.columns) {
    builders.push_back(columnar::MakeBuilder(column.type));
  }
  int64_t num_rows = 0;
  for (const SetOpState::Entry& entry : state_->entries) {
    const int64_t left = entry.counts[0];
    const int64_t right = entry.counts[1];
    int64_t copies = 0;
    switch (plan.set_op) {
      case sql::SetOpKind::kUnion:
        copies = 1;
        break;
      case sql::SetOpKind::kIntersect:
        copies = plan.set_all ? std::min(left, right) : (left > 0 && right > 0 ? 1 : 0);
        break;
      case sql::SetOpKind::kExcept:
        copies =
            plan.set_all ? std::max<int64_t>(left - right, 0) : (left > 0 && right == 0 ? 1 : 0);
        break;
    }
    const Chunk& chunk = state_->chunks[entry.chunk];
    for (int64_t copy = 0; copy < copies; ++copy) {
      for (size_t c = 0; c < builders.size(); ++c) {
        builders[c]->AppendArray(*chunk.column(c), entry.row, 1);
      }
      ++num_rows;
    }
  }
  if (num_rows == 0) return std::optional<Chunk>();
  std::vector<columnar::ArrayPtr> columns;
  for (auto& builder : builders) columns.push_back(builder->Finish());
  return std::optional<Chunk>(Chunk(SchemaOf(plan.columns), std::move(columns), num_rows));
}

}  // namespace boyodb::exec
