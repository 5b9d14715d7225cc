#include "exec/operators/top_n.h"

#include <algorithm>
#include <numeric>

#include "exec/expression/evaluator.h"
#include "exec/operators/sort.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;

namespace {

// Rows buffered before a cut: enough that cutting is rare, few enough to stay small. With a
// bound, arriving rows are filtered by the cut-off, so cuts are cheap and cutting often keeps
// the cut-off (and the scan's skipping) tight.
int64_t CutAt(int64_t count, bool bounded) {
  return std::max<int64_t>(4 * count, bounded ? 4096 : 64 * 1024);
}

}  // namespace

Status TopNSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

Chunk TopNSink::DropRowsAfterBound(Chunk input) const {
  // NULLs sorting first would beat the cut-off: they are never dropped, so neither is a row.
  const sql::BoundExpr& first = *keys_[0].expr;
  if (bound_ == nullptr || bound_->nulls_first() || first.kind != sql::BoundKind::kColumn) {
    return input;
  }
  const std::optional<types::Value> cut = bound_->Current();
  if (!cut.has_value()) return input;
  const columnar::Array& column = *input.column(static_cast<size_t>(first.column_index));
  // Rows equal to the cut-off stay: a later sort key may put them first.
  storage::ColumnPredicate keep;
  keep.op = bound_->descending() ? storage::CompareOp::kGe : storage::CompareOp::kLe;
  keep.value = *cut;
  Result<storage::ColumnPredicate> bound = storage::BindPredicate(keep, column.type());
  if (!bound.ok()) return input;
  columnar::SelectionVector rows = columnar::SelectionVector::All(input.num_rows());
  storage::FilterRows(*bound, column, &rows);
  if (rows.size() == static_cast<size_t>(input.num_rows())) return input;
  return TakeRows(input, rows);
}

Status TopNSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  input = DropRowsAfterBound(std::move(input));
  if (input.num_rows() == 0) return Status::OK();
  Candidates candidates;
  candidates.origins.reserve(static_cast<size_t>(input.num_rows()));
  for (int64_t row = 0; row < input.num_rows(); ++row) {
    candidates.origins.emplace_back(sequence, static_cast<uint32_t>(row));
  }
  buffered_rows_ += input.num_rows();
  candidates.rows = std::move(input);
  buffered_.push_back(std::move(candidates));
  // The first cut comes as soon as there are enough rows to give the scan a cut-off.
  const bool first_cut = bound_ != nullptr && !cut_ && buffered_rows_ >= count_;
  if (first_cut || buffered_rows_ >= CutAt(count_, bound_ != nullptr)) return Compact(context);
  return Status::OK();
}

std::unique_ptr<Sink> TopNSink::NewLocal() {
  for (const sql::SortKey& key : keys_) {
    if (!ParallelSafe(*key.expr)) return nullptr;
  }
  return std::make_unique<TopNSink>(keys_, count_, output_, bound_, ties_by_row_);
}

Status TopNSink::Absorb(Sink& local, ExecContext& context) {
  auto& from = static_cast<TopNSink&>(local);
  for (Candidates& candidates : from.buffered_) buffered_.push_back(std::move(candidates));
  buffered_rows_ += from.buffered_rows_;
  from.buffered_.clear();
  from.buffered_rows_ = 0;
  if (buffered_rows_ >= CutAt(count_, bound_ != nullptr)) return Compact(context);
  return Status::OK();
}

Status TopNSink::Compact(ExecContext& context) {
  if (buffered_.empty()) return Status::OK();
  std::vector<Chunk> chunks;
  std::vector<std::pair<uint64_t, uint32_t>> origins;
  for (Candidates& candidates : buffered_) {
    chunks.push_back(std::move(candidates.rows));
    origins.insert(origins.end(), candidates.origins.begin(), candidates.origins.end());
  }
  buffered_.clear();
  const Chunk all = columnar::ConcatenateChunks(chunks.front().schema(), chunks);
  BOYO_ASSIGN_OR_RETURN(const std::vector<ArrayPtr> keys, EvaluateSortKeys(keys_, all, context));
  std::vector<uint32_t> order(static_cast<size_t>(all.num_rows()));
  std::iota(order.begin(), order.end(), 0u);
  const auto kept = static_cast<size_t>(std::min<int64_t>(count_, all.num_rows()));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [&](uint32_t x, uint32_t y) {
                      int compared = CompareByKeys(keys, keys_, x, y);
                      if (compared == 0 && ties_by_row_) compared = CompareRows(all, x, y);
                      if (compared != 0) return compared < 0;
                      return origins[x] < origins[y];
                    });
  order.resize(kept);
  if (bound_ != nullptr && static_cast<int64_t>(kept) == count_ && kept > 0) {
    // count_ rows at or before this one: nothing after its first key can be in the result.
    bound_->Tighten(keys[0]->GetValue(order[kept - 1]));
    cut_ = true;
  }
  Candidates candidates;
  for (const uint32_t row : order) candidates.origins.push_back(origins[row]);
  columnar::SelectionVector selection;
  selection.mutable_rows() = std::move(order);
  candidates.rows = TakeRows(all, selection);
  buffered_rows_ = candidates.rows.num_rows();
  buffered_.push_back(std::move(candidates));
  return Status::OK();
}

Status TopNSink::Finalize(ExecContext& context) {
  BOYO_RETURN_IF_ERROR(Compact(context));
  if (buffered_.empty()) return Status::OK();
  std::lock_guard<std::mutex> lock(output_->mutex);
  output_->chunks.push_back(std::move(buffered_.front().rows));
  buffered_.clear();
  return Status::OK();
}

}  // namespace boyodb::exec
