// Function and operator overload resolution, after PostgreSQL's rules (chapter "Type
// Conversion"): candidates with the right number of arguments whose parameters every argument
// reaches by an implicit cast; the most exact matches win; an untyped literal beside a typed
// argument is taken to be of that type; ties prefer the category's preferred type.
// Thread safety: one binder, one thread.
#pragma once

#include <string>
#include <vector>

#include "sql/binder/coercion.h"

namespace boyodb::sql {

struct ResolvedCall {
  /// The arguments, coerced to the chosen overload's parameter types.
  std::vector<BoundExprPtr> args;
  types::DataType result;
  const ScalarOverload* scalar = nullptr;
  const AggregateOverload* aggregate = nullptr;
};

class FunctionResolver {
 public:
  explicit FunctionResolver(const Coercer& coercer) : coercer_(coercer) {}
  const Coercer& coercer() const { return coercer_; }

  /// A scalar function or operator call. 42883 `function f(integer, text) does not exist` /
  /// `operator does not exist: integer + text`, 42725 when several candidates tie.
  Result<ResolvedCall> ResolveScalar(const std::string& name, std::vector<BoundExprPtr> args,
                                     bool is_operator, int32_t position) const;

  /// An aggregate; same errors.
  Result<ResolvedCall> ResolveAggregate(const std::string& name, std::vector<BoundExprPtr> args,
                                        int32_t position) const;

 private:
  // `results` are the candidates' declared result types (a polymorphic one needs a typed
  // polymorphic argument).
  Result<ResolvedCall> Resolve(const std::string& name,
                               const std::vector<const std::vector<types::DataType>*>& signatures,
                               const std::vector<const types::DataType*>& results,
                               const std::vector<bool>& variadic, std::vector<BoundExprPtr> args,
                               bool is_operator, int32_t position, size_t* chosen) const;

  const Coercer& coercer_;
};

/// The call node for a resolved scalar function or operator.
BoundExprPtr MakeScalarCall(const std::string& name, ResolvedCall call);

/// "name(integer, text)" or "integer + text" for messages.
std::string DescribeCall(const std::string& name, const std::vector<BoundExprPtr>& args,
                         bool is_operator);

}  // namespace boyodb::sql
