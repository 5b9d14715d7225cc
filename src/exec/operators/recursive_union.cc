#include "exec/operators/recursive_union.h"

#include "columnar/selection_vector.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

RecursiveUnionSource::RecursiveUnionSource(const sql::LogicalOperator& plan)
    : plan_(plan), schema_(SchemaOf(plan.columns)) {}

Result<std::optional<Chunk>> RecursiveUnionSource::Next(ExecContext& context) {
  while (pending_.empty()) {
    if (done_) return std::optional<Chunk>();
    BOYO_ASSIGN_OR_RETURN(const bool added, RunRound(context));
    if (!added) done_ = true;
  }
  Chunk chunk = std::move(pending_.front());
  pending_.pop_front();
  return std::optional<Chunk>(std::move(chunk));
}

Result<bool> RecursiveUnionSource::RunRound(ExecContext& context) {
  std::vector<Chunk> produced;
  if (!started_) {
    started_ = true;
    BOYO_ASSIGN_OR_RETURN(produced, context.run_subquery(*plan_.children[0]));
  } else {
    context.work_tables[plan_.work_table_id] = working_;
    Result<std::vector<Chunk>> round = context.run_subquery(*plan_.children[1]);
    context.work_tables.erase(plan_.work_table_id);
    BOYO_RETURN_IF_ERROR(round.status());
    produced = std::move(*round);
  }
  auto added = std::make_shared<std::vector<Chunk>>();
  std::string key;
  for (const Chunk& chunk : produced) {
    if (chunk.num_rows() == 0) continue;
    std::vector<ArrayPtr> columns = chunk.columns();
    int64_t num_rows = chunk.num_rows();
    if (!plan_.set_all) {
      columnar::SelectionVector fresh;
      for (int64_t row = 0; row < num_rows; ++row) {
        key.clear();
        AppendRowKey(columns, row, &key);
        if (seen_.insert(key).second) fresh.mutable_rows().push_back(static_cast<uint32_t>(row));
      }
      if (fresh.rows().empty()) continue;
      if (static_cast<int64_t>(fresh.rows().size()) != num_rows) {
        for (ArrayPtr& column : columns) column = columnar::Take(*column, fresh);
        num_rows = static_cast<int64_t>(fresh.rows().size());
      }
    }
    added->push_back(Chunk(schema_, std::move(columns), num_rows));
  }
  if (added->empty()) return false;
  for (const Chunk& chunk : *added) pending_.push_back(chunk);
  working_ = std::move(added);
  return true;
}

Result<std::optional<Chunk>> WorkTableSource::Next(ExecContext& context) {
  if (rows_ == nullptr) {
    const auto found = context.work_tables.find(work_table_id_);
    if (found == context.work_tables.end()) {
      return Status::Internal("work table " + std::to_string(work_table_id_) + " is not set");
    }
    rows_ = found->second;
  }
  if (next_ >= rows_->size()) return std::optional<Chunk>();
  return std::optional<Chunk>((*rows_)[next_++]);
}

}  // namespace boyodb::exec
