#include "exec/operators/join_key_filters.h"

#include <optional>

#include "sql/optimizer/scan_predicates.h"
#include "storage/scan/key_filter.h"

namespace boyodb::exec {
namespace {

using sql::BoundExpr;
using sql::BoundKind;
using sql::JoinType;
using sql::LogicalKind;
using sql::LogicalOperator;

// The expression under any casts that only widen an integer (the values stay the same).
const BoundExpr& Unwidened(const BoundExpr& expr) {
  const BoundExpr* current = &expr;
  while (current->kind == BoundKind::kCast &&
         sql::WidensInteger(current->children[0]->type, current->type)) {
    current = current->children[0].get();
  }
  return *current;
}

// Whether a join passes on the rows of its side `left` (or drops them) without making rows of
// its own with that side's columns set: a row the join above rejects may then be dropped
// before this join sees it.
bool PassesSide(const LogicalOperator& join, bool left) {
  if (join.build_left) return left && join.join_type == JoinType::kSemi;
  switch (join.join_type) {
    case JoinType::kInner:
    case JoinType::kCross:
      return true;
    case JoinType::kLeft:
    case JoinType::kSemi:
    case JoinType::kAnti:
    case JoinType::kSingle:
      return left;
    case JoinType::kRight:
      return !left;
    case JoinType::kFull:
      return false;
  }
  return false;
}

}  // namespace

JoinKeyFilterPlanner::JoinKeyFilterPlanner(const LogicalOperator& root) { Count(root); }

void JoinKeyFilterPlanner::Count(const LogicalOperator& node) {
  if (++visits_[&node] > 1) return;
  for (const sql::LogicalPtr& child : node.children) Count(*child);
}

std::vector<KeyFilterTarget> JoinKeyFilterPlanner::TargetsOf(const JoinState& state) const {
  std::vector<KeyFilterTarget> targets;
  const LogicalOperator& join = *state.plan;
  const JoinType type = join.join_type;
  const bool drops_unmatched =
      type == JoinType::kInner || type == JoinType::kSemi || type == JoinType::kRight;
  if (!drops_unmatched || state.build_left || join.null_safe_keys) return targets;
  for (size_t key = 0; key < state.probe_keys().size(); ++key) {
    const BoundExpr& build_key = *state.build_keys()[key];
    if (!storage::KeyFilter::Supports(build_key.type)) continue;
    const BoundExpr& probe = Unwidened(*state.probe_keys()[key]);
    if (probe.kind != BoundKind::kColumn || !storage::KeyFilter::Supports(probe.type)) continue;
    // Follow the column down the probe side to the scan that produces it.
    const LogicalOperator* node = join.children[0].get();
    int32_t column = probe.column_index;
    std::optional<KeyFilterTarget> target;
    while (true) {
      const auto seen = visits_.find(node);
      if (seen == visits_.end() || seen->second > 1) break;
      if (node->kind == LogicalKind::kGet) {
        const int32_t table_column = node->table_columns[static_cast<size_t>(column)];
        if (table_column != sql::kRowIdColumn) target = KeyFilterTarget{key, node, table_column};
        break;
      }
      if (node->kind == LogicalKind::kFilter) {
        node = node->children[0].get();
        continue;
      }
      if (node->kind == LogicalKind::kProject) {
        const BoundExpr& expr = Unwidened(*node->exprs[static_cast<size_t>(column)]);
        if (expr.kind != BoundKind::kColumn) break;
        column = expr.column_index;
        node = node->children[0].get();
        continue;
      }
      if (node->kind == LogicalKind::kJoin) {
        const auto left_width = static_cast<int32_t>(node->children[0]->columns.size());
        const bool left = column < left_width;
        if (!PassesSide(*node, left)) break;
        if (!left) column -= left_width;
        node = node->children[left ? 0 : 1].get();
        continue;
      }
      break;
    }
    if (target.has_value()) targets.push_back(*target);
  }
  return targets;
}

}  // namespace boyodb::exec
