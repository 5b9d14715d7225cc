// How BoyoDB's logical types appear to PostgreSQL: the pg_type OIDs, typlen and typmods that
// the wire protocol sends in RowDescription and the pg_catalog relations show, the reverse
// mapping for parameter types a client declares, the rows of pg_type, and format_type's
// names. OIDs, typlen values and names are those of PostgreSQL's catalog (pg_type.dat).
// Thread safety: pure functions and constants.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "types/data_type.h"

namespace boyodb::types {

/// pg_type OIDs of the types we send, accept or list in pg_type.
namespace pg_oid {
inline constexpr uint32_t kUnspecified = 0;  // Parse: "let the server infer the type"
inline constexpr uint32_t kBool = 16;
inline constexpr uint32_t kBytea = 17;
inline constexpr uint32_t kChar = 18;  // "char", one byte
inline constexpr uint32_t kName = 19;
inline constexpr uint32_t kInt8 = 20;
inline constexpr uint32_t kInt2 = 21;
inline constexpr uint32_t kInt2Vector = 22;
inline constexpr uint32_t kInt4 = 23;
inline constexpr uint32_t kRegproc = 24;
inline constexpr uint32_t kText = 25;
inline constexpr uint32_t kOid = 26;
inline constexpr uint32_t kOidVector = 30;
inline constexpr uint32_t kJson = 114;
inline constexpr uint32_t kPgNodeTree = 194;
inline constexpr uint32_t kJsonArray = 199;
inline constexpr uint32_t kFloat4 = 700;
inline constexpr uint32_t kFloat8 = 701;
inline constexpr uint32_t kUnknown = 705;
inline constexpr uint32_t kInet = 869;
inline constexpr uint32_t kBoolArray = 1000;
inline constexpr uint32_t kByteaArray = 1001;
inline constexpr uint32_t kCharArray = 1002;
inline constexpr uint32_t kNameArray = 1003;
inline constexpr uint32_t kInt2Array = 1005;
inline constexpr uint32_t kInt2VectorArray = 1006;
inline constexpr uint32_t kInt4Array = 1007;
inline constexpr uint32_t kRegprocArray = 1008;
inline constexpr uint32_t kTextArray = 1009;
inline constexpr uint32_t kOidVectorArray = 1013;
inline constexpr uint32_t kBpcharArray = 1014;
inline constexpr uint32_t kVarcharArray = 1015;
inline constexpr uint32_t kInt8Array = 1016;
inline constexpr uint32_t kFloat4Array = 1021;
inline constexpr uint32_t kFloat8Array = 1022;
inline constexpr uint32_t kOidArray = 1028;
inline constexpr uint32_t kAclitem = 1033;
inline constexpr uint32_t kAclitemArray = 1034;
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
inline constexpr uint32_t kRegprocedure = 2202;
inline constexpr uint32_t kRegclass = 2205;
inline constexpr uint32_t kRegtype = 2206;
inline constexpr uint32_t kRegprocedureArray = 2207;
inline constexpr uint32_t kRegclassArray = 2210;
inline constexpr uint32_t kRegtypeArray = 2211;
inline constexpr uint32_t kUuid = 2950;
inline constexpr uint32_t kUuidArray = 2951;
inline constexpr uint32_t kJsonb = 3802;
inline constexpr uint32_t kJsonbArray = 3807;
inline constexpr uint32_t kRegnamespace = 4089;
inline constexpr uint32_t kRegnamespaceArray = 4090;
inline constexpr uint32_t kRegrole = 4096;
inline constexpr uint32_t kRegroleArray = 4097;
}  // namespace pg_oid

/// What RowDescription and pg_attribute say about a column's type.
struct PgTypeInfo {
  uint32_t oid = pg_oid::kText;
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
PgTypeInfo PgTypeFor(const DataType& type);

/// PgTypeFor a table column, with the length a TEXT column was declared with
/// (TableEntry::declared_types: "character varying(20)" -> varchar, typmod 24;
/// "character(3)" -> bpchar, typmod 7); an empty `declared_type` is PgTypeFor(type).
PgTypeInfo PgColumnTypeFor(const DataType& type, std::string_view declared_type);

/// The DataType of a parameter a client declared in Parse. nullopt for 0 and unknown (705),
/// which leave the type to the server. Besides the inverse of PgTypeFor for signed integers,
/// floats, text, bytea, json and date/time types: varchar, bpchar and name are TEXT; jsonb is
/// JSON; oid is BIGINT (it is unsigned 32-bit); numeric is DECIMAL(38,9), as an unqualified
/// NUMERIC is in our SQL; inet is not accepted, because a parameter cannot say whether it is
/// IPV4 or IPV6. The array OIDs of pg_oid are LIST of their element. Any other OID is
/// NotSupported (0A000) naming it.
Result<std::optional<DataType>> DataTypeForPgOid(uint32_t type_oid);

/// One row of pg_type, for the types of pg_oid.
struct PgTypeRow {
  uint32_t oid;
  std::string_view name;  // typname: "int4", "_text"
  int16_t typlen;
  bool byval;
  char typtype;      // 'b' base, 'p' pseudo-type
  char category;     // typcategory: 'N' numeric, 'S' string, 'A' array...
  bool preferred;    // typispreferred
  uint32_t element;  // typelem: the element type of an array type, else 0
  uint32_t array;    // typarray: the array type of this one, else 0
  char align;        // typalign: 'c', 's', 'i', 'd'
};

/// Every type of pg_oid except kUnspecified, in OID order.
std::span<const PgTypeRow> PgTypeRows();

/// The row of `type_oid`, or null.
const PgTypeRow* FindPgType(uint32_t type_oid);

/// The pg_type.typname of an OID from pg_oid ("int4", "_text"), or "" for others; for messages.
std::string_view PgTypeName(uint32_t type_oid);

/// format_type(type_oid, typmod): "integer", "character varying(20)", "numeric(10,2)[]",
/// "timestamp with time zone"; "???" for an OID that is no type. A typmod of -1 means none.
std::string FormatPgType(uint32_t type_oid, int32_t typmod);

/// The OID a type name denotes, as regtype's input reads it: a typname ("int4", "_text"),
/// an SQL spelling ("integer", "character varying", "double precision", "text[]"), or any name
/// our SQL accepts for a type; nullopt for none.
std::optional<uint32_t> PgTypeOidForName(std::string_view name);

}  // namespace boyodb::types
