#include "sql/optimizer/column_pruning.h"

#include <algorithm>
#include <cstdint>

#include "sql/binder/decorrelator.h"

namespace boyodb::sql {

namespace {

// A pruned operator: the new plan, and for each column of the old one its new position (-1:
// removed).
struct Pruned {
  LogicalPtr plan;
  std::vector<int32_t> map;
};

using Needed = std::vector<bool>;

void MarkColumns(const BoundExprPtr& expr, Needed* needed, int32_t offset = 0) {
  if (expr == nullptr) return;
  if (expr->kind == BoundKind::kColumn) {
    const int32_t index = expr->column_index - offset;
    if (index >= 0 && static_cast<size_t>(index) < needed->size()) {
      (*needed)[static_cast<size_t>(index)] = true;
    }
  }
  for (const BoundExprPtr& child : expr->children) MarkColumns(child, needed, offset);
}

BoundExprPtr Remap(const BoundExprPtr& expr, const std::vector<int32_t>& map) {
  if (expr == nullptr) return expr;
  if (expr->kind == BoundKind::kColumn) {
    const int32_t index = map[static_cast<size_t>(expr->column_index)];
    if (index == expr->column_index) return expr;
    return MakeColumn(index, expr->type);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = Remap(child, map);
  return copy;
}

void RemapKeys(std::vector<SortKey>* keys, const std::vector<int32_t>& map) {
  for (SortKey& key : *keys) key.expr = Remap(key.expr, map);
}

std::vector<int32_t> Identity(size_t width) {
  std::vector<int32_t> map(width);
  for (size_t i = 0; i < width; ++i) map[i] = static_cast<int32_t>(i);
  return map;
}

// Every operator keeps at least one column: chunks carry their rows in their columns.
Needed AtLeastOne(Needed needed) {
  for (const bool keep : needed) {
    if (keep) return needed;
  }
  if (!needed.empty()) needed.front() = true;
  return needed;
}

// An output column of `plan` that it reads anyway (a join key, a filtered column), so that a
// parent that needs only its rows does not make it read one more; -1 when there is none.
int32_t ColumnReadAnyway(const LogicalOperator& plan) {
  switch (plan.kind) {
    case LogicalKind::kJoin:
    case LogicalKind::kFilter: {
      size_t width = plan.children[0]->columns.size();
      if (plan.kind == LogicalKind::kJoin) width += plan.children[1]->columns.size();
      Needed read(width, false);
      MarkColumns(plan.condition, &read);
      for (size_t i = 0; i < plan.columns.size() && i < width; ++i) {
        if (read[i]) return static_cast<int32_t>(i);
      }
      return -1;
    }
    case LogicalKind::kProject: {
      const int32_t inner = ColumnReadAnyway(*plan.children[0]);
      for (size_t i = 0; inner >= 0 && i < plan.exprs.size(); ++i) {
        if (plan.exprs[i]->kind == BoundKind::kColumn && plan.exprs[i]->column_index == inner) {
          return static_cast<int32_t>(i);
        }
      }
      return -1;
    }
    default:
      return -1;
  }
}

// The column a scan that must return rows but no values reads: one its predicates read
// anyway, or else the narrowest (count(*) over hits read the 8-byte WatchID).
size_t CheapestColumn(const LogicalOperator& get) {
  size_t best = 0;
  int best_width = INT32_MAX;
  for (size_t i = 0; i < get.columns.size(); ++i) {
    if (get.table_columns[i] == kRowIdColumn) continue;
    for (const storage::ColumnPredicate& predicate : get.predicates) {
      if (predicate.column == get.columns[i].name) return i;
    }
    const types::DataType& type = get.columns[i].type;
    const int width =
        type.layout() == types::Layout::kFixedWidth ? type.fixed_width() : INT32_MAX - 1;
    if (width < best_width) {
      best = i;
      best_width = width;
    }
  }
  return best;
}

// AtLeastOne, keeping a column `plan` reads anyway when it has one.
Needed AtLeastOneOf(const LogicalOperator& plan, Needed needed) {
  for (const bool keep : needed) {
    if (keep) return needed;
  }
  if (plan.kind == LogicalKind::kGet && !needed.empty()) {
    needed[CheapestColumn(plan)] = true;
    return needed;
  }
  const int32_t column = ColumnReadAnyway(plan);
  if (column >= 0) needed[static_cast<size_t>(column)] = true;
  return AtLeastOne(std::move(needed));
}

Pruned Prune(const LogicalPtr& plan, const Needed& needed);

// Prunes every child with all its columns needed (operators whose layout must stay).
LogicalPtr PruneChildrenOnly(const LogicalPtr& plan) {
  auto copy = std::make_shared<LogicalOperator>(*plan);
  for (LogicalPtr& child : copy->children) {
    child = Prune(child, Needed(child->columns.size(), true)).plan;
  }
  return copy;
}

Pruned PruneGet(const LogicalPtr& plan, const Needed& needed) {
  Needed keep = needed;
  if (std::find(keep.begin(), keep.end(), true) == keep.end() && !keep.empty()) {
    keep[CheapestColumn(*plan)] = true;
  }
  // A scan of row ids alone would read as a scan of every column (an empty column list):
  // it keeps a table column too.
  bool table_column = false;
  for (size_t i = 0; i < keep.size(); ++i) {
    table_column = table_column || (keep[i] && plan->table_columns[i] != kRowIdColumn);
  }
  if (!table_column && !keep.empty()) keep.front() = true;
  auto get = std::make_shared<LogicalOperator>(*plan);
  get->columns.clear();
  get->table_columns.clear();
  std::vector<int32_t> map(plan->columns.size(), -1);
  for (size_t i = 0; i < plan->columns.size(); ++i) {
    if (!keep[i]) continue;
    map[i] = static_cast<int32_t>(get->columns.size());
    get->columns.push_back(plan->columns[i]);
    get->table_columns.push_back(plan->table_columns[i]);
  }
  return {get, std::move(map)};
}

// Filter, Sort, Limit: the input's columns, with those the operator reads.
Pruned PrunePassThrough(const LogicalPtr& plan, Needed needed) {
  MarkColumns(plan->condition, &needed);
  for (const SortKey& key : plan->order) MarkColumns(key.expr, &needed);
  for (const int32_t column : plan->tie_columns) needed[static_cast<size_t>(column)] = true;
  Pruned child = Prune(plan->children[0], needed);
  auto copy = std::make_shared<LogicalOperator>(*plan);
  copy->columns = child.plan->columns;
  copy->condition = Remap(plan->condition, child.map);
  RemapKeys(&copy->order, child.map);
  for (int32_t& column : copy->tie_columns) column = child.map[static_cast<size_t>(column)];
  copy->children = {child.plan};
  return {copy, std::move(child.map)};
}

// A filter passes on only what its parent reads: columns that the condition alone reads are
// dropped by a projection above it, so that a join above does not copy them into its hash
// table and its output pairs (TPC-H Q13's o_comment).
Pruned PruneFilter(const LogicalPtr& plan, const Needed& needed) {
  Pruned filtered = PrunePassThrough(plan, needed);
  const Needed keep = AtLeastOneOf(*plan, needed);
  bool drops = false;
  for (size_t i = 0; i < keep.size(); ++i) drops = drops || (!keep[i] && filtered.map[i] >= 0);
  if (!drops) return filtered;
  auto project = std::make_shared<LogicalOperator>();
  project->kind = LogicalKind::kProject;
  std::vector<int32_t> map(plan->columns.size(), -1);
  for (size_t i = 0; i < keep.size(); ++i) {
    if (!keep[i] || filtered.map[i] < 0) continue;
    map[i] = static_cast<int32_t>(project->exprs.size());
    project->exprs.push_back(MakeColumn(filtered.map[i], plan->columns[i].type));
    project->columns.push_back(plan->columns[i]);
  }
  project->children = {std::move(filtered.plan)};
  return {project, std::move(map)};
}

Pruned PruneProject(const LogicalPtr& plan, const Needed& needed) {
  const Needed keep = AtLeastOneOf(*plan, needed);
  Needed child_needed(plan->children[0]->columns.size(), false);
  for (size_t i = 0; i < plan->exprs.size(); ++i) {
    if (keep[i]) MarkColumns(plan->exprs[i], &child_needed);
  }
  Pruned child = Prune(plan->children[0], child_needed);
  auto project = std::make_shared<LogicalOperator>(*plan);
  project->exprs.clear();
  project->columns.clear();
  std::vector<int32_t> map(plan->exprs.size(), -1);
  for (size_t i = 0; i < plan->exprs.size(); ++i) {
    if (!keep[i]) continue;
    map[i] = static_cast<int32_t>(project->exprs.size());
    project->exprs.push_back(Remap(plan->exprs[i], child.map));
    project->columns.push_back(plan->columns[i]);
  }
  project->children = {child.plan};
  return {project, std::move(map)};
}

// Groups stay (they decide the groups, and grouping sets address them by position); unread
// aggregates go.
Pruned PruneAggregate(const LogicalPtr& plan, const Needed& needed) {
  const size_t num_groups = plan->groups.size();
  Needed keep = needed;
  if (num_groups == 0) keep = AtLeastOne(keep);
  Needed child_needed(plan->children[0]->columns.size(), false);
  for (const BoundExprPtr& group : plan->groups) MarkColumns(group, &child_needed);
  for (size_t a = 0; a < plan->aggregates.size(); ++a) {
    if (!keep[num_groups + a]) continue;
    const BoundAggregate& aggregate = plan->aggregates[a];
    for (const BoundExprPtr& arg : aggregate.args) MarkColumns(arg, &child_needed);
    MarkColumns(aggregate.filter, &child_needed);
    for (const SortKey& key : aggregate.order_by) MarkColumns(key.expr, &child_needed);
  }
  Pruned child = Prune(plan->children[0], AtLeastOneOf(*plan->children[0], child_needed));
  auto aggregate = std::make_shared<LogicalOperator>(*plan);
  aggregate->aggregates.clear();
  aggregate->columns.assign(plan->columns.begin(),
                            plan->columns.begin() + static_cast<std::ptrdiff_t>(num_groups));
  for (BoundExprPtr& group : aggregate->groups) group = Remap(group, child.map);
  std::vector<int32_t> map = Identity(plan->columns.size());
  for (size_t a = 0; a < plan->aggregates.size(); ++a) {
    if (!keep[num_groups + a]) {
      map[num_groups + a] = -1;
      continue;
    }
    map[num_groups + a] = static_cast<int32_t>(aggregate->columns.size());
    BoundAggregate call = plan->aggregates[a];
    for (BoundExprPtr& arg : call.args) arg = Remap(arg, child.map);
    call.filter = Remap(call.filter, child.map);
    RemapKeys(&call.order_by, child.map);
    aggregate->aggregates.push_back(std::move(call));
    aggregate->columns.push_back(plan->columns[num_groups + a]);
  }
  aggregate->children = {child.plan};
  return {aggregate, std::move(map)};
}

Pruned PruneJoin(const LogicalPtr& plan, const Needed& needed) {
  const size_t left_width = plan->children[0]->columns.size();
  const size_t right_width = plan->children[1]->columns.size();
  const bool left_only = plan->join_type == JoinType::kSemi || plan->join_type == JoinType::kAnti;
  Needed all(left_width + right_width, false);
  for (size_t i = 0; i < needed.size(); ++i) all[i] = needed[i];
  MarkColumns(plan->condition, &all);
  Pruned left = Prune(
      plan->children[0],
      AtLeastOneOf(*plan->children[0],
                   Needed(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(left_width))));
  Pruned right =
      Prune(plan->children[1],
            AtLeastOneOf(*plan->children[1],
                         Needed(all.begin() + static_cast<std::ptrdiff_t>(left_width), all.end())));
  const auto new_left_width = static_cast<int32_t>(left.plan->columns.size());
  std::vector<int32_t> pair_map = left.map;
  for (const int32_t index : right.map) pair_map.push_back(index < 0 ? -1 : new_left_width + index);
  auto join = std::make_shared<LogicalOperator>(*plan);
  join->condition = Remap(plan->condition, pair_map);
  join->columns = left.plan->columns;
  if (!left_only) {
    join->columns.insert(join->columns.end(), right.plan->columns.begin(),
                         right.plan->columns.end());
  }
  join->children = {left.plan, right.plan};
  if (left_only) pair_map.resize(left_width);
  return {join, std::move(pair_map)};
}

// An operator whose output is its input's columns followed by columns of its own (a window's
// results, a ProjectSet's sets), over its pruned input: its own columns all stay.
Pruned WithOwnColumns(const LogicalPtr& plan, std::shared_ptr<LogicalOperator> copy, Pruned child) {
  const size_t input_width = plan->children[0]->columns.size();
  copy->columns = child.plan->columns;
  std::vector<int32_t> map = std::move(child.map);
  for (size_t i = input_width; i < plan->columns.size(); ++i) {
    map.push_back(static_cast<int32_t>(copy->columns.size()));
    copy->columns.push_back(plan->columns[i]);
  }
  copy->children = {child.plan};
  return {copy, std::move(map)};
}

Pruned PruneWindow(const LogicalPtr& plan, const Needed& needed) {
  const size_t input_width = plan->children[0]->columns.size();
  Needed child_needed(needed.begin(), needed.begin() + static_cast<std::ptrdiff_t>(input_width));
  for (const BoundWindow& window : plan->windows) {
    for (const BoundExprPtr& arg : window.args) MarkColumns(arg, &child_needed);
    MarkColumns(window.filter, &child_needed);
    for (const BoundExprPtr& key : window.partition_by) MarkColumns(key, &child_needed);
    for (const SortKey& key : window.order_by) MarkColumns(key.expr, &child_needed);
    MarkColumns(window.frame.range_key, &child_needed);
    MarkColumns(window.frame.range_start_value, &child_needed);
    MarkColumns(window.frame.range_end_value, &child_needed);
  }
  Pruned child = Prune(plan->children[0], AtLeastOneOf(*plan->children[0], child_needed));
  auto copy = std::make_shared<LogicalOperator>(*plan);
  for (BoundWindow& window : copy->windows) {
    for (BoundExprPtr& arg : window.args) arg = Remap(arg, child.map);
    window.filter = Remap(window.filter, child.map);
    for (BoundExprPtr& key : window.partition_by) key = Remap(key, child.map);
    RemapKeys(&window.order_by, child.map);
    window.frame.range_key = Remap(window.frame.range_key, child.map);
    window.frame.range_start_value = Remap(window.frame.range_start_value, child.map);
    window.frame.range_end_value = Remap(window.frame.range_end_value, child.map);
  }
  return WithOwnColumns(plan, std::move(copy), std::move(child));
}

Pruned PruneProjectSet(const LogicalPtr& plan, const Needed& needed) {
  const size_t input_width = plan->children[0]->columns.size();
  Needed child_needed(needed.begin(), needed.begin() + static_cast<std::ptrdiff_t>(input_width));
  for (const BoundExprPtr& expr : plan->exprs) MarkColumns(expr, &child_needed);
  Pruned child = Prune(plan->children[0], AtLeastOneOf(*plan->children[0], child_needed));
  auto copy = std::make_shared<LogicalOperator>(*plan);
  for (BoundExprPtr& expr : copy->exprs) expr = Remap(expr, child.map);
  return WithOwnColumns(plan, std::move(copy), std::move(child));
}

Pruned Prune(const LogicalPtr& plan, const Needed& needed) {
  switch (plan->kind) {
    case LogicalKind::kGet:
      return PruneGet(plan, needed);
    case LogicalKind::kFilter:
      return PruneFilter(plan, needed);
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
      return PrunePassThrough(plan, needed);
    case LogicalKind::kProject:
      return PruneProject(plan, needed);
    case LogicalKind::kAggregate:
      return PruneAggregate(plan, needed);
    case LogicalKind::kJoin:
      return PruneJoin(plan, needed);
    case LogicalKind::kWindow:
      return PruneWindow(plan, needed);
    case LogicalKind::kProjectSet:
      return PruneProjectSet(plan, needed);
    default:
      // DISTINCT and set operations compare whole rows; VALUES, series and recursive
      // unions keep their layout. Their inputs are pruned on their own.
      return {PruneChildrenOnly(plan), Identity(plan->columns.size())};
  }
}

bool HasCorrelatedExpr(const BoundExprPtr& expr) {
  return expr != nullptr && HasCorrelatedSubquery(*expr);
}

// Whether some expression of the plan holds a subquery that reads an enclosing query: its
// outer references address columns by position, which pruning would move.
bool HoldsCorrelatedSubquery(const LogicalOperator& op) {
  if (HasCorrelatedExpr(op.condition)) return true;
  for (const BoundExprPtr& expr : op.exprs) {
    if (HasCorrelatedExpr(expr)) return true;
  }
  for (const BoundExprPtr& expr : op.groups) {
    if (HasCorrelatedExpr(expr)) return true;
  }
  for (const BoundAggregate& aggregate : op.aggregates) {
    for (const BoundExprPtr& arg : aggregate.args) {
      if (HasCorrelatedExpr(arg)) return true;
    }
    if (HasCorrelatedExpr(aggregate.filter)) return true;
  }
  for (const SortKey& key : op.order) {
    if (HasCorrelatedExpr(key.expr)) return true;
  }
  for (const BoundWindow& window : op.windows) {
    for (const BoundExprPtr& arg : window.args) {
      if (HasCorrelatedExpr(arg)) return true;
    }
  }
  for (const auto& row : op.rows) {
    for (const BoundExprPtr& expr : row) {
      if (HasCorrelatedExpr(expr)) return true;
    }
  }
  for (const LogicalPtr& child : op.children) {
    if (HoldsCorrelatedSubquery(*child)) return true;
  }
  return false;
}

}  // namespace

LogicalPtr PruneColumns(const LogicalPtr& plan) {
  if (ReadsEnclosingQueries(*plan) || HoldsCorrelatedSubquery(*plan)) return plan;
  return Prune(plan, Needed(plan->columns.size(), true)).plan;
}

}  // namespace boyodb::sql
