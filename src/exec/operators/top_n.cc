#include "exec/operators/top_n.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "exec/expression/evaluator.h"
#include "exec/operators/normalized_keys.h"
#include "exec/operators/row_values.h"
#include "exec/operators/sort.h"
#include "storage/scan/exact_bounds.h"

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

// From this many rows kept, a cut sorts all rows instead of selecting the first ones.
constexpr size_t kSortAllFromKept = 1024;
// From this many rows kept (and below kSortAllFromKept), a cut's selection compares rows by
// their normalized keys.
constexpr size_t kNormalizeFromKept = 64;

}  // namespace

Status TopNSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

Chunk TopNSink::DropRowsAfterBound(Chunk input) const {
  const sql::BoundExpr& first = *keys_[0].expr;
  if (bound_ == nullptr || first.kind != sql::BoundKind::kColumn) return input;
  const std::optional<columnar::SelectionVector> rows =
      bound_->RowsNotAfter(*input.column(static_cast<size_t>(first.column_index)));
  if (!rows.has_value()) return input;
  return TakeRows(input, *rows);
}

Chunk TopNSink::DropRowsAfterCutRow(Chunk input) const {
  if (cut_row_.empty() || input.num_rows() == 0) return input;
  // Level by level: rows strictly before the cut row's value are kept, rows equal to it go
  // on to the next level, the others go. Rows equal at every level are kept (what follows
  // decides among them).
  std::vector<uint32_t> kept;
  columnar::SelectionVector pending = columnar::SelectionVector::All(input.num_rows());
  for (size_t level = 0; level < cut_levels_.size() && !pending.rows().empty(); ++level) {
    const CutLevel& cut_level = cut_levels_[level];
    const types::Value& cut = cut_row_[level];
    if (cut.is_null()) break;
    const columnar::Array& column = *input.column(cut_level.column);
    storage::ColumnPredicate before;
    before.op = cut_level.descending ? storage::CompareOp::kGt : storage::CompareOp::kLt;
    before.value = cut;
    storage::ColumnPredicate equal;
    equal.op = storage::CompareOp::kEq;
    equal.value = cut;
    Result<storage::ColumnPredicate> bound_before = storage::BindPredicate(before, column.type());
    Result<storage::ColumnPredicate> bound_equal = storage::BindPredicate(equal, column.type());
    if (!bound_before.ok() || !bound_equal.ok()) break;
    columnar::SelectionVector earlier = pending;
    storage::FilterRows(*bound_before, column, &earlier);
    kept.insert(kept.end(), earlier.rows().begin(), earlier.rows().end());
    if (cut_level.nulls_first && column.null_count() > 0) {
      for (const uint32_t row : pending.rows()) {
        if (column.IsNull(row)) kept.push_back(row);
      }
    }
    storage::FilterRows(*bound_equal, column, &pending);
  }
  if (kept.size() + pending.rows().size() == static_cast<size_t>(input.num_rows())) return input;
  kept.insert(kept.end(), pending.rows().begin(), pending.rows().end());
  std::sort(kept.begin(), kept.end());
  columnar::SelectionVector rows;
  rows.mutable_rows() = std::move(kept);
  return TakeRows(input, rows);
}

bool TopNSink::CutsByRow() const {
  const sql::BoundExpr& first = *keys_.front().expr;
  return first.kind == sql::BoundKind::kColumn && storage::ZoneMapBoundsAreExact(first.type);
}

void TopNSink::SetCutRow(const Chunk& chunk, const std::vector<ArrayPtr>& keys, uint32_t key_row,
                         int64_t row) {
  if (cut_levels_.empty()) {
    bool every_key = true;
    for (const sql::SortKey& key : keys_) {
      if (key.expr->kind != sql::BoundKind::kColumn ||
          !storage::ZoneMapBoundsAreExact(key.expr->type)) {
        every_key = false;
        break;
      }
      cut_levels_.push_back(
          {static_cast<size_t>(key.expr->column_index), key.descending, key.nulls_first});
    }
    for (size_t c = 0; every_key && ties_by_row_ && c < chunk.columns().size(); ++c) {
      if (!storage::ZoneMapBoundsAreExact(chunk.column(c)->type())) break;
      cut_levels_.push_back({c, /*descending=*/false, /*nulls_first=*/false});
    }
  }
  cut_row_.clear();
  for (size_t level = 0; level < cut_levels_.size(); ++level) {
    cut_row_.push_back(level < keys_.size()
                           ? keys[level]->GetValue(key_row)
                           : chunk.column(cut_levels_[level].column)->GetValue(row));
  }
}

Status TopNSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  input = DropRowsAfterCutRow(DropRowsAfterBound(std::move(input)));
  if (input.num_rows() == 0) return Status::OK();
  Candidates candidates;
  candidates.origins.reserve(static_cast<size_t>(input.num_rows()));
  for (int64_t row = 0; row < input.num_rows(); ++row) {
    candidates.origins.emplace_back(sequence, static_cast<uint32_t>(row));
  }
  buffered_rows_ += input.num_rows();
  candidates.rows = std::move(input);
  buffered_.push_back(std::move(candidates));
  // The first cut comes as soon as there are enough rows to give the scan a cut-off, or
  // arriving rows a cut row.
  const bool cut_off = bound_ != nullptr || CutsByRow();
  const bool first_cut = ((bound_ != nullptr && !cut_) || (CutsByRow() && cut_row_.empty())) &&
                         buffered_rows_ >= count_;
  if (first_cut || buffered_rows_ >= CutAt(count_, cut_off)) return Compact(context);
  return Status::OK();
}

std::unique_ptr<Sink> TopNSink::NewLocal() {
  for (const sql::SortKey& key : keys_) {
    if (!ParallelSafe(*key.expr)) return nullptr;
  }
  return std::make_unique<TopNSink>(keys_, count_, output_, bound_, ties_by_row_);
}

Status TopNSink::FinishDriver(ExecContext& context) {
  if (buffered_rows_ <= count_) return Status::OK();
  return Compact(context);
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
  // Only the sort keys are gathered into one place; the kept rows are then taken from their
  // own chunks. Gathering every column of every buffered row (64K rows and wide texts, for
  // a ten-row answer) was most of the cut's time.
  std::vector<Chunk> chunks;
  std::vector<std::pair<uint64_t, uint32_t>> origins;
  std::vector<std::pair<uint32_t, uint32_t>> places;  // per row: (chunk, row in it)
  std::vector<std::vector<ArrayPtr>> chunk_keys;
  for (Candidates& candidates : buffered_) {
    BOYO_ASSIGN_OR_RETURN(std::vector<ArrayPtr> keys,
                          EvaluateSortKeys(keys_, candidates.rows, context));
    chunk_keys.push_back(std::move(keys));
    const auto chunk = static_cast<uint32_t>(chunks.size());
    for (int64_t row = 0; row < candidates.rows.num_rows(); ++row) {
      places.emplace_back(chunk, static_cast<uint32_t>(row));
    }
    chunks.push_back(std::move(candidates.rows));
    origins.insert(origins.end(), candidates.origins.begin(), candidates.origins.end());
  }
  buffered_.clear();
  std::vector<ArrayPtr> keys;
  for (size_t k = 0; k < keys_.size(); ++k) {
    if (chunk_keys.size() == 1) {
      keys.push_back(chunk_keys.front()[k]);
      continue;
    }
    std::vector<Chunk> pieces;
    const columnar::SchemaPtr schema = SchemaOf({sql::OutputColumn{"key", keys_[k].expr->type}});
    for (size_t c = 0; c < chunks.size(); ++c) {
      pieces.emplace_back(schema, std::vector<ArrayPtr>{chunk_keys[c][k]}, chunks[c].num_rows());
    }
    keys.push_back(columnar::ConcatenateColumn(keys_[k].expr->type, pieces, 0));
  }
  // Rows of different chunks compared column by column, as CompareRows does within one.
  auto compare_rows = [&](uint32_t x, uint32_t y) {
    const Chunk& a = chunks[places[x].first];
    const Chunk& b = chunks[places[y].first];
    const int64_t i = places[x].second;
    const int64_t j = places[y].second;
    for (size_t c = 0; c < a.columns().size(); ++c) {
      const bool x_null = a.column(c)->IsNull(i);
      const bool y_null = b.column(c)->IsNull(j);
      if (x_null || y_null) {
        if (x_null == y_null) continue;
        return x_null ? 1 : -1;
      }
      const int compared = CompareValues(*a.column(c), i, *b.column(c), j);
      if (compared != 0) return compared;
    }
    return 0;
  };
  // Rows whose keys tie: by their values when input order means nothing, then by origin.
  auto tie = [&](uint32_t x, uint32_t y) {
    const int compared = ties_by_row_ ? compare_rows(x, y) : 0;
    if (compared != 0) return compared;
    return origins[x] < origins[y] ? -1 : 1;
  };
  const auto num_rows = static_cast<int64_t>(places.size());
  const auto kept = static_cast<size_t>(std::min<int64_t>(count_, num_rows));
  std::vector<uint32_t> order;
  if (kept >= kSortAllFromKept) {
    // Many rows kept (a LIMIT with a large OFFSET): a selection costs a comparison of the
    // keys per row and level, serially; a parallel sort of the normalized keys beats it
    // (hits Q41 kept 10,010 of 20,000 rows: 7.4 ms on one thread before).
    // Rows whose keys tie sort by their values as further keys, when input order means
    // nothing: aggregates' counts, sorted on, tie by the thousand.
    std::vector<ArrayPtr> sort_keys = keys;
    std::vector<sql::SortKey> sort_order = keys_;
    if (ties_by_row_) {
      AppendRowsAsKeys(ConcatenateInParallel(chunks.front().schema(), chunks, context.threads),
                       &sort_keys, &sort_order);
    }
    order = SortedRows(sort_keys, sort_order, num_rows, context.threads,
                       [&](uint32_t x, uint32_t y) { return origins[x] < origins[y] ? -1 : 1; });
  } else {
    // With many rows kept, rows are compared by their normalized keys where the keys have
    // them: CompareByKeys, a call per key and value, made the cut of hits Q42's 2880 groups
    // (1010 kept) a third of its time on two threads, run on one while the other waited. With
    // few kept, most rows take one comparison with the heap's top, and encoding every row's
    // keys first cost more than it saved (hits Q26, ten rows of 4096: 8% slower).
    const std::optional<NormalizedKeys> normalized =
        kept >= kNormalizeFromKept ? NormalizedKeys::Make(keys, keys_, num_rows, /*threads=*/1)
                                   : std::nullopt;
    auto compare_keys = [&](uint32_t x, uint32_t y) {
      if (normalized.has_value()) {
        const uint64_t* a = normalized->row(x);
        const uint64_t* b = normalized->row(y);
        for (size_t w = 0; w < normalized->words_per_row(); ++w) {
          if (a[w] != b[w]) return a[w] < b[w] ? -1 : 1;
        }
        if (normalized->exact()) return 0;
      }
      return CompareByKeys(keys, keys_, x, y);
    };
    order.resize(places.size());
    std::iota(order.begin(), order.end(), 0u);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                      [&](uint32_t x, uint32_t y) {
                        const int compared = compare_keys(x, y);
                        return (compared != 0 ? compared : tie(x, y)) < 0;
                      });
  }
  order.resize(kept);
  if (static_cast<int64_t>(kept) == count_ && kept > 0) {
    // count_ rows at or before this one: nothing after it can be in the result, nor after
    // its first key.
    const auto [chunk, row] = places[order[kept - 1]];
    SetCutRow(chunks[chunk], keys, order[kept - 1], row);
    if (bound_ != nullptr) {
      bound_->Tighten(keys[0]->GetValue(order[kept - 1]));
      cut_ = true;
    }
  }
  // The kept rows of each chunk, then all of them in sort order.
  std::vector<columnar::SelectionVector> taken(chunks.size());
  std::vector<uint32_t> position_in_chunk(kept);
  for (size_t r = 0; r < kept; ++r) {
    const auto [chunk, row] = places[order[r]];
    position_in_chunk[r] = static_cast<uint32_t>(taken[chunk].rows().size());
    taken[chunk].mutable_rows().push_back(row);
  }
  std::vector<Chunk> pieces;
  std::vector<uint32_t> piece_start(chunks.size(), 0);
  uint32_t gathered = 0;
  for (size_t c = 0; c < chunks.size(); ++c) {
    if (taken[c].rows().empty()) continue;
    piece_start[c] = gathered;
    gathered += static_cast<uint32_t>(taken[c].rows().size());
    pieces.push_back(TakeRows(chunks[c], taken[c]));
  }
  Candidates candidates;
  columnar::SelectionVector sorted;
  for (size_t r = 0; r < kept; ++r) {
    candidates.origins.push_back(origins[order[r]]);
    sorted.mutable_rows().push_back(piece_start[places[order[r]].first] + position_in_chunk[r]);
  }
  if (pieces.empty()) {
    candidates.rows = TakeRows(chunks.front(), sorted);
  } else {
    // Concatenated even when one chunk holds them all: that decodes dictionary-encoded
    // columns, so the few kept rows do not carry a segment's whole dictionary along (into a
    // client's result, say).
    const Chunk gathered_rows = columnar::ConcatenateChunks(pieces.front().schema(), pieces);
    candidates.rows = TakeRows(gathered_rows, sorted);
  }
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
