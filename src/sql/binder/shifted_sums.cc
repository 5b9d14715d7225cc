#include "sql/binder/shifted_sums.h"

#include <cmath>

namespace boyodb::sql {

namespace {

using types::TypeId;

// The bits of a signed integer type; 0 for other types.
int SignedBits(const types::DataType& type) {
  switch (type.id()) {
    case TypeId::kInt8:
      return 8;
    case TypeId::kInt16:
      return 16;
    case TypeId::kInt32:
      return 32;
    case TypeId::kInt64:
      return 64;
    default:
      return 0;
  }
}

// The largest magnitude a value of `expr` can have, as the narrowest signed integer type it
// passes through shows (a column widened by casts keeps its own range); 0 when unknown.
double Magnitude(const BoundExpr& expr) {
  const BoundExpr* inner = &expr;
  while (inner->kind == BoundKind::kCast && SignedBits(inner->children[0]->type) > 0) {
    inner = inner->children[0].get();
  }
  const int bits = SignedBits(inner->type);
  return bits == 0 ? 0 : std::ldexp(1.0, bits - 1);
}

std::optional<double> IntegerConstant(const BoundExpr& expr) {
  if (expr.kind != BoundKind::kConstant || expr.constant.is_null() || SignedBits(expr.type) == 0) {
    return std::nullopt;
  }
  return static_cast<double>(expr.constant.int64());
}

}  // namespace

std::optional<ShiftedSum> AsShiftedSum(const std::string& name, const BoundExpr& arg) {
  if (name != "sum" || arg.kind != BoundKind::kCall || arg.children.size() != 2 ||
      (arg.function_name != "+" && arg.function_name != "-")) {
    return std::nullopt;
  }
  const int result_bits = SignedBits(arg.type);
  if (result_bits == 0) return std::nullopt;
  const bool subtract = arg.function_name == "-";
  for (const size_t constant_side : {size_t{1}, size_t{0}}) {
    if (subtract && constant_side == 0) break;  // c - x is not a shift of x
    const std::optional<double> constant = IntegerConstant(*arg.children[constant_side]);
    const BoundExprPtr& base = arg.children[1 - constant_side];
    if (!constant || base->kind == BoundKind::kConstant || !(base->type == arg.type)) continue;
    const double magnitude = Magnitude(*base);
    // x + c stays within the result type for every x: the original could not overflow.
    if (magnitude == 0 || magnitude + std::abs(*constant) > std::ldexp(1.0, result_bits - 1) - 1) {
      return std::nullopt;
    }
    BoundExprPtr offset = arg.children[constant_side];
    if (subtract) offset = MakeConstant(types::Value::Int64(-static_cast<int64_t>(*constant)));
    return ShiftedSum{base, offset};
  }
  return std::nullopt;
}

}  // namespace boyodb::sql
