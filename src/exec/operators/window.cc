#include "exec/operators/window.h"

#include <algorithm>
#include <numeric>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Chunk;
using sql::BoundWindow;
using sql::WindowFrame;

namespace {

// Equal under grouping rules: NULL equals NULL.
bool SameValue(const Array& values, int64_t x, int64_t y) {
  const bool x_null = values.IsNull(x);
  const bool y_null = values.IsNull(y);
  if (x_null || y_null) return x_null == y_null;
  return CompareValues(values, x, values, y) == 0;
}

bool SameKeys(const std::vector<ArrayPtr>& keys, int64_t x, int64_t y) {
  for (const ArrayPtr& key : keys) {
    if (!SameValue(*key, x, y)) return false;
  }
  return true;
}

Status ArgumentError(std::string_view function) {
  return Status(StatusCode::kInvalidArgument, "22014",
                "argument of " + std::string(function) + " must be greater than zero");
}

// One aggregate state, aligned for any state type.
class AggregateState {
 public:
  explicit AggregateState(const sql::AggregateFunction& function)
      : function_(function),
        storage_((function.state_size() + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t) +
                 1) {
    function_.Init(data());
  }
  ~AggregateState() { function_.Destroy(data()); }
  AggregateState(const AggregateState&) = delete;
  AggregateState& operator=(const AggregateState&) = delete;
  uint8_t* data() { return reinterpret_cast<uint8_t*>(storage_.data()); }

 private:
  const sql::AggregateFunction& function_;
  std::vector<std::max_align_t> storage_;
};

// The rows of one window function's input in (PARTITION BY, ORDER BY) order, with the
// partition and peer-group boundaries.
struct Ordered {
  std::vector<uint32_t> order;        // sorted position -> input row
  std::vector<ArrayPtr> args;         // arguments, in sorted order
  ArrayPtr filter;                    // FILTER condition in sorted order, or null
  std::vector<int64_t> peer_start;    // per sorted row: first row of its peer group
  std::vector<int64_t> peer_end;      // per sorted row: one past the last row of its peer group
  std::vector<int64_t> group;         // per sorted row: peer group number within its partition
  std::vector<int64_t> group_starts;  // per partition-relative group: first row (absolute)
  // RANGE with an offset: the ORDER BY key and the bound values, in sorted order.
  ArrayPtr range_key;
  ArrayPtr range_start_value;
  ArrayPtr range_end_value;
};

// One partition of the sorted rows: [begin, end), of which [keyed_begin, keyed_end) have a
// non-null RANGE key (NULL keys sort to one end of the partition).
struct Partition {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t keyed_begin = 0;
  int64_t keyed_end = 0;
};

// A frame after EXCLUDE: up to three runs of rows, in order.
struct FrameRuns {
  std::pair<int64_t, int64_t> runs[3];
  int count = 0;
  void Add(int64_t first, int64_t last) {
    if (first < last) runs[count++] = {first, last};
  }
  int64_t size() const {
    int64_t total = 0;
    for (int k = 0; k < count; ++k) total += runs[k].second - runs[k].first;
    return total;
  }
  // The n-th row (0-based) of the frame, or -1.
  int64_t Row(int64_t n) const {
    for (int k = 0; k < count; ++k) {
      const int64_t length = runs[k].second - runs[k].first;
      if (n < length) return runs[k].first + n;
      n -= length;
    }
    return -1;
  }
};

Result<Ordered> OrderRows(const BoundWindow& window, const Chunk& input, ExecContext& context,
                          std::vector<std::pair<int64_t, int64_t>>* partitions) {
  const int64_t n = input.num_rows();
  std::vector<ArrayPtr> partition_keys;
  for (const sql::BoundExprPtr& key : window.partition_by) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key, input, context));
    partition_keys.push_back(std::move(values));
  }
  std::vector<ArrayPtr> order_keys;
  for (const sql::SortKey& key : window.order_by) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key.expr, input, context));
    order_keys.push_back(std::move(values));
  }
  Ordered ordered;
  ordered.order.resize(static_cast<size_t>(n));
  std::iota(ordered.order.begin(), ordered.order.end(), 0u);
  std::stable_sort(ordered.order.begin(), ordered.order.end(), [&](uint32_t x, uint32_t y) {
    for (const ArrayPtr& key : partition_keys) {
      const bool x_null = key->IsNull(x);
      const bool y_null = key->IsNull(y);
      if (x_null || y_null) {
        if (x_null == y_null) continue;
        return y_null;
      }
      const int compared = CompareValues(*key, x, *key, y);
      if (compared != 0) return compared < 0;
    }
    for (size_t k = 0; k < order_keys.size(); ++k) {
      const Array& key = *order_keys[k];
      const bool x_null = key.IsNull(x);
      const bool y_null = key.IsNull(y);
      if (x_null || y_null) {
        if (x_null == y_null) continue;
        return x_null == window.order_by[k].nulls_first;
      }
      int compared = CompareValues(key, x, key, y);
      if (compared == 0) continue;
      if (window.order_by[k].descending) compared = -compared;
      return compared < 0;
    }
    return false;
  });
  columnar::SelectionVector selection;
  selection.mutable_rows() = ordered.order;
  for (ArrayPtr& key : partition_keys) key = columnar::Take(*key, selection);
  for (ArrayPtr& key : order_keys) key = columnar::Take(*key, selection);
  for (const sql::BoundExprPtr& arg : window.args) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*arg, input, context));
    ordered.args.push_back(columnar::Take(*values, selection));
  }
  if (window.filter != nullptr) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*window.filter, input, context));
    ordered.filter = columnar::Take(*values, selection);
  }
  const WindowFrame& frame = window.frame;
  for (const auto& [expr, out] : {std::pair{&frame.range_key, &ordered.range_key},
                                  std::pair{&frame.range_start_value, &ordered.range_start_value},
                                  std::pair{&frame.range_end_value, &ordered.range_end_value}}) {
    if (*expr == nullptr) continue;
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(**expr, input, context));
    *out = columnar::Take(*values, selection);
  }
  ordered.peer_start.resize(static_cast<size_t>(n));
  ordered.peer_end.resize(static_cast<size_t>(n));
  ordered.group.resize(static_cast<size_t>(n));
  int64_t partition_start = 0;
  for (int64_t i = 0; i < n; ++i) {
    const bool new_partition = i == 0 || !SameKeys(partition_keys, i - 1, i);
    if (new_partition) {
      if (i > 0) partitions->emplace_back(partition_start, i);
      partition_start = i;
    }
    const bool new_group = new_partition || !SameKeys(order_keys, i - 1, i);
    if (new_group) {
      ordered.group_starts.push_back(i);
      ordered.peer_start[static_cast<size_t>(i)] = i;
      ordered.group[static_cast<size_t>(i)] =
          new_partition ? 0 : ordered.group[static_cast<size_t>(i - 1)] + 1;
    } else {
      ordered.peer_start[static_cast<size_t>(i)] = ordered.peer_start[static_cast<size_t>(i - 1)];
      ordered.group[static_cast<size_t>(i)] = ordered.group[static_cast<size_t>(i - 1)];
    }
  }
  if (n > 0) partitions->emplace_back(partition_start, n);
  for (int64_t i = n - 1; i >= 0; --i) {
    const bool last_of_group = i == n - 1 || ordered.peer_start[static_cast<size_t>(i + 1)] !=
                                                 ordered.peer_start[static_cast<size_t>(i)];
    ordered.peer_end[static_cast<size_t>(i)] =
        last_of_group ? i + 1 : ordered.peer_end[static_cast<size_t>(i + 1)];
  }
  return ordered;
}

// The first row of [begin, end) whose RANGE key has passed `values[i]` in the sort direction
// (or reached it, when `inclusive`): the keyed rows are sorted, so a binary search.
int64_t FirstRowBeyond(const Ordered& ordered, bool descending, const Array& values, int64_t i,
                       int64_t begin, int64_t end, bool inclusive) {
  const Array& keys = *ordered.range_key;
  while (begin < end) {
    const int64_t middle = begin + (end - begin) / 2;
    int compared = CompareValues(keys, middle, values, i);
    if (descending) compared = -compared;
    const bool beyond = inclusive ? compared >= 0 : compared > 0;
    if (beyond) {
      end = middle;
    } else {
      begin = middle + 1;
    }
  }
  return begin;
}

// The frame of sorted row i in `partition`: rows [first, last), before EXCLUDE.
std::pair<int64_t, int64_t> FrameOf(const BoundWindow& window, const Ordered& ordered,
                                    const Partition& partition, int64_t i) {
  const WindowFrame& frame = window.frame;
  const int64_t p0 = partition.begin;
  const int64_t p1 = partition.end;
  const auto at = static_cast<size_t>(i);
  // The absolute start of the peer group `delta` groups from row i's, clamped to the partition.
  auto group_start = [&](int64_t delta) -> int64_t {
    // group_starts holds every group's start in order; find row i's group by its start.
    const auto it = std::lower_bound(ordered.group_starts.begin(), ordered.group_starts.end(),
                                     ordered.peer_start[at]);
    const int64_t index = (it - ordered.group_starts.begin()) + delta;
    if (index < 0) return p0;
    if (index >= static_cast<int64_t>(ordered.group_starts.size())) return p1;
    return std::clamp(ordered.group_starts[static_cast<size_t>(index)], p0, p1);
  };
  // RANGE offsets: a row whose key is NULL frames its NULL peers; other rows search the
  // non-null keys for the bound value.
  const bool descending = !window.order_by.empty() && window.order_by.front().descending;
  auto range_bound = [&](const ArrayPtr& values, bool is_start) -> int64_t {
    if (ordered.range_key->IsNull(i) || values->IsNull(i)) {
      return is_start ? ordered.peer_start[at] : ordered.peer_end[at];
    }
    return FirstRowBeyond(ordered, descending, *values, i, partition.keyed_begin,
                          partition.keyed_end, is_start);
  };
  const bool rows = frame.units == WindowFrame::Units::kRows;
  const bool range = frame.units == WindowFrame::Units::kRange;
  int64_t first = p0;
  int64_t last = p1;
  switch (frame.start) {
    case WindowFrame::Bound::kUnboundedPreceding:
      first = p0;
      break;
    case WindowFrame::Bound::kCurrentRow:
      first = rows ? i : ordered.peer_start[at];
      break;
    case WindowFrame::Bound::kPreceding:
      first = rows    ? std::max(p0, i - frame.start_offset)
              : range ? range_bound(ordered.range_start_value, true)
                      : group_start(-frame.start_offset);
      break;
    case WindowFrame::Bound::kFollowing:
      first = rows    ? std::min(p1, i + frame.start_offset)
              : range ? range_bound(ordered.range_start_value, true)
                      : group_start(frame.start_offset);
      break;
    case WindowFrame::Bound::kUnboundedFollowing:
      first = p1;
      break;
  }
  switch (frame.end) {
    case WindowFrame::Bound::kUnboundedFollowing:
      last = p1;
      break;
    case WindowFrame::Bound::kCurrentRow:
      last = rows ? i + 1 : ordered.peer_end[at];
      break;
    case WindowFrame::Bound::kFollowing:
      last = rows    ? std::min(p1, i + frame.end_offset + 1)
             : range ? range_bound(ordered.range_end_value, false)
                     : group_start(frame.end_offset + 1);
      break;
    case WindowFrame::Bound::kPreceding:
      last = rows    ? std::max(p0, i - frame.end_offset + 1)
             : range ? range_bound(ordered.range_end_value, false)
                     : group_start(-frame.end_offset + 1);
      break;
    case WindowFrame::Bound::kUnboundedPreceding:
      last = p0;
      break;
  }
  return {first, std::max(first, last)};
}

// The frame of sorted row i with EXCLUDE applied.
FrameRuns FrameRunsOf(const BoundWindow& window, const Ordered& ordered, const Partition& partition,
                      int64_t i) {
  const auto [first, last] = FrameOf(window, ordered, partition, i);
  FrameRuns runs;
  const auto at = static_cast<size_t>(i);
  int64_t gap_begin = last;
  int64_t gap_end = last;
  switch (window.frame.exclude) {
    case WindowFrame::Exclude::kNoOthers:
      break;
    case WindowFrame::Exclude::kCurrentRow:
      gap_begin = i;
      gap_end = i + 1;
      break;
    case WindowFrame::Exclude::kGroup:
    case WindowFrame::Exclude::kTies:
      gap_begin = ordered.peer_start[at];
      gap_end = ordered.peer_end[at];
      break;
  }
  gap_begin = std::clamp(gap_begin, first, last);
  gap_end = std::clamp(gap_end, gap_begin, last);
  runs.Add(first, gap_begin);
  // EXCLUDE TIES keeps the current row itself.
  if (window.frame.exclude == WindowFrame::Exclude::kTies && i >= first && i < last) {
    runs.Add(i, i + 1);
  }
  runs.Add(gap_end, last);
  return runs;
}

// Feeds rows [first, last) of the window's arguments to `state` (rows with a NULL argument,
// when the aggregate skips them, and rows its FILTER rejects go to `discard`).
Status Accumulate(const BoundWindow& window, const Ordered& ordered, int64_t first, int64_t last,
                  uint8_t* state, uint8_t* discard) {
  if (last <= first) return Status::OK();
  const int64_t count = last - first;
  std::vector<uint8_t*> states(static_cast<size_t>(count), state);
  for (int64_t r = 0; r < count; ++r) {
    bool keep = true;
    if (window.skip_nulls) {
      for (const ArrayPtr& arg : ordered.args) keep = keep && !arg->IsNull(first + r);
    }
    if (keep && ordered.filter != nullptr) {
      keep = !ordered.filter->IsNull(first + r) && ordered.filter->GetValue(first + r).boolean();
    }
    if (!keep) states[static_cast<size_t>(r)] = discard;
  }
  std::vector<ArrayPtr> slices;
  for (const ArrayPtr& arg : ordered.args) slices.push_back(arg->Slice(first, count));
  return window.aggregate->Update(states.data(), slices, count);
}

// An aggregate's state over each aligned block of kRows rows of a partition, so a frame that
// slides (`ROWS BETWEEN 100 PRECEDING AND CURRENT ROW`) costs its two partial blocks row by
// row and the whole blocks between them one Merge each, not one Update per row of the frame.
class BlockStates {
 public:
  static constexpr int64_t kRows = 64;

  // States for the blocks of [begin, end), built on first use.
  Status Build(const BoundWindow& window, const Ordered& ordered, int64_t begin, int64_t end,
               uint8_t* discard) {
    begin_ = begin;
    for (int64_t first = begin; first + kRows <= end; first += kRows) {
      states_.push_back(std::make_unique<AggregateState>(*window.aggregate));
      BOYO_RETURN_IF_ERROR(
          Accumulate(window, ordered, first, first + kRows, states_.back()->data(), discard));
    }
    built_ = true;
    return Status::OK();
  }
  bool built() const { return built_; }

  // Adds rows [first, last) to `state`, in order: the rows before the first whole block, the
  // whole blocks, then the rest.
  Status Add(const BoundWindow& window, const Ordered& ordered, int64_t first, int64_t last,
             uint8_t* state, uint8_t* discard) const {
    const int64_t first_block = (first - begin_ + kRows - 1) / kRows;
    const int64_t end_block =
        std::min<int64_t>((last - begin_) / kRows, static_cast<int64_t>(states_.size()));
    if (end_block - first_block < 1)
      return Accumulate(window, ordered, first, last, state, discard);
    const int64_t blocks_begin = begin_ + first_block * kRows;
    const int64_t blocks_end = begin_ + end_block * kRows;
    BOYO_RETURN_IF_ERROR(Accumulate(window, ordered, first, blocks_begin, state, discard));
    for (int64_t block = first_block; block < end_block; ++block) {
      BOYO_RETURN_IF_ERROR(
          window.aggregate->Merge(state, states_[static_cast<size_t>(block)]->data()));
    }
    return Accumulate(window, ordered, blocks_end, last, state, discard);
  }

 private:
  bool built_ = false;
  int64_t begin_ = 0;
  std::vector<std::unique_ptr<AggregateState>> states_;
};

// The window function's value for every sorted row, in sorted order.
Result<ArrayPtr> ComputeSorted(const BoundWindow& window, const Ordered& ordered,
                               const std::vector<std::pair<int64_t, int64_t>>& partitions) {
  std::unique_ptr<columnar::ArrayBuilder> out = columnar::MakeBuilder(window.type);
  using Kind = BoundWindow::Kind;
  auto copy_or_null = [&](int64_t row) {
    if (row < 0) {
      out->AppendNull();
    } else {
      out->AppendArray(*ordered.args[0], row, 1);
    }
  };
  for (const auto& [p0, p1] : partitions) {
    const int64_t size = p1 - p0;
    Partition partition{p0, p1, p0, p1};
    if (ordered.range_key != nullptr) {
      while (partition.keyed_begin < p1 && ordered.range_key->IsNull(partition.keyed_begin)) {
        ++partition.keyed_begin;
      }
      while (partition.keyed_end > partition.keyed_begin &&
             ordered.range_key->IsNull(partition.keyed_end - 1)) {
        --partition.keyed_end;
      }
    }
    std::unique_ptr<AggregateState> running;
    std::unique_ptr<AggregateState> discard;
    BlockStates blocks;
    int64_t added_until = p0;
    if (window.kind == Kind::kAggregate)
      discard = std::make_unique<AggregateState>(*window.aggregate);
    for (int64_t i = p0; i < p1; ++i) {
      const auto at = static_cast<size_t>(i);
      const int64_t rank = ordered.peer_start[at] - p0 + 1;
      switch (window.kind) {
        case Kind::kRowNumber:
          BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Int64(i - p0 + 1)));
          break;
        case Kind::kRank:
          BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Int64(rank)));
          break;
        case Kind::kDenseRank:
          BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Int64(ordered.group[at] + 1)));
          break;
        case Kind::kPercentRank:
          BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Float64(
              size > 1 ? static_cast<double>(rank - 1) / static_cast<double>(size - 1) : 0.0)));
          break;
        case Kind::kCumeDist:
          BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Float64(
              static_cast<double>(ordered.peer_end[at] - p0) / static_cast<double>(size))));
          break;
        case Kind::kNtile: {
          const Array& buckets_arg = *ordered.args[0];
          if (buckets_arg.IsNull(i)) {
            out->AppendNull();
            break;
          }
          const int64_t buckets = buckets_arg.GetValue(i).int64();
          if (buckets <= 0) return ArgumentError("ntile");
          // The first size % buckets buckets hold one row more, as PostgreSQL deals them.
          const int64_t position = i - p0;
          const int64_t small = size / buckets;
          const int64_t large_count = size % buckets;
          const int64_t in_large = large_count * (small + 1);
          const int64_t bucket =
              position < in_large
                  ? position / (small + 1)
                  : large_count + (position - in_large) / std::max<int64_t>(small, 1);
          BOYO_RETURN_IF_ERROR(
              out->AppendValue(types::Value::Int32(static_cast<int32_t>(bucket + 1))));
          break;
        }
        case Kind::kLag:
        case Kind::kLead: {
          int64_t offset = 1;
          if (ordered.args.size() >= 2) {
            if (ordered.args[1]->IsNull(i)) {
              out->AppendNull();
              break;
            }
            offset = ordered.args[1]->GetValue(i).int64();
          }
          const int64_t target = window.kind == Kind::kLag ? i - offset : i + offset;
          if (target >= p0 && target < p1) {
            out->AppendArray(*ordered.args[0], target, 1);
          } else if (ordered.args.size() == 3) {
            out->AppendArray(*ordered.args[2], i, 1);
          } else {
            out->AppendNull();
          }
          break;
        }
        case Kind::kFirstValue:
        case Kind::kLastValue:
        case Kind::kNthValue: {
          const FrameRuns frame = FrameRunsOf(window, ordered, partition, i);
          int64_t row = -1;
          if (window.kind == Kind::kFirstValue) row = frame.Row(0);
          if (window.kind == Kind::kLastValue) row = frame.Row(frame.size() - 1);
          if (window.kind == Kind::kNthValue) {
            if (ordered.args[1]->IsNull(i)) {
              out->AppendNull();
              break;
            }
            const int64_t nth = ordered.args[1]->GetValue(i).int64();
            if (nth <= 0) return ArgumentError("nth_value");
            row = frame.Row(nth - 1);
          }
          copy_or_null(row);
          break;
        }
        case Kind::kAggregate: {
          const FrameRuns frame = FrameRunsOf(window, ordered, partition, i);
          uint8_t* state = nullptr;
          std::unique_ptr<AggregateState> fresh;
          if (window.frame.start == WindowFrame::Bound::kUnboundedPreceding &&
              window.frame.exclude == WindowFrame::Exclude::kNoOthers) {
            // Frames that all start at the partition's first row only grow: one running state.
            const int64_t last = frame.count == 0 ? p0 : frame.runs[0].second;
            if (running == nullptr) running = std::make_unique<AggregateState>(*window.aggregate);
            BOYO_RETURN_IF_ERROR(
                Accumulate(window, ordered, added_until, last, running->data(), discard->data()));
            added_until = std::max(added_until, last);
            state = running->data();
          } else {
            fresh = std::make_unique<AggregateState>(*window.aggregate);
            if (!blocks.built() && frame.size() >= 4 * BlockStates::kRows) {
              BOYO_RETURN_IF_ERROR(blocks.Build(window, ordered, p0, p1, discard->data()));
            }
            for (int k = 0; k < frame.count; ++k) {
              BOYO_RETURN_IF_ERROR(
                  blocks.built()
                      ? blocks.Add(window, ordered, frame.runs[k].first, frame.runs[k].second,
                                   fresh->data(), discard->data())
                      : Accumulate(window, ordered, frame.runs[k].first, frame.runs[k].second,
                                   fresh->data(), discard->data()));
            }
            state = fresh->data();
          }
          const uint8_t* states[] = {state};
          BOYO_RETURN_IF_ERROR(window.aggregate->Finalize(states, 1, out.get()));
          break;
        }
      }
    }
  }
  return out->Finish();
}

}  // namespace

Status WindowSink::Consume(Chunk input, ExecContext& context) {
  (void)context;
  input_.push_back(std::move(input));
  return Status::OK();
}

Status WindowSink::Finalize(ExecContext& context) {
  if (input_.empty()) return Status::OK();
  const Chunk all = columnar::ConcatenateChunks(input_.front().schema(), input_);
  input_.clear();
  std::vector<ArrayPtr> columns = all.columns();
  for (const BoundWindow& window : windows_) {
    std::vector<std::pair<int64_t, int64_t>> partitions;
    BOYO_ASSIGN_OR_RETURN(Ordered ordered, OrderRows(window, all, context, &partitions));
    BOYO_ASSIGN_OR_RETURN(ArrayPtr sorted, ComputeSorted(window, ordered, partitions));
    // Back to input order: row r of the input sits at sorted position inverse[r].
    columnar::SelectionVector inverse;
    inverse.mutable_rows().resize(ordered.order.size());
    for (size_t position = 0; position < ordered.order.size(); ++position) {
      inverse.mutable_rows()[ordered.order[position]] = static_cast<uint32_t>(position);
    }
    columns.push_back(columnar::Take(*sorted, inverse));
  }
  std::lock_guard<std::mutex> lock(output_->mutex);
  output_->chunks.emplace_back(schema_, std::move(columns), all.num_rows());
  return Status::OK();
}

}  // namespace boyodb::exec
