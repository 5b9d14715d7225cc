// Zone maps of column ranges: ComputeZoneMap summarizes rows [offset, offset + length) of an array
// (min, max, null count) with typed loops, and the bounds are stored in a segment's .idx in the
// binary form below (docs/formats/segment.md, "zone map values").
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/array.h"
#include "common/result.h"
#include "storage/scan/predicate.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::storage {

/// TEXT, JSON and BYTEA bounds longer than this are not kept (the bound is NULL, i.e. unknown).
inline constexpr size_t kMaxZoneMapBytes = 64;

/// Whether zone maps of a column of this type carry min and max: every type except INTERVAL
/// (PostgreSQL orders intervals by their normalized length, not by their fields), nested types
/// and NULL. Null counts are kept for every type.
bool ZoneMapKeepsBounds(const types::DataType& type);

/// The zone map of rows [offset, offset + length) of `array` (plain or dictionary-encoded):
/// row_count = length, null_count, and min and max of the non-NULL values in the order of
/// types::Value::Compare. A bound is NULL (unknown) when every row is NULL, when the type keeps
/// no bounds (ZoneMapKeepsBounds), or when it is a string longer than kMaxZoneMapBytes.
/// Floats follow PostgreSQL's order, NaN above everything: max is NaN when a NaN is present,
/// and min is NaN only when every non-NULL value is NaN.
/// Requires: 0 <= offset, 0 <= length, offset + length <= array.length().
ZoneMap ComputeZoneMap(const columnar::Array& array, int64_t offset, int64_t length);

/// Appends the binary form of a zone-map bound: BOOLEAN one byte; signed integers, DATE, TIME
/// and TIMESTAMP[TZ] an int64; unsigned integers and IPV4 a uint64; floats the float64 bits;
/// DECIMAL the 16 bytes of the unscaled value; UUID and IPV6 their 16 bytes; TEXT, JSON and
/// BYTEA a uint32 length and the bytes. All integers little-endian.
/// Requires: !value.is_null() and ZoneMapKeepsBounds(value.type()).
void AppendZoneMapValue(const types::Value& value, std::string* out);

/// Parses one bound of `type` from the front of *input and advances *input past it.
/// Corruption (XX001) saying what is wrong when the bytes are too short, the value does not fit
/// the type, a string is longer than kMaxZoneMapBytes, or the type keeps no bounds; the caller
/// adds the file and offset.
Result<types::Value> ParseZoneMapValue(const types::DataType& type, std::string_view* input);

}  // namespace boyodb::storage
