// Coercion: turning a bound expression into one of another type, the way PostgreSQL does it:
// untyped literals are converted at bind time (so a bad literal is reported where it was
// written), NULL takes any type, and other conversions become cast nodes when the context
// allows them.
// Thread safety: one binder, one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/binder/bound_expr.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

class Coercer {
 public:
  explicit Coercer(const FunctionCatalog& functions) : functions_(functions) {}

  /// `expr` as a value of `type`. 42846 `cannot cast type x to y` when no cast exists,
  /// 42804 when the context does not allow it implicitly; literal conversion errors (22P02,
  /// 22003) come with `position`.
  Result<BoundExprPtr> Coerce(const BoundExprPtr& expr, const types::DataType& type,
                              CastContext context, int32_t position) const;

  /// Evaluates a cast of one constant now.
  Result<types::Value> CastConstant(const types::Value& value, const types::DataType& type,
                                    int32_t position) const;

  const FunctionCatalog& functions() const { return functions_; }

  /// The session's TimeZone setting, which casts of constants to and from TIMESTAMPTZ use.
  void set_time_zone(std::string time_zone) { time_zone_ = std::move(time_zone); }
  const std::string& time_zone() const { return time_zone_; }

  /// Turns on parameter type inference (PREPARE without types, a Parse message that leaves
  /// types unspecified): `types` holds the type of $1, $2, ... found so far (nullopt: not yet
  /// known). A parameter of unknown type is bound like an untyped literal, and the first
  /// coercion of it fixes its type here, as PostgreSQL's variable parameters do. `types` must
  /// outlive the coercer; nullptr turns inference off.
  void set_parameter_inference(std::vector<std::optional<types::DataType>>* types) {
    parameter_inference_ = types;
  }
  std::vector<std::optional<types::DataType>>* parameter_inference() const {
    return parameter_inference_;
  }

 private:
  const FunctionCatalog& functions_;
  std::string time_zone_ = "UTC";
  std::vector<std::optional<types::DataType>>* parameter_inference_ = nullptr;
};

}  // namespace boyodb::sql
