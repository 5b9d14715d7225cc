#include "types/data_type.h"

#include <gtest/gtest.h>

#include "common/sqlstate.h"

namespace boyodb::types {
namespace {

TEST(DataTypeTest, NamesRoundTripThroughTheParser) {
  const std::vector<DataType> types = {
      DataType::Boolean(),
      DataType::Int8(),
      DataType::Int16(),
      DataType::Int32(),
      DataType::Int64(),
      DataType::UInt8(),
      DataType::UInt64(),
      DataType::Float32(),
      DataType::Float64(),
      DataType::Decimal(38, 10),
      DataType::String(),
      DataType::Binary(),
      DataType::Date(),
      DataType::Time(),
      DataType::Timestamp(),
      DataType::TimestampTz(),
      DataType::Interval(),
      DataType::Uuid(),
      DataType::Json(),
      DataType::Ipv4(),
      DataType::Ipv6(),
      DataType::List(DataType::Int32()),
      DataType::List(DataType::List(DataType::String())),
      DataType::Map(DataType::String(), DataType::Int64()),
      DataType::Struct({Field("a", DataType::Int32()), Field("odd name", DataType::String())}),
  };
  for (const DataType& type : types) {
    const Result<DataType> parsed = ParseTypeName(type.ToString());
    ASSERT_TRUE(parsed.ok()) << type.ToString() << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, type) << type.ToString();
  }
}

TEST(DataTypeTest, PostgresSpellingsAreAccepted) {
  EXPECT_EQ(*ParseTypeName("int8"), DataType::Int64());  // PostgreSQL's 8-byte integer
  EXPECT_EQ(*ParseTypeName("int"), DataType::Int32());
  EXPECT_EQ(*ParseTypeName("double precision"), DataType::Float64());
  EXPECT_EQ(*ParseTypeName("varchar(20)"), DataType::String());
  EXPECT_EQ(*ParseTypeName("character varying"), DataType::String());
  EXPECT_EQ(*ParseTypeName("timestamp with time zone"), DataType::TimestampTz());
  EXPECT_EQ(*ParseTypeName("timestamp without time zone"), DataType::Timestamp());
  EXPECT_EQ(*ParseTypeName("numeric(10, 2)"), DataType::Decimal(10, 2));
  EXPECT_EQ(*ParseTypeName("numeric(5)"), DataType::Decimal(5, 0));
  EXPECT_EQ(*ParseTypeName("integer[]"), DataType::List(DataType::Int32()));
}

TEST(DataTypeTest, UnknownTypeIsUndefinedObject) {
  const Result<DataType> parsed = ParseTypeName("floaty");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().sqlstate(), sqlstate::kUndefinedObject);
  EXPECT_EQ(parsed.error().message(), "type \"floaty\" does not exist");
}

TEST(DataTypeTest, DecimalLimitsAreChecked) {
  EXPECT_FALSE(DataType::MakeDecimal(39, 0).ok());
  EXPECT_FALSE(DataType::MakeDecimal(10, 11).ok());
  EXPECT_FALSE(ParseTypeName("numeric(0)").ok());
}

TEST(DataTypeTest, LayoutsAndWidths) {
  EXPECT_EQ(DataType::Boolean().layout(), Layout::kBitmap);
  EXPECT_EQ(DataType::Date().fixed_width(), 4);
  EXPECT_EQ(DataType::Decimal(10, 2).fixed_width(), 16);
  EXPECT_EQ(DataType::Interval().fixed_width(), 16);
  EXPECT_EQ(DataType::Json().layout(), Layout::kVariable);
  EXPECT_EQ(DataType::Map(DataType::String(), DataType::Int32()).layout(), Layout::kList);
}

TEST(SchemaJsonTest, RoundTrip) {
  const Schema schema({Field("id", DataType::Int64(), false), Field("name", DataType::String()),
                       Field("tags", DataType::List(DataType::String()))});
  const Result<Schema> parsed = SchemaFromJson(SchemaToJson(schema));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, schema);
  EXPECT_EQ(parsed->FieldIndex("tags"), 2);
  EXPECT_EQ(parsed->FieldIndex("absent"), -1);
}

TEST(SchemaJsonTest, MalformedJsonIsRejected) {
  EXPECT_FALSE(SchemaFromJson("{").ok());
  EXPECT_FALSE(SchemaFromJson("{\"fields\":[{\"name\":1}]}").ok());
  EXPECT_FALSE(SchemaFromJson("{\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}").ok());
}

}  // namespace
}  // namespace boyodb::types
