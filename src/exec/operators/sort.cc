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

void AppendRowsAsKeys(const Chunk& rows, std::vector<ArrayPtr>* keys,
                      std::vector<sql::SortKey>* order) {
  for (const ArrayPtr& column : rows.columns()) {
    keys->push_back(column);
    order->push_back(sql::SortKey{nullptr, /*descending=*/false, /*nulls_first=*/false});
  }
}

std::vector<uint32_t> SortedRows(const std::vector<ArrayPtr>& keys,
                                 const std::vector<sql::SortKey>& order, int64_t num_rows,
                                 int threads, const std::function<int(uint32_t, uint32_t)>& tie) {
  const std::optional<NormalizedKeys> normalized =
      NormalizedKeys::Make(keys, order, num_rows, threads);
  // Rows whose normalized keys tie: by the keys themselves where the words stop short.
  const bool exact = normalized.has_value() && normalized->exact();
  auto tie_after_words = [&](uint32_t x, uint32_t y) {
    const int compared = exact ? 0 : CompareByKeys(keys, order, x, y);
    return compared != 0 ? compared : tie(x, y);
  };
  switch (normalized.has_value() ? normalized->words_per_row() : 0) {
    case 1:
      return SortByWords<1>(*normalized, num_rows, threads, tie_after_words);
    case 2:
      return SortByWords<2>(*normalized, num_rows, threads, tie_after_words);
    case 3:
      return SortByWords<3>(*normalized, num_rows, threads, tie_after_words);
    case 4:
      return SortByWords<4>(*normalized, num_rows, threads, tie_after_words);
    default:
      break;
  }
  std::vector<uint32_t> rows(static_cast<size_t>(num_rows));
  std::iota(rows.begin(), rows.end(), 0u);
  ParallelSort(rows, threads, [&](uint32_t x, uint32_t y) { return tie_after_words(x, y) < 0; });
  return rows;
}

Status SortSink::Finalize(ExecContext& context) {
  if (input_.empty()) return Status::OK();
  const std::vector<Chunk> input = input_.Release();
  const Chunk all = ConcatenateInParallel(input.front().schema(), input, context.threads);
  BOYO_ASSIGN_OR_RETURN(const std::vector<ArrayPtr> keys, EvaluateSortKeys(keys_, all, context));
  const int64_t num_rows = all.num_rows();
  // Rows whose keys tie: by their values when input order means nothing (the values then
  // sort as keys after the sort keys), else by input order (a stable sort).
  std::vector<ArrayPtr> sort_keys = keys;
  std::vector<sql::SortKey> sort_order = keys_;
  if (ties_by_row_) AppendRowsAsKeys(all, &sort_keys, &sort_order);
  const std::vector<uint32_t> order =
      SortedRows(sort_keys, sort_order, num_rows, context.threads,
                 [](uint32_t x, uint32_t y) { return x < y ? -1 : 1; });
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
