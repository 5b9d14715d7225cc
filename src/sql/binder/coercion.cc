#include "sql/binder/coercion.h"

#include "columnar/builder.h"
#include "common/sqlstate.h"

namespace boyodb::sql {

Result<types::Value> Coercer::CastConstant(const types::Value& value, const types::DataType& type,
                                           int32_t position) const {
  if (value.is_null()) return types::Value::Null(type);
  if (value.type() == type) return value;
  BOYO_ASSIGN_OR_RETURN(CastKernel kernel, functions_.FindCast(value.type(), type));
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(value.type());
  BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
  const columnar::ArrayPtr input = builder->Finish();
  EvalContext context;
  context.time_zone = time_zone_;
  Result<columnar::ArrayPtr> output = kernel(input, context);
  if (!output.ok()) {
    Status status = output.status();
    if (status.position() == 0) status = std::move(status).WithPosition(position);
    return status;
  }
  return (*output)->GetValue(0);
}

Result<BoundExprPtr> Coercer::Coerce(const BoundExprPtr& expr, const types::DataType& type,
                                     CastContext context, int32_t position) const {
  if (expr->kind == BoundKind::kParameter && expr->unknown_literal) {
    // A parameter whose type is being inferred takes the type its context wants.
    const size_t index = static_cast<size_t>(expr->parameter_index);
    if (parameter_inference_ != nullptr && index < parameter_inference_->size()) {
      (*parameter_inference_)[index] = type;
    }
    auto typed = std::make_shared<BoundExpr>(*expr);
    typed->type = type;
    typed->unknown_literal = false;
    return BoundExprPtr(std::move(typed));
  }
  if (expr->type == type && !expr->unknown_literal) return expr;
  if (expr->kind == BoundKind::kConstant &&
      (expr->unknown_literal || expr->constant.is_null() || context == CastContext::kExplicit ||
       CastAllowed(expr->type, type, context))) {
    BOYO_ASSIGN_OR_RETURN(types::Value value, CastConstant(expr->constant, type, position));
    return MakeConstant(std::move(value));
  }
  if (expr->type == type) return expr;
  if (!CastAllowed(expr->type, type, context)) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                  "cannot convert " + PgTypeName(expr->type) + " to " + PgTypeName(type) +
                      " implicitly")
        .WithPosition(position);
  }
  Result<CastKernel> kernel = functions_.FindCast(expr->type, type);
  if (!kernel.ok()) {
    Status status = kernel.status();
    return std::move(status).WithPosition(position);
  }
  auto cast = std::make_shared<BoundExpr>();
  cast->kind = BoundKind::kCast;
  cast->type = type;
  cast->cast = std::move(*kernel);
  cast->children.push_back(expr);
  return BoundExprPtr(std::move(cast));
}

}  // namespace boyodb::sql
