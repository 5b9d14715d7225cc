// How column values are hashed for bloom filters. The segment writer hashes every value of a
// column with these functions and a scan hashes a predicate's constant with BloomHashOf, so both
// sides must agree bit for bit; the definition is persisted (docs/formats/segment.md).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/hash.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::storage {

/// Whether segments keep a bloom filter for columns of this type: the integers, DATE, TIME,
/// TIMESTAMP, TIMESTAMPTZ, IPV4, DECIMAL, TEXT, JSON, BYTEA, UUID and IPV6. Not BOOLEAN (two
/// values), REAL and DOUBLE PRECISION (0.0 equals -0.0 and NaN equals NaN in SQL, but their bytes
/// differ), INTERVAL (PostgreSQL equates '1 month' and '30 days'), nested types and NULL.
bool SupportsBloomFilter(const types::DataType& type);

/// Integer-valued types (signed and unsigned integers, DATE, TIME, TIMESTAMP[TZ], IPV4): Mix64 of
/// the value as a 64-bit two's complement integer, so an INTEGER 5 and a BIGINT 5 hash alike.
inline uint64_t BloomHashInteger(uint64_t two_complement_value) {
  return hash::Mix64(two_complement_value);
}

/// DECIMAL: the integer hash of the low 64 bits of the unscaled 128-bit value (the constant must
/// be scaled to the column's scale first, as BindPredicate does).
inline uint64_t BloomHashDecimal(types::Int128 unscaled) {
  return BloomHashInteger(static_cast<uint64_t>(unscaled));
}

/// TEXT, JSON, BYTEA (their bytes) and UUID, IPV6 (their 16 bytes, network order): XXH3-64 with
/// seed 0.
inline uint64_t BloomHashBytes(std::string_view bytes) { return hash::Bytes(bytes); }

/// The hash the segment writer inserted for a value equal to `value`.
/// Requires: !value.is_null() and SupportsBloomFilter(value.type()); otherwise returns 0. The
/// value may be of another type of the same family than the column (an INT64 constant for an
/// INTEGER column, TEXT for BYTEA) but DECIMAL constants must have the column's scale.
uint64_t BloomHashOf(const types::Value& value);

}  // namespace boyodb::storage
