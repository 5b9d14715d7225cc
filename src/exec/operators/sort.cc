#include "exec/operators/sort.h"

#include <algorithm>
#include <numeric>

#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

Result<std::vector<ArrayPtr>> EvaluateSortKeys(const std::vector<sql::SortKey>& order,
                                               const Chunk& rows, ExecContext& context) {
  std::vector<ArrayPtr> keys;
  for (const sql::SortKey& key : order) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key.expr, rows, context));
    keys.push_back(std::move(values));
  }
  return keys;
}

int CompareByKeys(const std::vector<ArrayPtr>& keys, const std::vector<sql::SortKey>& order,
                  int64_t x, int64_t y) {
  for (size_t k = 0; k < keys.size(); ++k) {
    const columnar::Array& values = *keys[k];
    const bool x_null = values.IsNull(x);
    const bool y_null = values.IsNull(y);
    if (x_null || y_null) {
      if (x_null == y_null) continue;
      return x_null == order[k].nulls_first ? -1 : 1;
    }
    const int compared = CompareValues(values, x, values, y);
    if (compared != 0) return order[k].descending ? -compared : compared;
  }
  return 0;
}

int CompareRows(const Chunk& rows, int64_t x, int64_t y) {
  for (const ArrayPtr& column : rows.columns()) {
    const bool x_null = column->IsNull(x);
    const bool y_null = column->IsNull(y);
    if (x_null || y_null) {
      if (x_null == y_null) continue;
      return x_null ? 1 : -1;
    }
    const int compared = CompareValues(*column, x, *column, y);
    if (compared != 0) return compared;
  }
  return 0;
}

Status SortSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

Status SortSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  (void)context;
  input_.Add(std::move(input), sequence);
  return Status::OK();
}

std::unique_ptr<Sink> SortSink::NewLocal() {
  for (const sql::SortKey& key : keys_) {
    if (!ParallelSafe(*key.expr)) return nullptr;
  }
  return std::make_unique<SortSink>(keys_, output_, ties_by_row_);
}

Status SortSink::Absorb(Sink& local, ExecContext& context) {
  (void)context;
  input_.Take(static_cast<SortSink&>(local).input_);
  return Status::OK();
}

Status SortSink::Finalize(ExecContext& context) {
  if (input_.empty()) return Status::OK();
  const std::vector<Chunk> input = input_.Release();
  const Chunk all = ConcatenateInParallel(input.front().schema(), input, context.threads);
  BOYO_ASSIGN_OR_RETURN(const std::vector<ArrayPtr> keys, EvaluateSortKeys(keys_, all, context));
  std::vector<uint32_t> order(static_cast<size_t>(all.num_rows()));
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const int compared = CompareByKeys(keys, keys_, x, y);
    if (compared != 0 || !ties_by_row_) return compared < 0;
    return CompareRows(all, x, y) < 0;
  });
  columnar::SelectionVector selection;
  selection.mutable_rows() = std::move(order);
  std::lock_guard<std::mutex> lock(output_->mutex);
  output_->chunks.push_back(TakeRows(all, selection));
  return Status::OK();
}

}  // namespace boyodb::exec
