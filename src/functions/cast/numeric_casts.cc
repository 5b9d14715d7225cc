// Casts among BOOLEAN, the integers, REAL, DOUBLE PRECISION and DECIMAL, as PostgreSQL's
// pg_cast defines them: integers narrow with a range check ("integer out of range"), floats
// become integers by rounding half to even (rint), numerics by rounding half away from zero;
// a DECIMAL target checks its precision (22003 "numeric field overflow") after rounding to its
// scale; floats become numerics through their 15 (REAL: 6) significant digits, as PostgreSQL's
// float8_numeric does; BOOLEAN converts only to and from INTEGER.
// Thread safety: the kernels are stateless and reentrant.
#include <cmath>
#include <cstdio>
#include <limits>

#include "functions/cast/cast_internal.h"
#include "functions/cast/number_parsing.h"
#include "functions/decimal/decimal_math.h"
#include "functions/function_errors.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;

Status NumericFieldOverflow() { return NumericOutOfRange("numeric field overflow"); }

// Calls f.template operator()<T>() with the C type of a numeric or boolean type; false when
// the type is not one.
template <typename F>
bool VisitNumeric(TypeId id, F&& f) {
  switch (id) {
    case TypeId::kBoolean:
      f.template operator()<bool>();
      return true;
    case TypeId::kInt8:
      f.template operator()<int8_t>();
      return true;
    case TypeId::kInt16:
      f.template operator()<int16_t>();
      return true;
    case TypeId::kInt32:
      f.template operator()<int32_t>();
      return true;
    case TypeId::kInt64:
      f.template operator()<int64_t>();
      return true;
    case TypeId::kUInt8:
      f.template operator()<uint8_t>();
      return true;
    case TypeId::kUInt16:
      f.template operator()<uint16_t>();
      return true;
    case TypeId::kUInt32:
      f.template operator()<uint32_t>();
      return true;
    case TypeId::kUInt64:
      f.template operator()<uint64_t>();
      return true;
    case TypeId::kFloat32:
      f.template operator()<float>();
      return true;
    case TypeId::kFloat64:
      f.template operator()<double>();
      return true;
    case TypeId::kDecimal:
      f.template operator()<Int128>();
      return true;
    default:
      return false;
  }
}

template <typename T>
constexpr bool kIsInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Whether the integer (or Int128) `value` is within To's range.
template <typename To, typename From>
bool FitsInteger(From value) {
  if constexpr (std::is_signed_v<From> || std::is_same_v<From, Int128>) {
    if (value < 0) {
      if constexpr (std::is_unsigned_v<To>) {
        return false;
      } else {
        return static_cast<Int128>(value) >= static_cast<Int128>(std::numeric_limits<To>::min());
      }
    }
  }
  return static_cast<unsigned __int128>(value) <=
         static_cast<unsigned __int128>(std::numeric_limits<To>::max());
}

// Floats convert to integers only when rint(value) is within the target's range. The bounds
// are exact powers of two, so the comparison is exact.
template <typename To, typename From>
bool FloatFitsInteger(From rounded) {
  if (std::isnan(rounded)) return false;
  const long double min = static_cast<long double>(std::numeric_limits<To>::min());
  const long double max_plus_one = static_cast<long double>(std::numeric_limits<To>::max()) + 1;
  return static_cast<long double>(rounded) >= min &&
         static_cast<long double>(rounded) < max_plus_one;
}

// A float's value as numeric text with 15 (double) or 6 (real) significant digits.
template <typename From>
std::string FloatDigits(From value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*g", std::is_same_v<From, float> ? 6 : 15,
                static_cast<double>(value));
  return buffer;
}

template <typename From, typename To>
sql::CastKernel MakeCast(const DataType& from, const DataType& to) {
  const TypeId to_id = to.id();
  if constexpr (std::is_same_v<From, bool> || std::is_same_v<To, bool>) {
    // Only INTEGER <-> BOOLEAN exist in PostgreSQL.
    if constexpr (std::is_same_v<From, bool> && std::is_same_v<To, int32_t>) {
      if (to_id != TypeId::kInt32) return nullptr;
      return RowCast<bool, int32_t>(to, [](bool value, int32_t* out) {
        *out = value ? 1 : 0;
        return Status::OK();
      });
    } else if constexpr (std::is_same_v<From, int32_t> && std::is_same_v<To, bool>) {
      if (from.id() != TypeId::kInt32) return nullptr;
      return RowCast<int32_t, bool>(to, [](int32_t value, bool* out) {
        *out = value != 0;
        return Status::OK();
      });
    } else {
      return nullptr;
    }
  } else if constexpr (kIsInteger<From> && kIsInteger<To>) {
    return RowCast<From, To>(to, [to_id](From value, To* out) {
      if (!FitsInteger<To>(value)) return IntegerOutOfRange(to_id);
      *out = static_cast<To>(value);
      return Status::OK();
    });
  } else if constexpr (kIsInteger<From> && std::is_floating_point_v<To>) {
    return RowCast<From, To>(to, [](From value, To* out) {
      *out = static_cast<To>(value);
      return Status::OK();
    });
  } else if constexpr (std::is_floating_point_v<From> && kIsInteger<To>) {
    return RowCast<From, To>(to, [to_id](From value, To* out) {
      const From rounded = std::nearbyint(value);
      if (!FloatFitsInteger<To>(rounded)) return IntegerOutOfRange(to_id);
      *out = static_cast<To>(rounded);
      return Status::OK();
    });
  } else if constexpr (std::is_floating_point_v<From> && std::is_floating_point_v<To>) {
    return RowCast<From, To>(to, [](From value, To* out) {
      *out = static_cast<To>(value);
      if (std::isinf(*out) && !std::isinf(value)) {
        return NumericOutOfRange("value out of range: overflow");
      }
      if (*out == 0 && value != 0) return NumericOutOfRange("value out of range: underflow");
      return Status::OK();
    });
  } else if constexpr (kIsInteger<From> && std::is_same_v<To, Int128>) {
    const int precision = to.precision(), scale = to.scale();
    return RowCast<From, Int128>(to, [precision, scale](From value, Int128* out) {
      if (!ScaleUp(static_cast<Int128>(value), scale, out) || !FitsPrecision(*out, precision)) {
        return NumericFieldOverflow();
      }
      return Status::OK();
    });
  } else if constexpr (std::is_same_v<From, Int128> && kIsInteger<To>) {
    const int scale = from.scale();
    return RowCast<Int128, To>(to, [scale, to_id](Int128 value, To* out) {
      const Int128 rounded = ScaleDownRounded(value, scale);
      if (!FitsInteger<To>(rounded)) return IntegerOutOfRange(to_id);
      *out = static_cast<To>(rounded);
      return Status::OK();
    });
  } else if constexpr (std::is_same_v<From, Int128> && std::is_floating_point_v<To>) {
    const int scale = from.scale();
    return RowCast<Int128, To>(to, [scale](Int128 value, To* out) {
      // Exact operands and one rounding division when both fit a double exactly.
      constexpr Int128 kExactLimit = Int128{1} << 53;
      if (value > -kExactLimit && value < kExactLimit && scale <= 22) {
        *out = static_cast<To>(static_cast<double>(value) / static_cast<double>(Pow10(scale)));
      } else {
        *out = static_cast<To>(DecimalToDouble(value, scale));
      }
      return Status::OK();
    });
  } else if constexpr (std::is_floating_point_v<From> && std::is_same_v<To, Int128>) {
    const int precision = to.precision(), scale = to.scale();
    return RowCast<From, Int128>(to, [precision, scale](From value, Int128* out) -> Status {
      if (std::isnan(value)) return NumericOutOfRange("cannot convert NaN to numeric");
      if (std::isinf(value)) return NumericOutOfRange("cannot convert infinity to numeric");
      BOYO_ASSIGN_OR_RETURN(*out, ParseDecimal(FloatDigits(value), precision, scale));
      return Status::OK();
    });
  } else if constexpr (std::is_same_v<From, Int128> && std::is_same_v<To, Int128>) {
    const int from_scale = from.scale(), precision = to.precision(), scale = to.scale();
    return RowCast<Int128, Int128>(to, [=](Int128 value, Int128* out) {
      if (!Rescale(value, from_scale, scale, out) || !FitsPrecision(*out, precision)) {
        return NumericFieldOverflow();
      }
      return Status::OK();
    });
  } else {
    return nullptr;
  }
}

}  // namespace

sql::CastKernel FindNumericCast(const DataType& from, const DataType& to) {
  sql::CastKernel kernel;
  VisitNumeric(from.id(), [&]<typename From>() {
    VisitNumeric(to.id(), [&]<typename To>() { kernel = MakeCast<From, To>(from, to); });
  });
  return kernel;
}

}  // namespace boyodb::functions
