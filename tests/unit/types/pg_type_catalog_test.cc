#include "types/pg_type_catalog.h"

#include <gtest/gtest.h>

#include <vector>

namespace boyodb::types {
namespace {

struct ScalarCase {
  DataType type;
  PgTypeInfo expected;
};

// Expected values from PostgreSQL's pg_type.dat (oid, typlen) and array_type_oid.
TEST(PgTypeTest, ScalarTypesMapToPostgresOidsAndTyplen) {
  const std::vector<ScalarCase> cases = {
      {DataType::Boolean(), {16, 1, -1}},       {DataType::Binary(), {17, -1, -1}},
      {DataType::Int64(), {20, 8, -1}},         {DataType::Int16(), {21, 2, -1}},
      {DataType::Int32(), {23, 4, -1}},         {DataType::String(), {25, -1, -1}},
      {DataType::Json(), {114, -1, -1}},        {DataType::Float32(), {700, 4, -1}},
      {DataType::Float64(), {701, 8, -1}},      {DataType::Date(), {1082, 4, -1}},
      {DataType::Time(), {1083, 8, -1}},        {DataType::Timestamp(), {1114, 8, -1}},
      {DataType::TimestampTz(), {1184, 8, -1}}, {DataType::Interval(), {1186, 16, -1}},
      {DataType::Uuid(), {2950, 16, -1}},
  };
  for (const ScalarCase& c : cases) {
    EXPECT_EQ(PgTypeFor(c.type), c.expected) << c.type.ToString();
  }
}

TEST(PgTypeTest, TypesWithoutAPostgresEquivalentWidenToOneThatHoldsEveryValue) {
  EXPECT_EQ(PgTypeFor(DataType::Int8()), (PgTypeInfo{21, 2, -1}));
  EXPECT_EQ(PgTypeFor(DataType::UInt8()), (PgTypeInfo{23, 4, -1}));
  EXPECT_EQ(PgTypeFor(DataType::UInt16()), (PgTypeInfo{23, 4, -1}));
  EXPECT_EQ(PgTypeFor(DataType::UInt32()), (PgTypeInfo{20, 8, -1}));
  // numeric(20,0): ((20 << 16) | 0) + 4.
  EXPECT_EQ(PgTypeFor(DataType::UInt64()), (PgTypeInfo{1700, -1, (20 << 16) + 4}));
  EXPECT_EQ(PgTypeFor(DataType::Ipv4()), (PgTypeInfo{869, -1, -1}));
  EXPECT_EQ(PgTypeFor(DataType::Ipv6()), (PgTypeInfo{869, -1, -1}));
}

TEST(PgTypeTest, DecimalCarriesPrecisionAndScaleInTheTypmod) {
  EXPECT_EQ(PgTypeFor(DataType::Decimal(10, 2)), (PgTypeInfo{1700, -1, 655366}));
  EXPECT_EQ(PgTypeFor(DataType::Decimal(38, 9)), (PgTypeInfo{1700, -1, (38 << 16 | 9) + 4}));
  EXPECT_EQ(PgTypeFor(DataType::Decimal(1, 0)), (PgTypeInfo{1700, -1, 65540}));
  // Precision 0 is "any DECIMAL": numeric without a modifier.
  EXPECT_EQ(PgTypeFor(DataType::Decimal(0, 0)), (PgTypeInfo{1700, -1, -1}));
}

TEST(PgTypeTest, ListsMapToArrayOidsWithTheElementTypmod) {
  const std::vector<ScalarCase> cases = {
      {DataType::List(DataType::Boolean()), {1000, -1, -1}},
      {DataType::List(DataType::Binary()), {1001, -1, -1}},
      {DataType::List(DataType::Int16()), {1005, -1, -1}},
      {DataType::List(DataType::Int8()), {1005, -1, -1}},
      {DataType::List(DataType::Int32()), {1007, -1, -1}},
      {DataType::List(DataType::UInt16()), {1007, -1, -1}},
      {DataType::List(DataType::String()), {1009, -1, -1}},
      {DataType::List(DataType::Int64()), {1016, -1, -1}},
      {DataType::List(DataType::UInt32()), {1016, -1, -1}},
      {DataType::List(DataType::Float32()), {1021, -1, -1}},
      {DataType::List(DataType::Float64()), {1022, -1, -1}},
      {DataType::List(DataType::Ipv4()), {1041, -1, -1}},
      {DataType::List(DataType::Timestamp()), {1115, -1, -1}},
      {DataType::List(DataType::Date()), {1182, -1, -1}},
      {DataType::List(DataType::Time()), {1183, -1, -1}},
      {DataType::List(DataType::TimestampTz()), {1185, -1, -1}},
      {DataType::List(DataType::Interval()), {1187, -1, -1}},
      {DataType::List(DataType::Json()), {199, -1, -1}},
      {DataType::List(DataType::Decimal(10, 2)), {1231, -1, 655366}},
      {DataType::List(DataType::UInt64()), {1231, -1, (20 << 16) + 4}},
      {DataType::List(DataType::Uuid()), {2951, -1, -1}},
  };
  for (const ScalarCase& c : cases) {
    EXPECT_EQ(PgTypeFor(c.type), c.expected) << c.type.ToString();
  }
}

TEST(PgTypeTest, NestedAndUnmappedTypesAreSentAsText) {
  const PgTypeInfo text{25, -1, -1};
  EXPECT_EQ(PgTypeFor(DataType::Map(DataType::String(), DataType::Int64())), text);
  EXPECT_EQ(PgTypeFor(DataType::Struct({Field("a", DataType::Int32())})), text);
  EXPECT_EQ(PgTypeFor(DataType::List(DataType::List(DataType::Int32()))), text);
  EXPECT_EQ(PgTypeFor(DataType::List(DataType::Struct({Field("a", DataType::Int32())}))), text);
  EXPECT_EQ(PgTypeFor(DataType::Null()), text);
  EXPECT_EQ(PgTypeFor(DataType::List(DataType::Null())), text);
}

TEST(PgTypeTest, UnspecifiedParameterTypesLeaveTheChoiceToTheServer) {
  for (const uint32_t type_oid : {0u, 705u}) {
    const Result<std::optional<DataType>> type = DataTypeForPgOid(type_oid);
    ASSERT_TRUE(type.ok()) << type_oid;
    EXPECT_FALSE(type->has_value()) << type_oid;
  }
}

TEST(PgTypeTest, DeclaredParameterTypesMapBackToDataTypes) {
  const std::vector<std::pair<uint32_t, DataType>> cases = {
      {16, DataType::Boolean()},
      {17, DataType::Binary()},
      {19, DataType::String()},
      {20, DataType::Int64()},
      {21, DataType::Int16()},
      {23, DataType::Int32()},
      {25, DataType::String()},
      {26, DataType::Int64()},
      {114, DataType::Json()},
      {700, DataType::Float32()},
      {701, DataType::Float64()},
      {1042, DataType::String()},
      {1043, DataType::String()},
      {1082, DataType::Date()},
      {1083, DataType::Time()},
      {1114, DataType::Timestamp()},
      {1184, DataType::TimestampTz()},
      {1186, DataType::Interval()},
      {1700, DataType::Decimal(38, 9)},
      {2950, DataType::Uuid()},
      {3802, DataType::Json()},
      {1000, DataType::List(DataType::Boolean())},
      {1001, DataType::List(DataType::Binary())},
      {1005, DataType::List(DataType::Int16())},
      {1007, DataType::List(DataType::Int32())},
      {1009, DataType::List(DataType::String())},
      {1015, DataType::List(DataType::String())},
      {1016, DataType::List(DataType::Int64())},
      {1021, DataType::List(DataType::Float32())},
      {1022, DataType::List(DataType::Float64())},
      {1115, DataType::List(DataType::Timestamp())},
      {1182, DataType::List(DataType::Date())},
      {1183, DataType::List(DataType::Time())},
      {1185, DataType::List(DataType::TimestampTz())},
      {1187, DataType::List(DataType::Interval())},
      {1231, DataType::List(DataType::Decimal(38, 9))},
      {2951, DataType::List(DataType::Uuid())},
      {199, DataType::List(DataType::Json())},
  };
  for (const auto& [type_oid, expected] : cases) {
    const Result<std::optional<DataType>> type = DataTypeForPgOid(type_oid);
    ASSERT_TRUE(type.ok()) << type_oid << ": " << type.status().ToString();
    ASSERT_TRUE(type->has_value()) << type_oid;
    EXPECT_EQ(**type, expected) << type_oid << " gave " << (*type)->ToString();
  }
}

TEST(PgTypeTest, EveryScalarOidWeSendIsAcceptedBackAsTheSameOid) {
  for (const DataType& type :
       {DataType::Boolean(), DataType::Binary(), DataType::Int16(), DataType::Int32(),
        DataType::Int64(), DataType::Float32(), DataType::Float64(), DataType::String(),
        DataType::Json(), DataType::Date(), DataType::Time(), DataType::Timestamp(),
        DataType::TimestampTz(), DataType::Interval(), DataType::Uuid()}) {
    const Result<std::optional<DataType>> back = DataTypeForPgOid(PgTypeFor(type).oid);
    ASSERT_TRUE(back.ok() && back->has_value()) << type.ToString();
    EXPECT_EQ(**back, type);
  }
}

TEST(PgTypeTest, UnsupportedParameterOidIsRefusedWith0A000NamingIt) {
  const Result<std::optional<DataType>> point = DataTypeForPgOid(600);
  ASSERT_FALSE(point.ok());
  EXPECT_EQ(point.status().sqlstate(), "0A000");
  EXPECT_EQ(point.status().message(), "parameter type OID 600 is not supported");

  const Result<std::optional<DataType>> inet = DataTypeForPgOid(869);
  ASSERT_FALSE(inet.ok());
  EXPECT_EQ(inet.status().sqlstate(), "0A000");
  EXPECT_EQ(inet.status().message(), "parameter type OID 869 (inet) is not supported");

  const Result<std::optional<DataType>> inet_array = DataTypeForPgOid(1041);
  ASSERT_FALSE(inet_array.ok());
  EXPECT_EQ(inet_array.status().message(), "parameter type OID 1041 (_inet) is not supported");

  EXPECT_FALSE(DataTypeForPgOid(4294967295u).ok());
}

TEST(PgTypeTest, TypeNamesFollowPgType) {
  EXPECT_EQ(PgTypeName(23), "int4");
  EXPECT_EQ(PgTypeName(1009), "_text");
  EXPECT_EQ(PgTypeName(1184), "timestamptz");
  EXPECT_EQ(PgTypeName(600), "");
}

// Expected names from PostgreSQL 15's format_type.
TEST(PgTypeTest, FormatTypeNamesTypesAsPostgresDoes) {
  EXPECT_EQ(FormatPgType(23, -1), "integer");
  EXPECT_EQ(FormatPgType(1043, 24), "character varying(20)");
  EXPECT_EQ(FormatPgType(1043, -1), "character varying");
  EXPECT_EQ(FormatPgType(1042, 7), "character(3)");
  EXPECT_EQ(FormatPgType(1042, -1), "bpchar");
  EXPECT_EQ(FormatPgType(1700, ((10 << 16) | 2) + 4), "numeric(10,2)");
  EXPECT_EQ(FormatPgType(1231, ((10 << 16) | 2) + 4), "numeric(10,2)[]");
  EXPECT_EQ(FormatPgType(1009, -1), "text[]");
  EXPECT_EQ(FormatPgType(1016, -1), "bigint[]");
  EXPECT_EQ(FormatPgType(1184, -1), "timestamp with time zone");
  EXPECT_EQ(FormatPgType(1083, -1), "time without time zone");
  EXPECT_EQ(FormatPgType(701, -1), "double precision");
  EXPECT_EQ(FormatPgType(18, -1), "\"char\"");
  EXPECT_EQ(FormatPgType(999999, -1), "???");
}

TEST(PgTypeTest, RegtypeInputReadsTypnamesAndSqlSpellings) {
  EXPECT_EQ(PgTypeOidForName("integer"), 23u);
  EXPECT_EQ(PgTypeOidForName("int"), 23u);
  EXPECT_EQ(PgTypeOidForName("int4"), 23u);
  EXPECT_EQ(PgTypeOidForName("double precision"), 701u);
  EXPECT_EQ(PgTypeOidForName("text[]"), 1009u);
  EXPECT_EQ(PgTypeOidForName("character varying"), 1043u);
  EXPECT_EQ(PgTypeOidForName("pg_catalog.timestamptz"), 1184u);
  EXPECT_EQ(PgTypeOidForName("no_such_type"), std::nullopt);
}

TEST(PgTypeTest, DeclaredLengthsBecomeVarcharAndBpcharTypmods) {
  EXPECT_EQ(PgColumnTypeFor(DataType::String(), "character varying(20)"),
            (PgTypeInfo{1043, -1, 24}));
  EXPECT_EQ(PgColumnTypeFor(DataType::String(), "character(3)"), (PgTypeInfo{1042, -1, 7}));
  EXPECT_EQ(PgColumnTypeFor(DataType::String(), ""), (PgTypeInfo{25, -1, -1}));
  EXPECT_EQ(PgColumnTypeFor(DataType::Int32(), ""), (PgTypeInfo{23, 4, -1}));
}

TEST(PgTypeTest, PgTypeRowsAreInOidOrderAndArraysPointBothWays) {
  uint32_t previous = 0;
  for (const PgTypeRow& row : PgTypeRows()) {
    EXPECT_GT(row.oid, previous) << row.name;
    previous = row.oid;
    if (row.array != 0) {
      const PgTypeRow* array = FindPgType(row.array);
      ASSERT_NE(array, nullptr) << row.name;
      EXPECT_EQ(array->element, row.oid) << row.name;
      EXPECT_EQ(array->name, "_" + std::string(row.name));
    }
  }
}

}  // namespace
}  // namespace boyodb::types
