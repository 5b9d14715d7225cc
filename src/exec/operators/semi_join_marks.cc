#include "exec/operators/semi_join_marks.h"

#include "exec/expression/evaluator.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;
using columnar::SelectionVector;

namespace {

// Rows per chunk of the join's output.
constexpr int64_t kOutputRows = 64 * 1024;

// Sets a mark once: reading first keeps the cache line shared while it is already set.
void Mark(std::atomic<uint8_t>& mark) {
  if (mark.load(std::memory_order_relaxed) == 0) mark.store(1, std::memory_order_relaxed);
}

bool Marked(const std::atomic<uint8_t>& mark) { return mark.load(std::memory_order_relaxed) != 0; }

}  // namespace

Status SemiJoinMarkSink::Consume(Chunk input, ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  std::vector<ArrayPtr> keys;
  for (const sql::BoundExprPtr& key : state_->probe_keys()) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, EvaluateKeepingDictionary(*key, input, context));
    keys.push_back(std::move(values));
  }
  std::vector<int64_t> key_of_row;
  state_->keys->Find(keys, num_rows, &key_of_row);
  if (!state_->plan->null_safe_keys) {
    for (int64_t row = 0; row < num_rows; ++row) {
      if (AnyKeyNull(keys, row)) key_of_row[static_cast<size_t>(row)] = -1;
    }
  }
  if (!state_->residual.empty()) return MarkPairs(input, key_of_row, context);
  for (const int64_t key : key_of_row) {
    if (key >= 0) Mark(state_->marks[static_cast<size_t>(key)]);
  }
  return Status::OK();
}

Status SemiJoinMarkSink::MarkPairs(const Chunk& input, const std::vector<int64_t>& key_of_row,
                                   ExecContext& context) {
  const columnar::SchemaPtr schema = SchemaOf(JoinPairColumns(*state_->plan));
  SelectionVector left_rows;
  SelectionVector right_rows;
  auto flush = [&]() -> Status {
    if (left_rows.empty()) return Status::OK();
    const Chunk pairs =
        ConcatenateColumns(schema, TakeRows(state_->build, left_rows), TakeRows(input, right_rows));
    BOYO_ASSIGN_OR_RETURN(SelectionVector keep, CheckResidual(*state_, pairs, context));
    for (size_t i = 0; i < keep.size(); ++i) Mark(state_->marks[left_rows[keep[i]]]);
    left_rows.mutable_rows().clear();
    right_rows.mutable_rows().clear();
    return Status::OK();
  };
  for (size_t row = 0; row < key_of_row.size(); ++row) {
    const int64_t key = key_of_row[row];
    if (key < 0) continue;
    for (int64_t match = state_->first_row[static_cast<size_t>(key)]; match >= 0;
         match = state_->next_row[static_cast<size_t>(match)]) {
      // A left row already matched needs no further pairs: its mark cannot change.
      if (Marked(state_->marks[static_cast<size_t>(match)])) continue;
      left_rows.mutable_rows().push_back(static_cast<uint32_t>(match));
      right_rows.mutable_rows().push_back(static_cast<uint32_t>(row));
      if (left_rows.size() >= kJoinPairsPerPiece) BOYO_RETURN_IF_ERROR(flush());
    }
  }
  return flush();
}

std::unique_ptr<Sink> SemiJoinMarkSink::NewLocal() {
  for (const sql::BoundExprPtr& condition : state_->residual) {
    if (!ParallelSafe(*condition)) return nullptr;
  }
  return std::make_unique<SemiJoinMarkSink>(state_, output_);
}

Status SemiJoinMarkSink::Finalize(ExecContext& context) {
  (void)context;
  const bool semi = state_->plan->join_type == sql::JoinType::kSemi;
  const bool per_key = state_->residual.empty();
  const Chunk& build = state_->build;
  const int64_t num_rows = build.num_rows();
  // Rows reach this sink's output as the left input's rows in their order, renamed to the
  // join's columns.
  const columnar::SchemaPtr schema = SchemaOf(state_->plan->columns);
  std::vector<Chunk> out;
  for (int64_t start = 0; start < num_rows; start += kOutputRows) {
    const int64_t end = std::min(num_rows, start + kOutputRows);
    SelectionVector keep;
    for (int64_t row = start; row < end; ++row) {
      const size_t mark =
          per_key ? static_cast<size_t>(state_->build_key_of_row[static_cast<size_t>(row)])
                  : static_cast<size_t>(row);
      if (Marked(state_->marks[mark]) == semi) {
        keep.mutable_rows().push_back(static_cast<uint32_t>(row));
      }
    }
    if (keep.empty()) continue;
    const Chunk rows = TakeRows(build, keep);
    out.emplace_back(schema, rows.columns(), rows.num_rows());
  }
  std::lock_guard<std::mutex> lock(output_->mutex);
  for (Chunk& chunk : out) output_->chunks.push_back(std::move(chunk));
  return Status::OK();
}

}  // namespace boyodb::exec
