// FunctionRegistry: the catalog of scalar functions, aggregates and casts the binder resolves
// calls against (sql::FunctionCatalog). Builtins() holds every built-in function of BoyoDB.
// Thread safety: Add* must not race with anything; once built, the registry is immutable and
// its const methods may be called from any thread (Builtins() is built once, on first use).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "sql/function/function_api.h"

namespace boyodb::functions {

class FunctionRegistry final : public sql::FunctionCatalog {
 public:
  FunctionRegistry() = default;
  FunctionRegistry(const FunctionRegistry&) = delete;
  FunctionRegistry& operator=(const FunctionRegistry&) = delete;

  /// The registry of every built-in scalar function, operator and cast; built on first use.
  static const FunctionRegistry& Builtins();

  /// Adds the overloads of `function` (its name lower-cased) to the function of that name,
  /// creating it if needed. Overloads are kept in the order added.
  void AddScalar(sql::ScalarFunction function);
  /// Adds the overloads of an aggregate, as AddScalar does.
  void AddAggregate(sql::AggregateFunctionSet aggregate);

  /// Lookups take any case ("ABS" finds "abs"); nullptr when unknown.
  const sql::ScalarFunction* FindScalar(std::string_view name) const override;
  const sql::AggregateFunctionSet* FindAggregate(std::string_view name) const override;
  /// The built-in cast between the two types (see functions/cast/cast_lookup.h); 42846 "cannot
  /// cast type x to y" when PostgreSQL has no such cast.
  Result<sql::CastKernel> FindCast(const types::DataType& from,
                                   const types::DataType& to) const override;

  /// Names of all scalar functions, sorted (for tests and \df-like listings).
  std::vector<std::string> ScalarNames() const;

 private:
  // Values are boxed so pointers returned by Find* stay valid while functions are added.
  absl::flat_hash_map<std::string, std::unique_ptr<sql::ScalarFunction>> scalars_;
  absl::flat_hash_map<std::string, std::unique_ptr<sql::AggregateFunctionSet>> aggregates_;
};

}  // namespace boyodb::functions
