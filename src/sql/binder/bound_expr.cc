#include "sql/binder/bound_expr.h"

namespace boyodb::sql {

std::string BoundExpr::ToString() const {
  auto joined = [this](std::string_view separator, size_t from) {
    std::string out;
    for (size_t i = from; i < children.size(); ++i) {
      if (i > from) out += separator;
      out += children[i]->ToString();
    }
    return out;
  };
  switch (kind) {
    case BoundKind::kConstant:
      return constant.is_null() ? "NULL" : constant.ToString();
    case BoundKind::kColumn:
      return "#" + std::to_string(column_index);
    case BoundKind::kOuterColumn:
      return "outer" + std::to_string(depth) + "#" + std::to_string(column_index);
    case BoundKind::kParameter:
      return "$" + std::to_string(parameter_index + 1);
    case BoundKind::kCall: {
      const bool infix = children.size() == 2 && !function_name.empty() &&
                         !std::isalpha(static_cast<unsigned char>(function_name[0]));
      if (infix) {
        return "(" + children[0]->ToString() + " " + function_name + " " + children[1]->ToString() +
               ")";
      }
      return function_name + "(" + joined(", ", 0) + ")";
    }
    case BoundKind::kCast:
      return "CAST(" + children[0]->ToString() + " AS " + type.ToString() + ")";
    case BoundKind::kAnd:
      return "(" + joined(" AND ", 0) + ")";
    case BoundKind::kOr:
      return "(" + joined(" OR ", 0) + ")";
    case BoundKind::kNot:
      return "NOT " + children[0]->ToString();
    case BoundKind::kIsNull:
      return children[0]->ToString() + (negated ? " IS NOT NULL" : " IS NULL");
    case BoundKind::kCase: {
      std::string out = "CASE";
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        out += " WHEN " + children[i]->ToString() + " THEN " + children[i + 1]->ToString();
      }
      return out + " ELSE " + children.back()->ToString() + " END";
    }
    case BoundKind::kCoalesce:
      return "COALESCE(" + joined(", ", 0) + ")";
    case BoundKind::kInList:
      return children[0]->ToString() + (negated ? " NOT IN (" : " IN (") + joined(", ", 1) + ")";
    case BoundKind::kArray:
      return "ARRAY[" + joined(", ", 0) + "]";
    case BoundKind::kSubscript:
      return children[0]->ToString() + "[" + children[1]->ToString() +
             (slice ? ":" + children[2]->ToString() : "") + "]";
    case BoundKind::kArrayCompare:
      return children[0]->ToString() + " " + comparison->function_name +
             (subquery_form == SubqueryForm::kAll ? " ALL(" : " ANY(") + children[1]->ToString() +
             ")";
    case BoundKind::kSetResult:
      return "set#" + std::to_string(column_index);
    case BoundKind::kAggregateResult:
      return "agg#" + std::to_string(column_index);
    case BoundKind::kWindowResult:
      return "window#" + std::to_string(column_index);
    case BoundKind::kSubquery:
      switch (subquery_form) {
        case SubqueryForm::kExists:
          return "EXISTS(subquery)";
        case SubqueryForm::kAny:
          return children[0]->ToString() + " = ANY(subquery)";
        case SubqueryForm::kAll:
          return children[0]->ToString() + " ALL(subquery)";
        default:
          return "(subquery)";
      }
  }
  return "?";
}

bool BoundExpr::IsConstant() const {
  switch (kind) {
    case BoundKind::kColumn:
    case BoundKind::kOuterColumn:
    case BoundKind::kParameter:
    case BoundKind::kSubquery:
    case BoundKind::kAggregateResult:
    case BoundKind::kWindowResult:
    case BoundKind::kSetResult:
      return false;
    case BoundKind::kCall:
      if (volatility != Volatility::kImmutable) return false;
      break;
    default:
      break;
  }
  for (const BoundExprPtr& child : children) {
    if (!child->IsConstant()) return false;
  }
  return true;
}

bool SameExpr(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || !(a.type == b.type) || a.children.size() != b.children.size() ||
      a.column_index != b.column_index || a.depth != b.depth || a.negated != b.negated ||
      a.parameter_index != b.parameter_index || a.function_name != b.function_name ||
      a.slice != b.slice || a.subquery_form != b.subquery_form) {
    return false;
  }
  if (a.kind == BoundKind::kArrayCompare && !SameExpr(*a.comparison, *b.comparison)) return false;
  if (a.kind == BoundKind::kConstant && !(a.constant == b.constant)) return false;
  if (a.kind == BoundKind::kSubquery) return false;  // two subqueries are never the same
  if (a.kind == BoundKind::kCall && a.volatility == Volatility::kVolatile) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!SameExpr(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

bool ContainsKind(const BoundExpr& expr, BoundKind kind) {
  if (expr.kind == kind) return true;
  for (const BoundExprPtr& child : expr.children) {
    if (ContainsKind(*child, kind)) return true;
  }
  return false;
}

bool Repeatable(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kOuterColumn || expr.kind == BoundKind::kSubquery) return false;
  if (expr.kind == BoundKind::kCall && expr.volatility == Volatility::kVolatile) return false;
  for (const BoundExprPtr& child : expr.children) {
    if (!Repeatable(*child)) return false;
  }
  return true;
}

BoundExprPtr MakeConstant(types::Value value) {
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = BoundKind::kConstant;
  expr->type = value.type();
  expr->constant = std::move(value);
  return expr;
}

BoundExprPtr MakeColumn(int32_t index, types::DataType type) {
  auto expr = std::make_shared<BoundExpr>();
  expr->kind = BoundKind::kColumn;
  expr->column_index = index;
  expr->type = std::move(type);
  return expr;
}

}  // namespace boyodb::sql
