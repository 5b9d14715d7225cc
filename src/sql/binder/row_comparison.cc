#include "sql/binder/row_comparison.h"

#include "common/sqlstate.h"

namespace boyodb::sql {

namespace {

Status CheckLengths(size_t left, size_t right, int32_t position) {
  if (left != right) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "unequal number of entries in row expressions")
        .WithPosition(position);
  }
  if (left == 0) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "cannot compare rows of zero length")
        .WithPosition(position);
  }
  return Status::OK();
}

}  // namespace

Result<BoundExprPtr> CompareRows(const ExpressionBinder& binder, const std::string& op,
                                 const std::vector<BoundExprPtr>& left,
                                 const std::vector<BoundExprPtr>& right, int32_t position) {
  BOYO_RETURN_IF_ERROR(CheckLengths(left.size(), right.size(), position));
  const size_t n = left.size();
  if (op == "=" || op == "<>") {
    std::vector<BoundExprPtr> pairs;
    for (size_t i = 0; i < n; ++i) {
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr pair,
                            binder.CallOperator(op, {left[i], right[i]}, position));
      pairs.push_back(std::move(pair));
    }
    if (n == 1) return pairs.front();
    return MakeLogical(op == "=" ? BoundKind::kAnd : BoundKind::kOr, std::move(pairs));
  }
  if (op != "<" && op != "<=" && op != ">" && op != ">=") {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                  "could not determine interpretation of row comparison operator " + op)
        .WithPosition(position);
  }
  // From the last pair back: R(n-1) = l op r; R(i) = l_i strict r_i OR (l_i = r_i AND R(i+1)).
  // A NULL pair before the deciding one makes the whole NULL, as in PostgreSQL.
  const std::string strict = op.substr(0, 1);
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr result,
                        binder.CallOperator(op, {left[n - 1], right[n - 1]}, position));
  for (size_t i = n - 1; i-- > 0;) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr before,
                          binder.CallOperator(strict, {left[i], right[i]}, position));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr equal,
                          binder.CallOperator("=", {left[i], right[i]}, position));
    result = MakeLogical(
        BoundKind::kOr,
        {std::move(before), MakeLogical(BoundKind::kAnd, {std::move(equal), std::move(result)})});
  }
  return result;
}

Result<BoundExprPtr> RowsDistinct(const ExpressionBinder& binder,
                                  const std::vector<BoundExprPtr>& left,
                                  const std::vector<BoundExprPtr>& right, bool negated,
                                  int32_t position) {
  BOYO_RETURN_IF_ERROR(CheckLengths(left.size(), right.size(), position));
  std::vector<BoundExprPtr> pairs;
  for (size_t i = 0; i < left.size(); ++i) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr differ,
                          binder.CallOperator("<>", {left[i], right[i]}, position));
    // CASE WHEN l IS NULL THEN r IS NOT NULL WHEN r IS NULL THEN true ELSE l <> r END
    pairs.push_back(MakeCase(
        {MakeIsNull(left[i], false), MakeIsNull(right[i], true), MakeIsNull(right[i], false),
         MakeConstant(types::Value::Boolean(true)), std::move(differ)},
        types::DataType::Boolean()));
  }
  BoundExprPtr result =
      pairs.size() == 1 ? pairs.front() : MakeLogical(BoundKind::kOr, std::move(pairs));
  if (negated) result = MakeLogical(BoundKind::kNot, {std::move(result)});
  return result;
}

std::vector<const ast::Expr*> RowFields(const ast::Expr& expr) {
  std::vector<const ast::Expr*> fields;
  if (expr.kind == ast::ExprKind::kRow) {
    for (const ast::ExprPtr& field : expr.As<ast::ListExpr>().args) fields.push_back(field.get());
  } else {
    fields.push_back(&expr);
  }
  return fields;
}

}  // namespace boyodb::sql
