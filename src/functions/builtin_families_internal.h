// The families of built-in functions: each Register* adds one family's functions and operators
// to a registry; FunctionRegistry::Builtins() calls all of them. Also the small shared pieces
// their registration code uses.
// Thread safety: Register* mutate the registry they are given (not thread-safe); the rest is
// pure.
#pragma once

#include <utility>
#include <vector>

#include "functions/function_registry.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::functions {

// Operators (src/functions/operators/).
void RegisterIntegerArithmetic(FunctionRegistry& registry);
void RegisterIntegerBitwise(FunctionRegistry& registry);
void RegisterFloatArithmetic(FunctionRegistry& registry);
void RegisterDecimalArithmetic(FunctionRegistry& registry);
void RegisterComparisonOperators(FunctionRegistry& registry);
void RegisterLikeOperators(FunctionRegistry& registry);

// Math functions (src/functions/math/).
void RegisterRoundingFunctions(FunctionRegistry& registry);
void RegisterTranscendentalFunctions(FunctionRegistry& registry);
void RegisterIntegerMathFunctions(FunctionRegistry& registry);
void RegisterMiscMathFunctions(FunctionRegistry& registry);

// String functions (src/functions/string/).
void RegisterStringCaseFunctions(FunctionRegistry& registry);
void RegisterLengthFunctions(FunctionRegistry& registry);
void RegisterSubstringFunctions(FunctionRegistry& registry);
void RegisterPaddingFunctions(FunctionRegistry& registry);
void RegisterCharacterLengthFunctions(FunctionRegistry& registry);
void RegisterSequenceFunctions(FunctionRegistry& registry);
void RegisterStringEditFunctions(FunctionRegistry& registry);
void RegisterConcatFunctions(FunctionRegistry& registry);
void RegisterQuoteFunctions(FunctionRegistry& registry);
void RegisterStringEncodingFunctions(FunctionRegistry& registry);
void RegisterEncodingDigestFunctions(FunctionRegistry& registry);
void RegisterOverlayFunctions(FunctionRegistry& registry);
void RegisterNumberFormatFunctions(FunctionRegistry& registry);
void RegisterRegexFunctions(FunctionRegistry& registry);
void RegisterSimilarToEscape(FunctionRegistry& registry);

// Array functions and operators (src/functions/array/), registered after the string ones so
// that text || text keeps its place before the array || overloads.
void RegisterArrayDimensionFunctions(FunctionRegistry& registry);
void RegisterArrayEditFunctions(FunctionRegistry& registry);
void RegisterArraySearchFunctions(FunctionRegistry& registry);
void RegisterArrayTextFunctions(FunctionRegistry& registry);
void RegisterArrayComparisonOperators(FunctionRegistry& registry);
void RegisterArrayGeneratorFunctions(FunctionRegistry& registry);

// System information functions (src/functions/system/).
void RegisterSystemFunctions(FunctionRegistry& registry);
void RegisterCatalogFunctions(FunctionRegistry& registry);
void RegisterUuidFunctions(FunctionRegistry& registry);

// Date/time functions and operators (src/functions/datetime/).
void RegisterCurrentTimeFunctions(FunctionRegistry& registry);
void RegisterDatetimeArithmetic(FunctionRegistry& registry);
void RegisterIntervalArithmetic(FunctionRegistry& registry);
void RegisterExtractFunctions(FunctionRegistry& registry);
void RegisterTruncationFunctions(FunctionRegistry& registry);
void RegisterConstructorFunctions(FunctionRegistry& registry);
void RegisterAgeFunctions(FunctionRegistry& registry);
void RegisterTimeZoneFunctions(FunctionRegistry& registry);
void RegisterToCharFunctions(FunctionRegistry& registry);
void RegisterToTimestampFunctions(FunctionRegistry& registry);

// Regular-expression functions returning arrays or sets (src/functions/string/).
void RegisterRegexArrayFunctions(FunctionRegistry& registry);

// Series generators of the select list (src/functions/series/).
void RegisterSeriesFunctions(FunctionRegistry& registry);

/// The parameter type that accepts a DECIMAL of any precision and scale (function_api.h:
/// "a DECIMAL with precision 0 accepts any DECIMAL").
types::DataType AnyDecimal();

/// One overload with a fixed result type.
inline sql::ScalarOverload Overload(std::vector<types::DataType> parameters, types::DataType result,
                                    sql::ScalarKernel kernel,
                                    sql::Volatility volatility = sql::Volatility::kImmutable) {
  sql::ScalarOverload overload;
  overload.parameters = std::move(parameters);
  overload.result = std::move(result);
  overload.kernel = std::move(kernel);
  overload.volatility = volatility;
  return overload;
}

}  // namespace boyodb::functions
