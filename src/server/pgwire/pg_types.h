// How BoyoDB's logical types appear to PostgreSQL clients: the pg_type OID, typlen and
// atttypmod sent in RowDescription, and the reverse mapping for parameter types a client
// declares in Parse. OIDs and typlen values are those of PostgreSQL's catalog (pg_type.dat).
// Thread safety: pure functions and constants.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "types/data_type.h"

namespace boyodb::server::pgwire {

/// How a value is encoded on the wire (Bind, RowDescription, CopyInResponse...).
enum class FormatCode : int16_t { kText = 0, kBinary = 1 };

/// pg_type OIDs of the types we send or accept.
namespace oid {
inline constexpr uint32_t kUnspecified = 0;  // Parse: "let the server infer the type"
inline constexpr uint32_t kBool = 16;
inline constexpr uint32_t kBytea = 17;
inline constexpr uint32_t kName = 19;
inline constexpr uint32_t kInt8 = 20;
inline constexpr uint32_t kInt2 = 21;
inline constexpr uint32_t kInt4 = 23;
inline constexpr uint32_t kText = 25;
inline constexpr uint32_t kOid = 26;
inline constexpr uint32_t kJson = 114;
inline constexpr uint32_t kJsonArray = 199;
inline constexpr uint32_t kFloat4 = 700;
inline constexpr uint32_t kFloat8 = 701;
inline constexpr uint32_t kUnknown = 705;
inline constexpr uint32_t kInet = 869;
inline constexpr uint32_t kBoolArray = 1000;
inline constexpr uint32_t kByteaArray = 1001;
inline constexpr uint32_t kInt2Array = 1005;
inline constexpr uint32_t kInt4Array = 1007;
inline constexpr uint32_t kTextArray = 1009;
inline constexpr uint32_t kVarcharArray = 1015;
inline constexpr uint32_t kInt8Array = 1016;
inline constexpr uint32_t kFloat4Array = 1021;
inline constexpr uint32_t kFloat8Array = 1022;
inline constexpr uint32_t kInetArray = 1041;
inline constexpr uint32_t kBpchar = 1042;
inline constexpr uint32_t kVarchar = 1043;
inline constexpr uint32_t kDate = 1082;
inline constexpr uint32_t kTime = 1083;
inline constexpr uint32_t kTimestamp = 1114;
inline constexpr uint32_t kTimestampArray = 1115;
inline constexpr uint32_t kDateArray = 1182;
inline constexpr uint32_t kTimeArray = 1183;
inline constexpr uint32_t kTimestampTz = 1184;
inline constexpr uint32_t kTimestampTzArray = 1185;
inline constexpr uint32_t kInterval = 1186;
inline constexpr uint32_t kIntervalArray = 1187;
inline constexpr uint32_t kNumericArray = 1231;
inline constexpr uint32_t kNumeric = 1700;
inline constexpr uint32_t kUuid = 2950;
inline constexpr uint32_t kUuidArray = 2951;
inline constexpr uint32_t kJsonb = 3802;
}  // namespace oid

/// What RowDescription says about a column's type.
struct PgTypeInfo {
  uint32_t oid = oid::kText;
  int16_t typlen = -1;  // pg_type.typlen: bytes of a fixed-size value, -1 for varlena
  int32_t typmod = -1;  // pg_attribute.atttypmod: -1 when the type has no modifier

  bool operator==(const PgTypeInfo& other) const = default;
};

/// The PostgreSQL type a column of `type` is sent as. Types PostgreSQL has no equivalent for
/// become the nearest wider type that holds every value: TINYINT -> int2, UINT8 and UINT16 ->
/// int4, UINT32 -> int8, UINT64 -> numeric(20,0); IPV4 and IPV6 -> inet. DECIMAL(p,s) carries
/// the typmod ((p << 16) | s) + 4. LIST(T) is T's array type when T maps to a scalar type
/// with one (typmod that of T, as PostgreSQL does for numeric(p,s)[]). MAP, STRUCT, nested
/// lists, the NULL type and anything else are sent as their text form: text (25).
PgTypeInfo PgTypeFor(const types::DataType& type);

/// The DataType of a parameter a client declared in Parse. nullopt for 0 and unknown (705),
/// which leave the type to the server. Besides the inverse of PgTypeFor for signed integers,
/// floats, text, bytea, json and date/time types: varchar, bpchar and name are TEXT; jsonb is
/// JSON; oid is BIGINT (it is unsigned 32-bit); numeric is DECIMAL(38,9), as an unqualified
/// NUMERIC is in our SQL; inet is not accepted, because a parameter cannot say whether it is
/// IPV4 or IPV6. The array OIDs listed in `oid` are LIST of their element. Any other OID is
/// NotSupported (0A000) naming it.
Result<std::optional<types::DataType>> DataTypeForPgOid(uint32_t type_oid);

/// The pg_type.typname of an OID from `oid` ("int4", "_text"), or "" for others; for messages.
std::string_view PgTypeName(uint32_t type_oid);

}  // namespace boyodb::server::pgwire
