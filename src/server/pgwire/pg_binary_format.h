// PostgreSQL's binary format (the typsend/typrecv functions of its catalog) for the types a
// client may ask for in binary in Bind: result values we send and parameter values we receive.
// Integers and floats are big-endian; DATE is days and TIMESTAMP(TZ) microseconds since
// 2000-01-01; TIME microseconds; INTERVAL microseconds, days, months; UUID its 16 bytes;
// NUMERIC base-10000 digits with weight, sign and display scale; INET family, bits, is_cidr,
// length, address. Nested types (arrays, maps, structs) have no binary form here.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::server::pgwire {

/// True when values of `type` can be sent and received in binary format.
bool HasBinaryFormat(const types::DataType& type);

/// 0A000 naming the type unless HasBinaryFormat(type).
Status CheckBinaryFormat(const types::DataType& type);

/// Appends the binary form of a non-NULL `value` of `type` (as PgTypeFor(type) announces it:
/// TINYINT as int2, UINT32 as int8, UINT64 as numeric, IPV4/IPV6 as inet).
/// Requires: HasBinaryFormat(type).
void AppendBinaryValue(const types::Value& value, const types::DataType& type, std::string* out);

/// A parameter of `type` sent in binary format. DECIMAL (and UINT64) come back as NUMERIC
/// text ("-12.5000", "NaN"), which the caller converts as text; every other type as its
/// Value. 22P03 (invalid_binary_representation) for a value of the wrong length or contents.
struct BinaryParameter {
  std::optional<types::Value> value;
  std::string numeric_text;  // when value is empty
};
Result<BinaryParameter> DecodeBinaryParameter(std::string_view bytes, const types::DataType& type);

}  // namespace boyodb::server::pgwire
