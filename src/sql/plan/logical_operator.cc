#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

namespace {

std::string JoinExprs(const std::vector<BoundExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs[i]->ToString();
  }
  return out;
}

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "Inner";
    case JoinType::kLeft:
      return "Left";
    case JoinType::kRight:
      return "Right";
    case JoinType::kFull:
      return "Full";
    case JoinType::kSemi:
      return "Semi";
    case JoinType::kAnti:
      return "Anti";
    case JoinType::kCross:
      return "Cross";
    case JoinType::kSingle:
      return "Single";
  }
  return "?";
}

std::string SortKeys(const std::vector<SortKey>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i].expr->ToString() + (keys[i].descending ? " DESC" : "");
  }
  return out;
}

}  // namespace

bool BoundAggregate::IgnoresArrivalOrder() const {
  return order_by.empty() &&
         (name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max");
}

std::string BoundAggregate::ToString() const {
  std::string out = name + "(";
  if (distinct) out += "DISTINCT ";
  out += args.empty() ? "*" : JoinExprs(args);
  if (!order_by.empty()) out += " ORDER BY " + SortKeys(order_by);
  out += ")";
  if (filter != nullptr) out += " FILTER (WHERE " + filter->ToString() + ")";
  return out;
}

std::string BoundWindow::ToString() const {
  std::string out = name + "(" + JoinExprs(args) + ") OVER (";
  if (!partition_by.empty()) out += "PARTITION BY " + JoinExprs(partition_by);
  if (!order_by.empty()) {
    out += std::string(partition_by.empty() ? "" : " ") + "ORDER BY " + SortKeys(order_by);
  }
  return out + ")";
}

std::string LogicalOperator::ToString(int indent, const NodeNote& note) const {
  std::string out(static_cast<size_t>(indent), ' ');
  switch (kind) {
    case LogicalKind::kGet: {
      out += "Scan " + database + "." + table + " [";
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += ", ";
        out += columns[i].name;
      }
      out += "]";
      for (const storage::ColumnPredicate& predicate : predicates) {
        out += " filter " + predicate.ToString();
      }
      break;
    }
    case LogicalKind::kValues:
      out += "Values (" + std::to_string(rows.size()) + " rows)";
      break;
    case LogicalKind::kFilter:
      out += "Filter " + condition->ToString();
      break;
    case LogicalKind::kProject:
      out += "Project " + JoinExprs(exprs);
      break;
    case LogicalKind::kAggregate: {
      out += "Aggregate groups [" + JoinExprs(groups) + "] aggregates [";
      for (size_t i = 0; i < aggregates.size(); ++i) {
        if (i > 0) out += ", ";
        out += aggregates[i].ToString();
      }
      out += "]";
      if (!grouping_sets.empty()) out += " sets " + std::to_string(grouping_sets.size());
      break;
    }
    case LogicalKind::kSort: {
      out += "Sort ";
      for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0) out += ", ";
        out += order[i].expr->ToString() + (order[i].descending ? " DESC" : "") +
               (order[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
      }
      break;
    }
    case LogicalKind::kLimit:
      out += "Limit " + (limit < 0 ? std::string("ALL") : std::to_string(limit)) + " offset " +
             std::to_string(offset) + (tie_columns.empty() ? "" : " with ties");
      break;
    case LogicalKind::kJoin:
      out += std::string(JoinTypeName(join_type)) + " Join";
      if (condition != nullptr) out += " on " + condition->ToString();
      if (build_left) out += " (build left)";
      break;
    case LogicalKind::kDistinct:
      out += "Distinct";
      break;
    case LogicalKind::kWindow: {
      out += "Window [";
      for (size_t i = 0; i < windows.size(); ++i) {
        if (i > 0) out += ", ";
        out += windows[i].ToString();
      }
      out += "]";
      break;
    }
    case LogicalKind::kSetOp:
      out += set_op == SetOpKind::kUnion       ? "Union"
             : set_op == SetOpKind::kIntersect ? "Intersect"
                                               : "Except";
      if (set_all) out += " All";
      break;
    case LogicalKind::kRecursiveUnion:
      out += std::string("Recursive Union") + (set_all ? " All" : "") + " #" +
             std::to_string(work_table_id);
      break;
    case LogicalKind::kSeries:
      out += "Series (" + JoinExprs(exprs) + ")";
      break;
    case LogicalKind::kWorkTable:
      out += "Work Table #" + std::to_string(work_table_id);
      break;
    case LogicalKind::kProjectSet:
      out += "Project Set [" + JoinExprs(exprs) + "]" + (ordinality ? " with ordinality" : "");
      break;
  }
  if (note) out += note(*this);
  out += "\n";
  for (const LogicalPtr& child : children) out += child->ToString(indent + 2, note);
  return out;
}

}  // namespace boyodb::sql
