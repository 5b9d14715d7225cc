#include "sql/optimizer/join_order.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "sql/optimizer/cardinality.h"
#include "sql/optimizer/conjuncts.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {

namespace {

constexpr size_t kMaxInputs = 64;  // inputs are sets of bits
// A unit of inputs joins as one only when it has at most this fraction of its first input's rows.
constexpr double kUnitShrink = 0.5;
// A unit is settled before the join order is chosen when it has at most this fraction.
constexpr double kSettledShrink = 0.25;

bool InRegion(const LogicalOperator& op) {
  return op.kind == LogicalKind::kJoin &&
         (op.join_type == JoinType::kInner || op.join_type == JoinType::kCross) &&
         !op.null_safe_keys;
}

// Whether the conjunct must stay where it is: it reads an enclosing query, runs a subquery
// or calls a volatile function.
bool Pinned(const BoundExpr& expr) { return !Repeatable(expr); }

void ColumnsOf(const BoundExpr& expr, std::vector<int32_t>* out) {
  if (expr.kind == BoundKind::kColumn) out->push_back(expr.column_index);
  for (const BoundExprPtr& child : expr.children) ColumnsOf(*child, out);
}

// The inputs of a tree of inner joins and their conditions, over the tree's columns.
struct Region {
  std::vector<LogicalPtr> inputs;
  std::vector<int32_t> first_column;  // per input, its first column in the tree's output
  std::vector<BoundExprPtr> conjuncts;
  bool pinned = false;
};

class Reorderer {
 public:
  explicit Reorderer(const TableStatistics* statistics) : statistics_(statistics) {}

  LogicalPtr Rewrite(const LogicalPtr& plan) {
    if (InRegion(*plan)) return RewriteRegion(plan);
    return RewriteChildren(plan, [this](const LogicalPtr& child) { return Rewrite(child); });
  }

 private:
  void Collect(const LogicalPtr& op, int32_t offset, Region* region) {
    if (InRegion(*op)) {
      const auto left_width = static_cast<int32_t>(op->children[0]->columns.size());
      Collect(op->children[0], offset, region);
      Collect(op->children[1], offset + left_width, region);
      std::vector<BoundExprPtr> conjuncts;
      SplitConjuncts(op->condition, &conjuncts);
      for (const BoundExprPtr& conjunct : conjuncts) {
        region->pinned = region->pinned || Pinned(*conjunct);
        region->conjuncts.push_back(
            RenumberColumns(conjunct, [offset](int32_t column) { return column + offset; }));
      }
      return;
    }
    region->inputs.push_back(Rewrite(op));
    region->first_column.push_back(offset);
  }

  size_t InputOf(const Region& region, int32_t column) const {
    const auto after =
        std::upper_bound(region.first_column.begin(), region.first_column.end(), column);
    return static_cast<size_t>(after - region.first_column.begin()) - 1;
  }

  LogicalPtr RewriteRegion(const LogicalPtr& plan) {
    Region region;
    Collect(plan, 0, &region);
    const size_t n = region.inputs.size();
    if (region.pinned || n > kMaxInputs) {
      // The join as it was, its inputs rewritten.
      return RewriteChildren(plan, [this](const LogicalPtr& child) { return Rewrite(child); });
    }
    // Which inputs each conjunct reads.
    std::vector<uint64_t> reads;
    for (const BoundExprPtr& conjunct : region.conjuncts) {
      std::vector<int32_t> columns;
      ColumnsOf(*conjunct, &columns);
      uint64_t mask = 0;
      for (const int32_t column : columns) mask |= uint64_t{1} << InputOf(region, column);
      reads.push_back(mask);
    }
    std::vector<double> rows;
    for (const LogicalPtr& input : region.inputs) {
      rows.push_back(EstimateRows(*input, statistics_));
    }
    // Distinct values of a column of the tree's output, at most its input's rows.
    auto distinct = [&](int32_t column) {
      const size_t input = InputOf(region, column);
      const std::optional<double> values =
          DistinctValues(*region.inputs[input], column - region.first_column[input], statistics_);
      return std::min(values.value_or(rows[input]), rows[input]);
    };
    // The rows of joining inputs `added` (estimated `added_rows` rows) to inputs `joined`
    // (`joined_rows`): the product divided, per conjunct between them, by the larger side's
    // distinct values for an equality and by 3 for anything else. False when no conjunct
    // connects them.
    auto join_rows = [&](uint64_t joined, double joined_rows, uint64_t added, double added_rows,
                         double* estimate) {
      bool connected = false;
      double divisor = 1.0;
      double largest_single = 1.0;  // the largest divisor of one conjunct
      for (size_t c = 0; c < reads.size(); ++c) {
        const uint64_t mask = reads[c];
        if ((mask & added) == 0 || (mask & joined) == 0 || (mask & ~(joined | added)) != 0) {
          continue;
        }
        connected = true;
        const BoundExpr& conjunct = *region.conjuncts[c];
        const bool equality = conjunct.kind == BoundKind::kCall && conjunct.function_name == "=" &&
                              conjunct.children[0]->kind == BoundKind::kColumn &&
                              conjunct.children[1]->kind == BoundKind::kColumn;
        const double single = equality ? std::max(distinct(conjunct.children[0]->column_index),
                                                  distinct(conjunct.children[1]->column_index))
                                       : 3.0;
        divisor *= single;
        largest_single = std::max(largest_single, single);
      }
      // Several conjuncts with one input (a composite key, TPC-H Q9's partsupp) are not
      // independent: together they single out at most one of its rows per joined row, so
      // they divide by at most its row count (or by one conjunct's divisor, if larger).
      divisor = std::min(divisor, std::max(added_rows, largest_single));
      *estimate = std::max(joined_rows * added_rows / divisor, 1.0);
      return connected;
    };
    // The largest input streams (the order below starts from it).
    size_t first = 0;
    for (size_t i = 1; i < n; ++i) {
      if (rows[i] > rows[first]) first = i;
    }
    // Grows a unit from `head` over inputs outside `taken`: each time the input whose join
    // gives the fewest rows. `visit(unit, mask, rows)` sees each unit of two or more inputs
    // and returns whether to stop.
    auto grow_unit = [&](size_t head, uint64_t taken, const auto& visit) {
      std::vector<size_t> unit = {head};
      uint64_t unit_mask = uint64_t{1} << head;
      double unit_rows = rows[head];
      while (true) {
        size_t next = n;
        double next_rows = 0;
        for (size_t j = 0; j < n; ++j) {
          const uint64_t other = uint64_t{1} << j;
          if (((taken | unit_mask) & other) != 0) continue;
          double grown = 0;
          if (!join_rows(unit_mask, unit_rows, other, rows[j], &grown)) continue;
          if (next == n || grown < next_rows || (grown == next_rows && rows[j] < rows[next])) {
            next = j;
            next_rows = grown;
          }
        }
        if (next == n) return;
        unit.push_back(next);
        unit_mask |= uint64_t{1} << next;
        unit_rows = next_rows;
        if (visit(unit, unit_mask, unit_rows)) return;
      }
    };
    // Units that cut their head input to a small part of it are settled first, larger heads
    // first, each from inputs no other settled unit has: they then join as one input. Without
    // this the steps below may join a small dimension first and leave the head to be built
    // whole (TPC-H Q7 would build all orders instead of those of one nation's customers).
    std::vector<std::vector<size_t>> settled;
    std::vector<double> settled_rows;
    std::vector<int> settled_of(n, -1);
    uint64_t settled_mask = uint64_t{1} << first;
    std::vector<size_t> by_size(n);
    for (size_t i = 0; i < n; ++i) by_size[i] = i;
    std::stable_sort(by_size.begin(), by_size.end(),
                     [&](size_t a, size_t b) { return rows[a] > rows[b]; });
    for (const size_t head : by_size) {
      if ((settled_mask & (uint64_t{1} << head)) != 0) continue;
      grow_unit(head, settled_mask,
                [&](const std::vector<size_t>& unit, uint64_t mask, double unit_rows) {
                  if (unit_rows > rows[head] * kSettledShrink) return false;
                  for (const size_t input : unit)
                    settled_of[input] = static_cast<int>(settled.size());
                  settled.push_back(unit);
                  settled_rows.push_back(unit_rows);
                  settled_mask |= mask;
                  return true;
                });
    }
    settled_mask &= ~(uint64_t{1} << first);
    // The largest input streams; then, repeatedly, the step whose join gives the fewest rows:
    // one connected input, a settled unit, or a unit of inputs joined first that cut each
    // other down (a supplier joined to its one filtered nation, TPC-H Q21).
    std::vector<std::vector<size_t>> steps = {{first}};
    uint64_t joined = uint64_t{1} << first;
    double joined_rows = rows[first];
    size_t placed_inputs = 1;
    while (placed_inputs < n) {
      std::vector<size_t> best;
      bool best_connected = false;
      double best_rows = 0;
      double best_added = 0;  // the rows the step adds: its hash table
      // Between steps estimated to give as many rows, the one with the smaller table goes
      // first.
      auto consider = [&](std::vector<size_t> step, bool connected, double estimate, double added) {
        const bool tie = std::abs(estimate - best_rows) <= best_rows * 1e-6;
        if (best.empty() || (connected && !best_connected) ||
            (connected == best_connected && (tie ? added < best_added : estimate < best_rows))) {
          best = std::move(step);
          best_connected = connected;
          best_rows = estimate;
          best_added = added;
        }
      };
      for (size_t i = 0; i < n; ++i) {
        const uint64_t bit = uint64_t{1} << i;
        if ((joined & bit) != 0) continue;
        if (settled_of[i] >= 0) {
          const auto u = static_cast<size_t>(settled_of[i]);
          if (settled[u].front() != i) continue;
          uint64_t mask = 0;
          for (const size_t input : settled[u]) mask |= uint64_t{1} << input;
          double estimate = 0;
          const bool connected = join_rows(joined, joined_rows, mask, settled_rows[u], &estimate);
          consider(settled[u], connected, estimate, settled_rows[u]);
          continue;
        }
        double estimate = 0;
        const bool connected = join_rows(joined, joined_rows, bit, rows[i], &estimate);
        consider({i}, connected, estimate, rows[i]);
        if (!connected) continue;
        // Units led by input i: a unit whose rows fall well below i's (a filtering join,
        // perhaps only after a join that filters nothing) may join as one build side.
        grow_unit(i, joined | settled_mask,
                  [&](const std::vector<size_t>& unit, uint64_t mask, double unit_rows) {
                    if (unit_rows > rows[i] * kUnitShrink) return false;
                    double unit_estimate = 0;
                    join_rows(joined, joined_rows, mask, unit_rows, &unit_estimate);
                    consider(unit, true, unit_estimate, unit_rows);
                    return false;
                  });
      }
      for (const size_t input : best) joined |= uint64_t{1} << input;
      placed_inputs += best.size();
      joined_rows = best_rows;
      steps.push_back(std::move(best));
    }
    // Left-deep joins in that order (a unit's inputs joined first, in the order found; of a
    // pair, the larger streams);
    // each conjunct at the first join that has its inputs.
    std::vector<int32_t> position(plan->columns.size(), -1);
    std::vector<bool> placed(region.conjuncts.size(), false);
    // Joins `right` to `left`, whose region inputs are `mask` together, with the conjuncts
    // not yet placed that those inputs cover (columns renumbered by `position`).
    auto join_to = [&](LogicalPtr left, LogicalPtr right, uint64_t mask) {
      std::vector<BoundExprPtr> condition;
      for (size_t c = 0; c < region.conjuncts.size(); ++c) {
        if (placed[c] || (reads[c] & ~mask) != 0) continue;
        placed[c] = true;
        condition.push_back(RenumberColumns(region.conjuncts[c], [&](int32_t column) {
          return position[static_cast<size_t>(column)];
        }));
      }
      auto join = std::make_shared<LogicalOperator>();
      join->kind = LogicalKind::kJoin;
      join->join_type = condition.empty() ? JoinType::kCross : JoinType::kInner;
      join->condition = Conjunction(std::move(condition));
      join->columns = left->columns;
      join->columns.insert(join->columns.end(), right->columns.begin(), right->columns.end());
      join->children = {std::move(left), std::move(right)};
      return LogicalPtr(std::move(join));
    };
    // Places input `input`'s columns at `base` onwards.
    auto place = [&](size_t input, int32_t base) {
      for (size_t c = 0; c < region.inputs[input]->columns.size(); ++c) {
        position[static_cast<size_t>(region.first_column[input]) + c] =
            base + static_cast<int32_t>(c);
      }
    };
    LogicalPtr current;
    joined = 0;
    for (std::vector<size_t> step : steps) {
      const int32_t base = current == nullptr ? 0 : static_cast<int32_t>(current->columns.size());
      if (step.size() == 2 && rows[step[1]] > rows[step[0]]) std::swap(step[0], step[1]);
      // A unit's own conjuncts go on its joins, numbered as if it started at column 0, then
      // shifted to `base` with the rest.
      LogicalPtr next;
      uint64_t unit = 0;
      int32_t width = 0;
      for (const size_t input : step) {
        place(input, width);
        width += static_cast<int32_t>(region.inputs[input]->columns.size());
        unit |= uint64_t{1} << input;
        next = next == nullptr ? region.inputs[input] : join_to(next, region.inputs[input], unit);
      }
      width = 0;
      for (const size_t input : step) {
        place(input, base + width);
        width += static_cast<int32_t>(region.inputs[input]->columns.size());
      }
      joined |= unit;
      if (current == nullptr) {
        current = std::move(next);
        continue;
      }
      current = join_to(std::move(current), std::move(next), joined);
    }
    bool same_order = true;
    for (size_t i = 0; i < position.size(); ++i) {
      same_order = same_order && position[i] == static_cast<int32_t>(i);
    }
    if (same_order) return current;
    auto project = std::make_shared<LogicalOperator>();
    project->kind = LogicalKind::kProject;
    project->columns = plan->columns;
    for (size_t i = 0; i < position.size(); ++i) {
      project->exprs.push_back(MakeColumn(position[i], plan->columns[i].type));
    }
    project->children = {std::move(current)};
    return project;
  }

  const TableStatistics* statistics_;
};

}  // namespace

LogicalPtr ReorderJoins(const LogicalPtr& plan, const TableStatistics* statistics) {
  if (statistics == nullptr) return plan;
  return Reorderer(statistics).Rewrite(plan);
}

}  // namespace boyodb::sql
