#include "sql/optimizer/semi_join_sides.h"

#include "sql/optimizer/cardinality.h"
#include "sql/optimizer/plan_rewrite.h"

namespace boyodb::sql {

namespace {

// How much smaller the left input must look. Building a row costs a few times probing one,
// so the left side wins as soon as it is smaller; the margin absorbs the estimates' error
// (a fixed fraction per filter).
constexpr double kLeftSmallerBy = 2.0;

}  // namespace

LogicalPtr ChooseSemiJoinSides(const LogicalPtr& plan, const TableStatistics* statistics) {
  if (statistics == nullptr) return plan;
  LogicalPtr rewritten = RewriteChildren(
      plan, [&](const LogicalPtr& child) { return ChooseSemiJoinSides(child, statistics); });
  const LogicalOperator& op = *rewritten;
  const bool semi_or_anti = op.kind == LogicalKind::kJoin &&
                            (op.join_type == JoinType::kSemi || op.join_type == JoinType::kAnti);
  if (!semi_or_anti || op.condition == nullptr || op.build_left) return rewritten;
  const double left = EstimateRows(*op.children[0], statistics);
  const double right = EstimateRows(*op.children[1], statistics);
  if (left * kLeftSmallerBy > right) return rewritten;
  auto copy = std::make_shared<LogicalOperator>(op);
  copy->build_left = true;
  return copy;
}

}  // namespace boyodb::sql
