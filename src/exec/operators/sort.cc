#include "exec/operators/sort.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>

#include "exec/expression/evaluator.h"
#include "exec/operators/normalized_keys.h"
#include "exec/operators/parallel_sort.h"
#include "exec/operators/row_values.h"
#include "exec/pipeline/worker_pool.h"

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

namespace {

// Rows per chunk of a sort's output, taken on the threads at once.
constexpr int64_t kRowsPerOutputChunk = 64 * 1024;

// The rows in sort order by their normalized keys of `words` words, and by `tie` (never 0 for
// two rows) where those are equal.
template <size_t kWords, typename Tie>
std::vector<uint32_t> SortByWords(const NormalizedKeys& normalized, int64_t num_rows, int threads,
                                  const Tie& tie) {
  struct Record {
    std::array<uint64_t, kWords> words;
    uint32_t row;
  };
  std::vector<Record> records(static_cast<size_t>(num_rows));
  for (int64_t row = 0; row < num_rows; ++row) {
    Record& record = records[static_cast<size_t>(row)];
    std::copy_n(normalized.row(row), kWords, record.words.begin());
    record.row = static_cast<uint32_t>(row);
  }
  ParallelSort(records, threads, [&](const Record& a, const Record& b) {
    if (a.words != b.words) return a.words < b.words;
    return tie(a.row, b.row) < 0;
  });
  std::vector<uint32_t> order(records.size());
  for (size_t i = 0; i < records.size(); ++i) order[i] = records[i].row;
  return order;
}

}  // namespace

Status SortSink::Finalize(ExecContext& context) {
  if (input_.empty()) return Status::OK();
  const std::vector<Chunk> input = input_.Release();
  const Chunk all = ConcatenateInParallel(input.front().schema(), input, context.threads);
  BOYO_ASSIGN_OR_RETURN(const std::vector<ArrayPtr> keys, EvaluateSortKeys(keys_, all, context));
  const int64_t num_rows = all.num_rows();
  const std::optional<NormalizedKeys> normalized =
      NormalizedKeys::Make(keys, keys_, num_rows, context.threads);
  // Rows whose normalized keys tie: by the keys themselves where the words stop short, by
  // their values when input order means nothing, else by input order (a stable sort).
  const bool exact = normalized.has_value() && normalized->exact();
  auto tie = [&](uint32_t x, uint32_t y) {
    int compared = exact ? 0 : CompareByKeys(keys, keys_, x, y);
    if (compared == 0 && ties_by_row_) compared = CompareRows(all, x, y);
    if (compared == 0) compared = x < y ? -1 : 1;
    return compared;
  };
  std::vector<uint32_t> order;
  switch (normalized.has_value() ? normalized->words_per_row() : 0) {
    case 1:
      order = SortByWords<1>(*normalized, num_rows, context.threads, tie);
      break;
    case 2:
      order = SortByWords<2>(*normalized, num_rows, context.threads, tie);
      break;
    case 3:
      order = SortByWords<3>(*normalized, num_rows, context.threads, tie);
      break;
    case 4:
      order = SortByWords<4>(*normalized, num_rows, context.threads, tie);
      break;
    default:
      order.resize(static_cast<size_t>(num_rows));
      std::iota(order.begin(), order.end(), 0u);
      ParallelSort(order, context.threads, [&](uint32_t x, uint32_t y) { return tie(x, y) < 0; });
  }
  const auto pieces = static_cast<size_t>(
      std::max<int64_t>(1, (num_rows + kRowsPerOutputChunk - 1) / kRowsPerOutputChunk));
  std::vector<Chunk> sorted(pieces);
  RunInParallel(context.threads, pieces, [&](size_t piece) {
    const auto first = static_cast<std::ptrdiff_t>(piece * kRowsPerOutputChunk);
    const auto last = std::min(static_cast<std::ptrdiff_t>(num_rows), first + kRowsPerOutputChunk);
    columnar::SelectionVector selection;
    selection.mutable_rows().assign(order.begin() + first, order.begin() + last);
    sorted[piece] = TakeRows(all, selection);
  });
  std::lock_guard<std::mutex> lock(output_->mutex);
  for (Chunk& chunk : sorted) output_->chunks.push_back(std::move(chunk));
  return Status::OK();
}

}  // namespace boyodb::exec
