// FunctionRegistry (function_registry.h) and the list of built-in families it registers.
// Thread safety: see the header.
#include "functions/function_registry.h"

#include "functions/aggregate/approx_count_distinct.h"
#include "functions/aggregate/basic_aggregates.h"
#include "functions/aggregate/bitwise_aggregates.h"
#include "functions/aggregate/collecting_aggregates.h"
#include "functions/aggregate/interval_aggregates.h"
#include "functions/aggregate/regression_aggregates.h"
#include "functions/aggregate/statistical_aggregates.h"

#include <algorithm>
#include <cctype>

#include "functions/builtin_families_internal.h"
#include "functions/cast/cast_lookup.h"

namespace boyodb::functions {
namespace {

std::string Lower(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::unique_ptr<const FunctionRegistry> BuildBuiltins() {
  auto registry = std::make_unique<FunctionRegistry>();
  RegisterIntegerArithmetic(*registry);
  RegisterIntegerBitwise(*registry);
  RegisterFloatArithmetic(*registry);
  RegisterDecimalArithmetic(*registry);
  RegisterComparisonOperators(*registry);
  RegisterLikeOperators(*registry);
  RegisterRoundingFunctions(*registry);
  RegisterTranscendentalFunctions(*registry);
  RegisterIntegerMathFunctions(*registry);
  RegisterMiscMathFunctions(*registry);
  RegisterStringCaseFunctions(*registry);
  RegisterLengthFunctions(*registry);
  RegisterSubstringFunctions(*registry);
  RegisterPaddingFunctions(*registry);
  RegisterCharacterLengthFunctions(*registry);
  RegisterSequenceFunctions(*registry);
  RegisterStringEditFunctions(*registry);
  RegisterConcatFunctions(*registry);
  RegisterQuoteFunctions(*registry);
  RegisterStringEncodingFunctions(*registry);
  RegisterEncodingDigestFunctions(*registry);
  RegisterOverlayFunctions(*registry);
  RegisterRegexFunctions(*registry);
  RegisterSimilarToEscape(*registry);
  RegisterArrayDimensionFunctions(*registry);
  RegisterArrayEditFunctions(*registry);
  RegisterArraySearchFunctions(*registry);
  RegisterArrayTextFunctions(*registry);
  RegisterArrayComparisonOperators(*registry);
  RegisterArrayGeneratorFunctions(*registry);
  RegisterSystemFunctions(*registry);
  RegisterCatalogFunctions(*registry);
  RegisterUuidFunctions(*registry);
  RegisterCurrentTimeFunctions(*registry);
  RegisterDatetimeArithmetic(*registry);
  RegisterIntervalArithmetic(*registry);
  RegisterExtractFunctions(*registry);
  RegisterTruncationFunctions(*registry);
  RegisterConstructorFunctions(*registry);
  RegisterAgeFunctions(*registry);
  RegisterTimeZoneFunctions(*registry);
  RegisterToCharFunctions(*registry);
  RegisterNumberFormatFunctions(*registry);
  RegisterToTimestampFunctions(*registry);
  RegisterBasicAggregates(*registry);
  RegisterBitwiseAggregates(*registry);
  RegisterIntervalAggregates(*registry);
  RegisterStatisticalAggregates(*registry);
  RegisterRegressionAggregates(*registry);
  RegisterCollectingAggregates(*registry);
  RegisterApproxCountDistinct(*registry);
  RegisterRegexArrayFunctions(*registry);
  RegisterSeriesFunctions(*registry);
  return registry;
}

}  // namespace

types::DataType AnyDecimal() {
  // Precision 0 is the "any DECIMAL" pattern of function signatures (function_api.h); the
  // binder keeps the argument's own precision and scale for it.
  return types::DataType::Decimal(0, 0);
}

const FunctionRegistry& FunctionRegistry::Builtins() {
  // A function-local static is initialized once, thread-safely.
  static const std::unique_ptr<const FunctionRegistry> kBuiltins = BuildBuiltins();
  return *kBuiltins;
}

void FunctionRegistry::AddScalar(sql::ScalarFunction function) {
  function.name = Lower(function.name);
  std::unique_ptr<sql::ScalarFunction>& slot = scalars_[function.name];
  if (!slot) {
    slot = std::make_unique<sql::ScalarFunction>(std::move(function));
    return;
  }
  if (slot->parameter_names.empty()) {
    slot->parameter_names = std::move(function.parameter_names);
    slot->parameter_defaults = std::move(function.parameter_defaults);
  }
  for (sql::ScalarOverload& overload : function.overloads) {
    slot->overloads.push_back(std::move(overload));
  }
}

void FunctionRegistry::AddAggregate(sql::AggregateFunctionSet aggregate) {
  aggregate.name = Lower(aggregate.name);
  std::unique_ptr<sql::AggregateFunctionSet>& slot = aggregates_[aggregate.name];
  if (!slot) {
    slot = std::make_unique<sql::AggregateFunctionSet>(std::move(aggregate));
    return;
  }
  for (sql::AggregateOverload& overload : aggregate.overloads) {
    slot->overloads.push_back(std::move(overload));
  }
}

const sql::ScalarFunction* FunctionRegistry::FindScalar(std::string_view name) const {
  const auto it = scalars_.find(Lower(name));
  return it == scalars_.end() ? nullptr : it->second.get();
}

const sql::AggregateFunctionSet* FunctionRegistry::FindAggregate(std::string_view name) const {
  const auto it = aggregates_.find(Lower(name));
  return it == aggregates_.end() ? nullptr : it->second.get();
}

Result<sql::CastKernel> FunctionRegistry::FindCast(const types::DataType& from,
                                                   const types::DataType& to) const {
  return FindBuiltinCast(from, to);
}

std::vector<std::string> FunctionRegistry::ScalarNames() const {
  std::vector<std::string> names;
  names.reserve(scalars_.size());
  for (const auto& [name, function] : scalars_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace boyodb::functions
