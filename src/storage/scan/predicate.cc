#include "storage/scan/predicate.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "common/sqlstate.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace boyodb::storage {

using types::DataType;
using types::Int128;
using types::TypeId;
using types::Value;

std::string_view CompareOpSymbol(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "<>";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
    case CompareOp::kIsNull:
      return "IS NULL";
    case CompareOp::kIsNotNull:
      return "IS NOT NULL";
  }
  return "?";
}

std::string ColumnPredicate::ToString() const {
  std::string out = column + " " + std::string(CompareOpSymbol(op));
  if (op != CompareOp::kIsNull && op != CompareOp::kIsNotNull) out += " " + value.ToString();
  return out;
}

namespace {

// How a column's values compare: every type falls in one of these domains.
enum class Domain : uint8_t { kInteger, kFloat, kBytes, kBoolean, kInterval, kUnsupported };

Domain DomainOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kDecimal:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIpv4:
      return Domain::kInteger;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return Domain::kFloat;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return Domain::kBytes;
    case TypeId::kBoolean:
      return Domain::kBoolean;
    case TypeId::kInterval:
      return Domain::kInterval;
    default:
      return Domain::kUnsupported;
  }
}

// An integer-domain value widened to 128 bits (decimals keep their unscaled form).
Int128 AsInt128(const Value& value) {
  if (value.type().id() == TypeId::kDecimal) return value.decimal();
  if (value.type().is_unsigned_integer() || value.type().id() == TypeId::kIpv4) {
    return static_cast<Int128>(value.uint64());
  }
  return value.int64();
}

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// PostgreSQL orders NaN above every other float and equal to itself.
int OrderFloat(double a, double b) {
  const bool a_nan = std::isnan(a), b_nan = std::isnan(b);
  if (a_nan || b_nan) return Order(a_nan, b_nan);
  return Order(a, b);
}

bool Satisfies(CompareOp op, int order) {
  switch (op) {
    case CompareOp::kEq:
      return order == 0;
    case CompareOp::kNe:
      return order != 0;
    case CompareOp::kLt:
      return order < 0;
    case CompareOp::kLe:
      return order <= 0;
    case CompareOp::kGt:
      return order > 0;
    case CompareOp::kGe:
      return order >= 0;
    default:
      return false;
  }
}

// Order of a stored value against the (bound) constant.
int CompareToConstant(const Value& stored, const Value& constant) {
  switch (DomainOf(stored.type())) {
    case Domain::kInteger:
      return Order(AsInt128(stored), AsInt128(constant));
    case Domain::kFloat:
      return OrderFloat(stored.float64(), constant.float64());
    default:
      return Value::Compare(stored, constant);
  }
}

Status Mismatch(const ColumnPredicate& predicate, const DataType& type) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                "cannot compare column \"" + predicate.column + "\" of type " + type.ToString() +
                    " with " + predicate.value.type().ToString() + " value " +
                    predicate.value.ToString());
}

Int128 PowerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

}  // namespace

Result<ColumnPredicate> BindPredicate(const ColumnPredicate& predicate, const DataType& type) {
  if (predicate.op == CompareOp::kIsNull || predicate.op == CompareOp::kIsNotNull) {
    return predicate;
  }
  const Value& value = predicate.value;
  if (value.is_null()) {
    return Status::InvalidArgument("comparison of column \"" + predicate.column +
                                   "\" with NULL is never true; use IS NULL");
  }
  const Domain domain = DomainOf(type);
  ColumnPredicate bound = predicate;
  switch (domain) {
    case Domain::kInteger: {
      if (type.id() == TypeId::kDecimal) {
        const int scale = type.scale();
        if (value.type().is_integer()) {
          bound.value = Value::Decimal(AsInt128(value) * PowerOfTen(scale), type);
          return bound;
        }
        if (value.type().id() == TypeId::kDecimal && value.type().scale() <= scale) {
          bound.value =
              Value::Decimal(value.decimal() * PowerOfTen(scale - value.type().scale()), type);
          return bound;
        }
        return Mismatch(predicate, type);
      }
      const bool temporal = !type.is_integer() && type.id() != TypeId::kIpv4;
      if (temporal || type.id() == TypeId::kIpv4) {
        if (value.type().id() != type.id()) return Mismatch(predicate, type);
        return bound;
      }
      if (!value.type().is_integer()) return Mismatch(predicate, type);
      return bound;
    }
    case Domain::kFloat:
      if (value.type().is_floating()) return bound;
      if (value.type().is_integer()) {
        bound.value = Value::Float64(static_cast<double>(AsInt128(value)));
        return bound;
      }
      return Mismatch(predicate, type);
    case Domain::kBytes:
      if (DomainOf(value.type()) != Domain::kBytes) return Mismatch(predicate, type);
      if ((type.id() == TypeId::kUuid || type.id() == TypeId::kIpv6) &&
          value.type().id() != type.id()) {
        return Mismatch(predicate, type);
      }
      return bound;
    case Domain::kBoolean:
    case Domain::kInterval:
      if (value.type().id() != type.id()) return Mismatch(predicate, type);
      return bound;
    case Domain::kUnsupported:
      return Status::NotSupported("predicates on column \"" + predicate.column + "\" of type " +
                                  type.ToString() + " are not supported");
  }
  return Mismatch(predicate, type);
}

bool ZoneMayMatch(const ColumnPredicate& predicate, const ZoneMap& zone) {
  switch (predicate.op) {
    case CompareOp::kIsNull:
      return zone.null_count > 0;
    case CompareOp::kIsNotNull:
      return zone.null_count < zone.row_count;
    default:
      break;
  }
  if (zone.null_count == zone.row_count) return false;  // comparisons with NULL are never true
  if (zone.min.is_null() || zone.max.is_null()) return true;
  const int vs_min = CompareToConstant(zone.min, predicate.value);
  const int vs_max = CompareToConstant(zone.max, predicate.value);
  switch (predicate.op) {
    case CompareOp::kEq:
      return vs_min <= 0 && vs_max >= 0;
    case CompareOp::kNe:
      return !(vs_min == 0 && vs_max == 0);
    case CompareOp::kLt:
      return vs_min < 0;
    case CompareOp::kLe:
      return vs_min <= 0;
    case CompareOp::kGt:
      return vs_max > 0;
    case CompareOp::kGe:
      return vs_max >= 0;
    default:
      return true;
  }
}

namespace {

template <typename T, typename Compare>
void FilterTyped(const columnar::Array& column, CompareOp op, Compare compare,
                 columnar::SelectionVector* selection) {
  const T* values = column.values<T>();
  std::vector<uint32_t>& rows = selection->mutable_rows();
  size_t kept = 0;
  const bool has_nulls = column.null_count() > 0;
  for (const uint32_t row : rows) {
    if (has_nulls && column.IsNull(row)) continue;
    if (Satisfies(op, compare(values[row]))) rows[kept++] = row;
  }
  rows.resize(kept);
}

#if defined(__SSE2__)
// Each row's outcome of `keep` over the 16 values at `values`, one bit per row (bit i for row
// i). `keep` takes a GCC vector of one SSE register's values as well as a single value and
// compares them all at once; the lanes' outcomes (all ones or zero) are narrowed to bytes by
// saturating packs.
template <typename T, typename Keep>
uint32_t PassedOf16(const T* values, Keep keep) {
  typedef T Values __attribute__((vector_size(16)));
  constexpr size_t kLanes = 16 / sizeof(T);
  __m128i outcomes[16 / kLanes];
  for (size_t v = 0; v < 16 / kLanes; ++v) {
    Values block;
    std::memcpy(&block, values + v * kLanes, sizeof(block));
    const auto passed = keep(block);
    std::memcpy(&outcomes[v], &passed, sizeof(__m128i));
  }
  __m128i bytes;
  if constexpr (sizeof(T) == 1) {
    bytes = outcomes[0];
  } else if constexpr (sizeof(T) == 2) {
    bytes = _mm_packs_epi16(outcomes[0], outcomes[1]);
  } else {
    bytes = _mm_packs_epi16(_mm_packs_epi32(outcomes[0], outcomes[1]),
                            _mm_packs_epi32(outcomes[2], outcomes[3]));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(bytes));
}

// The rows 0 .. num_rows - 1 whose value `keep` accepts, into `out`, tested 16 at a time; a
// block where no row passes costs a few instructions. The first predicate of a scan sees every
// row of the batch (hits Q37-Q42's CounterID = 62 tested 10M rows one by one, most of their
// time). Returns how many rows passed. Requires: T of 1, 2 or 4 bytes (SSE2 compares no wider).
template <typename T, typename Keep>
size_t FilterAllRows(const T* values, int64_t num_rows, Keep keep, uint32_t* out) {
  size_t kept = 0;
  int64_t row = 0;
  for (; row + 16 <= num_rows; row += 16) {
    uint32_t bits = PassedOf16(values + row, keep);
    while (bits != 0) {
      out[kept++] = static_cast<uint32_t>(row + __builtin_ctz(bits));
      bits &= bits - 1;
    }
  }
  for (; row < num_rows; ++row) {
    out[kept] = static_cast<uint32_t>(row);
    kept += keep(values[row]) ? 1 : 0;
  }
  return kept;
}
#endif

// Room for a batch's row numbers, reused by the thread's scans: the rows that pass are written
// here, in cache, and only they are copied into the selection. Listing every row first
// (SelectionVector::All: a zeroing and a numbering pass over 256 KB per batch) cost hits Q1
// (COUNT(*) WHERE AdvEngineID <> 0) a third of its time.
uint32_t* RowScratch(size_t rows) {
  thread_local std::vector<uint32_t> scratch;
  if (scratch.size() < rows) scratch.resize(rows);
  return scratch.data();
}

// Keeps the selected rows whose value `keep` accepts; with `every_row` the selection is empty
// and stands for all of the column's rows. Without NULLs the loop writes every row and
// advances by the test's outcome, without a branch to mispredict.
template <typename T, typename Keep>
void FilterValues(const columnar::Array& column, Keep keep, columnar::SelectionVector* selection,
                  bool every_row) {
  const T* values = column.values<T>();
#if defined(__SSE2__)
  if constexpr (sizeof(T) <= sizeof(uint32_t)) {
    if (every_row && column.null_count() == 0) {
      const auto length = static_cast<size_t>(column.length());
      uint32_t* passed = RowScratch(length);
      const size_t kept = FilterAllRows<T>(values, column.length(), keep, passed);
      selection->mutable_rows().assign(passed, passed + kept);
      return;
    }
  }
#endif
  if (every_row) *selection = columnar::SelectionVector::All(column.length());
  std::vector<uint32_t>& rows = selection->mutable_rows();
  size_t kept = 0;
#if defined(__SSE2__)
  // A scan's selections are increasing: one as long as the column, from its first row to its
  // last, is every row.
  const auto length = static_cast<size_t>(column.length());
  if (sizeof(T) <= sizeof(uint32_t) && column.null_count() == 0 && !rows.empty() &&
      rows.size() == length && rows.front() == 0 && rows.back() == length - 1) {
    if constexpr (sizeof(T) <= sizeof(uint32_t)) {
      rows.resize(FilterAllRows<T>(values, column.length(), keep, rows.data()));
      return;
    }
  }
#endif
  if (column.null_count() > 0) {
    for (const uint32_t row : rows) {
      if (column.IsValid(row) && keep(values[row])) rows[kept++] = row;
    }
  } else {
    for (const uint32_t row : rows) {
      rows[kept] = row;
      kept += keep(values[row]) ? 1 : 0;
    }
  }
  rows.resize(kept);
}

template <typename T>
void FilterInteger(const columnar::Array& column, CompareOp op, Int128 constant,
                   columnar::SelectionVector* selection, bool every_row) {
  // (A 128-bit column holds every 128-bit constant; std::numeric_limits may not know the type.)
  if (!std::is_same_v<T, Int128> &&
      (constant < static_cast<Int128>(std::numeric_limits<T>::min()) ||
       constant > static_cast<Int128>(std::numeric_limits<T>::max()))) {
    if (every_row) *selection = columnar::SelectionVector::All(column.length());
    // Beyond the type's values: compared as 128-bit integers, every row the same way.
    FilterTyped<T>(
        column, op, [constant](T v) { return Order<Int128>(v, constant); }, selection);
    return;
  }
  // The test per row in the column's own type, the operator chosen once.
  const auto c = static_cast<T>(constant);
  switch (op) {
    case CompareOp::kEq:
      return FilterValues<T>(
          column, [c](auto v) { return v == c; }, selection, every_row);
    case CompareOp::kNe:
      return FilterValues<T>(
          column, [c](auto v) { return v != c; }, selection, every_row);
    case CompareOp::kLt:
      return FilterValues<T>(
          column, [c](auto v) { return v < c; }, selection, every_row);
    case CompareOp::kLe:
      return FilterValues<T>(
          column, [c](auto v) { return v <= c; }, selection, every_row);
    case CompareOp::kGt:
      return FilterValues<T>(
          column, [c](auto v) { return v > c; }, selection, every_row);
    case CompareOp::kGe:
      return FilterValues<T>(
          column, [c](auto v) { return v >= c; }, selection, every_row);
    default:
      selection->mutable_rows().clear();
  }
}

// `=` or `<>` on texts through a dictionary: each row's entry is tested, and one whose length
// differs from the constant's is decided by its two offsets, without its bytes, so `<> ''`
// (the most common filter on texts) reads none at all. Testing the dictionary's entries first
// instead cost a pass over all of them per batch (a segment's dictionary serves many batches),
// more than the rows' own tests. Every row (every_row: the selection is empty and stands for
// all of them) is tested without listing them first, and none with a branch to mispredict.
void FilterDictionaryTextEquality(const ColumnPredicate& predicate, const columnar::Array& column,
                                  columnar::SelectionVector* selection, bool every_row) {
  const columnar::Array& dictionary = *column.dictionary();
  const int32_t* codes = column.values<int32_t>();
  const int32_t* offsets = dictionary.offsets();
  const std::string_view constant = predicate.value.bytes();
  const auto constant_length = static_cast<int64_t>(constant.size());
  const bool want_equal = predicate.op == CompareOp::kEq;
  const bool nullable = column.null_count() > 0 || dictionary.null_count() > 0;
  auto passes = [&](uint32_t row) {
    if (nullable && (!column.IsValid(row) || dictionary.IsNull(codes[row]))) return false;
    const int32_t code = codes[row];
    const bool equal = offsets[code + 1] - offsets[code] == constant_length &&
                       (constant_length == 0 || dictionary.GetView(code) == constant);
    return equal == want_equal;
  };
  size_t kept = 0;
  if (every_row) {
    const auto length = static_cast<uint32_t>(column.length());
    uint32_t* passed = RowScratch(length);
    for (uint32_t row = 0; row < length; ++row) {
      passed[kept] = row;
      kept += passes(row) ? 1 : 0;
    }
    selection->mutable_rows().assign(passed, passed + kept);
    return;
  }
  std::vector<uint32_t>& rows = selection->mutable_rows();
  for (const uint32_t row : rows) {
    rows[kept] = row;
    kept += passes(row) ? 1 : 0;
  }
  rows.resize(kept);
}

// FilterRows; with `every_row` the selection is empty and stands for all of the column's rows
// (SelectRows).
void FilterRowsOf(const ColumnPredicate& predicate, const columnar::Array& column,
                  columnar::SelectionVector* selection, bool every_row) {
  if (column.is_dictionary() && column.dictionary()->type().layout() == types::Layout::kVariable &&
      (predicate.op == CompareOp::kEq || predicate.op == CompareOp::kNe)) {
    return FilterDictionaryTextEquality(predicate, column, selection, every_row);
  }
  // Only the comparisons of plain columns below take every_row as it is.
  const bool by_type = predicate.op != CompareOp::kIsNull &&
                       predicate.op != CompareOp::kIsNotNull && !column.is_dictionary();
  if (every_row && !by_type) {
    *selection = columnar::SelectionVector::All(column.length());
    every_row = false;
  }

  std::vector<uint32_t>& rows = selection->mutable_rows();
  if (predicate.op == CompareOp::kIsNull || predicate.op == CompareOp::kIsNotNull) {
    const bool want_null = predicate.op == CompareOp::kIsNull;
    size_t kept = 0;
    for (const uint32_t row : rows) {
      if (column.IsNull(row) == want_null) rows[kept++] = row;
    }
    rows.resize(kept);
    return;
  }
  if (column.is_dictionary() && column.dictionary()->length() > static_cast<int64_t>(rows.size())) {
    // A segment's dictionary, larger than the batch: each row's entry is tested instead of
    // every entry.
    const columnar::Array& dictionary = *column.dictionary();
    const bool text = dictionary.type().layout() == types::Layout::kVariable;
    const std::string_view bytes = text ? predicate.value.bytes() : std::string_view();
    const int32_t* codes = column.values<int32_t>();
    size_t kept = 0;
    for (const uint32_t row : rows) {
      if (!column.IsValid(row) || dictionary.IsNull(codes[row])) continue;
      const int32_t code = codes[row];
      const int order = text ? dictionary.GetView(code).compare(bytes)
                             : CompareToConstant(dictionary.GetValue(code), predicate.value);
      if (Satisfies(predicate.op, order < 0 ? -1 : (order > 0 ? 1 : 0))) rows[kept++] = row;
    }
    rows.resize(kept);
    return;
  }
  if (column.is_dictionary()) {
    // Evaluate once per distinct value, then filter by code.
    const columnar::Array& dictionary = *column.dictionary();
    std::vector<uint8_t> code_matches(static_cast<size_t>(dictionary.length()));
    const bool text = dictionary.type().layout() == types::Layout::kVariable;
    for (int64_t code = 0; code < dictionary.length(); ++code) {
      if (dictionary.IsNull(code)) continue;
      // Text compares as bytes in place; a Value per entry would copy each one.
      const int order = text ? dictionary.GetView(code).compare(predicate.value.bytes())
                             : CompareToConstant(dictionary.GetValue(code), predicate.value);
      code_matches[static_cast<size_t>(code)] =
          Satisfies(predicate.op, order < 0 ? -1 : (order > 0 ? 1 : 0));
    }
    const int32_t* codes = column.values<int32_t>();
    size_t kept = 0;
    for (const uint32_t row : rows) {
      if (column.IsValid(row) && code_matches[static_cast<size_t>(codes[row])]) rows[kept++] = row;
    }
    rows.resize(kept);
    return;
  }
  const Value& constant = predicate.value;
  switch (column.type().id()) {
    case TypeId::kInt8:
      return FilterInteger<int8_t>(column, predicate.op, AsInt128(constant), selection, every_row);
    case TypeId::kInt16:
      return FilterInteger<int16_t>(column, predicate.op, AsInt128(constant), selection, every_row);
    case TypeId::kInt32:
    case TypeId::kDate:
      return FilterInteger<int32_t>(column, predicate.op, AsInt128(constant), selection, every_row);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return FilterInteger<int64_t>(column, predicate.op, AsInt128(constant), selection, every_row);
    case TypeId::kUInt8:
      return FilterInteger<uint8_t>(column, predicate.op, AsInt128(constant), selection, every_row);
    case TypeId::kUInt16:
      return FilterInteger<uint16_t>(column, predicate.op, AsInt128(constant), selection,
                                     every_row);
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return FilterInteger<uint32_t>(column, predicate.op, AsInt128(constant), selection,
                                     every_row);
    case TypeId::kUInt64:
      return FilterInteger<uint64_t>(column, predicate.op, AsInt128(constant), selection,
                                     every_row);
    case TypeId::kDecimal:
      return FilterInteger<Int128>(column, predicate.op, constant.decimal(), selection, every_row);
    case TypeId::kFloat32: {
      if (every_row) *selection = columnar::SelectionVector::All(column.length());
      const double c = constant.float64();
      return FilterTyped<float>(
          column, predicate.op, [c](float v) { return OrderFloat(v, c); }, selection);
    }
    case TypeId::kFloat64: {
      if (every_row) *selection = columnar::SelectionVector::All(column.length());
      const double c = constant.float64();
      return FilterTyped<double>(
          column, predicate.op, [c](double v) { return OrderFloat(v, c); }, selection);
    }
    default:
      break;
  }
  if (every_row) *selection = columnar::SelectionVector::All(column.length());
  // Remaining types (text, bytes, booleans, intervals, UUIDs) compare through their values.
  size_t kept = 0;
  if (column.type().layout() == types::Layout::kVariable) {
    const std::string_view c = constant.bytes();
    for (const uint32_t row : rows) {
      if (column.IsNull(row)) continue;
      const int order = column.GetView(row).compare(c);
      if (Satisfies(predicate.op, order < 0 ? -1 : (order > 0 ? 1 : 0))) rows[kept++] = row;
    }
  } else {
    for (const uint32_t row : rows) {
      if (column.IsNull(row)) continue;
      if (Satisfies(predicate.op, CompareToConstant(column.GetValue(row), constant))) {
        rows[kept++] = row;
      }
    }
  }
  rows.resize(kept);
}

}  // namespace

void FilterRows(const ColumnPredicate& predicate, const columnar::Array& column,
                columnar::SelectionVector* selection) {
  FilterRowsOf(predicate, column, selection, /*every_row=*/false);
}

columnar::SelectionVector SelectRows(const ColumnPredicate& predicate,
                                     const columnar::Array& column) {
  columnar::SelectionVector selection;
  FilterRowsOf(predicate, column, &selection, /*every_row=*/true);
  return selection;
}

}  // namespace boyodb::storage
