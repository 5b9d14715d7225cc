// The BoyoDB <-> Arrow type mapping, checked on the flatbuffer metadata itself.
#include "formats/ipc/type_mapping.h"

#include <gtest/gtest.h>

#include "formats/ipc/metadata.h"
#include "tests/unit/formats/ipc/ipc_test_util.h"

namespace boyodb::formats::ipc {
namespace {

using types::DataType;
using types::Field;

// Serializes one field into a Schema flatbuffer and parses it back.
struct Serialized {
  std::string bytes;
  const fb::Field* field() const {
    return fb::GetMessage(bytes.data())->header_as_Schema()->fields()->Get(0);
  }
};

Serialized Serialize(const IpcField& field) { return Serialized{BuildSchemaMessage({field}, {})}; }

TEST(TypeMappingTest, BoyoDbTypesMapToArrowTypes) {
  struct Case {
    DataType type;
    fb::Type arrow_type;
    std::string description;
    std::string extension;
  };
  const std::vector<Case> cases = {
      {DataType::Boolean(), fb::Type::Bool, "Bool", ""},
      {DataType::Int8(), fb::Type::Int, "Int(8, signed)", ""},
      {DataType::UInt64(), fb::Type::Int, "Int(64, unsigned)", ""},
      {DataType::Float32(), fb::Type::FloatingPoint, "FloatingPoint(SINGLE)", ""},
      {DataType::Float64(), fb::Type::FloatingPoint, "FloatingPoint(DOUBLE)", ""},
      {DataType::Decimal(38, 10), fb::Type::Decimal, "Decimal(38, 10, 128)", ""},
      {DataType::String(), fb::Type::Utf8, "Utf8", ""},
      {DataType::Json(), fb::Type::Utf8, "Utf8", "arrow.json"},
      {DataType::Binary(), fb::Type::Binary, "Binary", ""},
      {DataType::Date(), fb::Type::Date, "Date", ""},
      {DataType::Time(), fb::Type::Time, "Time(MICROSECOND, 64)", ""},
      {DataType::Timestamp(), fb::Type::Timestamp, "Timestamp(MICROSECOND)", ""},
      {DataType::TimestampTz(), fb::Type::Timestamp, "Timestamp(MICROSECOND, UTC)", ""},
      {DataType::Interval(), fb::Type::Interval, "Interval", ""},
      {DataType::Uuid(), fb::Type::FixedSizeBinary, "FixedSizeBinary(16)", "arrow.uuid"},
      {DataType::Ipv4(), fb::Type::Int, "Int(32, unsigned)", "boyodb.ipv4"},
      {DataType::Ipv6(), fb::Type::FixedSizeBinary, "FixedSizeBinary(16)", "boyodb.ipv6"},
      {DataType::List(DataType::Int32()), fb::Type::List, "List", ""},
      {DataType::Map(DataType::String(), DataType::Int64()), fb::Type::Map, "Map", ""},
      {DataType::Struct({Field("a", DataType::Int32())}), fb::Type::Struct_, "Struct_", ""},
      {DataType::Null(), fb::Type::Null, "Null", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString());
    const Serialized serialized = Serialize(IpcFieldFromField(Field("x", c.type, false)));
    const fb::Field* field = serialized.field();
    EXPECT_EQ(field->type_type(), c.arrow_type);
    EXPECT_EQ(DescribeArrowType(*field), c.description);
    EXPECT_FALSE(field->nullable());
    std::string extension;
    if (field->custom_metadata() != nullptr) {
      for (const fb::KeyValue* entry : *field->custom_metadata()) {
        if (entry->key()->str() == kExtensionNameKey) extension = entry->value()->str();
      }
    }
    EXPECT_EQ(extension, c.extension);
    // And back: the same BoyoDB field.
    Result<IpcField> parsed = IpcFieldFromFlatbuffer(field, "", 1, 64);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->field, Field("x", c.type, false));
  }
}

TEST(TypeMappingTest, DateIsDaysAndIntervalIsMonthDayNano) {
  const Serialized date = Serialize(IpcFieldFromField(Field("d", DataType::Date())));
  EXPECT_EQ(date.field()->type_as_Date()->unit(), fb::DateUnit::DAY);
  const Serialized interval = Serialize(IpcFieldFromField(Field("i", DataType::Interval())));
  EXPECT_EQ(interval.field()->type_as_Interval()->unit(), fb::IntervalUnit::MONTH_DAY_NANO);
  const Serialized timestamp = Serialize(IpcFieldFromField(Field("t", DataType::Timestamp())));
  EXPECT_EQ(timestamp.field()->type_as_Timestamp()->timezone(), nullptr);
}

TEST(TypeMappingTest, NestedChildrenHaveArrowNames) {
  const Serialized map = Serialize(
      IpcFieldFromField(Field("m", DataType::Map(DataType::String(), DataType::Int64()))));
  const fb::Field* entries = map.field()->children()->Get(0);
  EXPECT_EQ(entries->name()->str(), "entries");
  EXPECT_FALSE(entries->nullable());
  EXPECT_EQ(entries->type_type(), fb::Type::Struct_);
  EXPECT_EQ(entries->children()->Get(0)->name()->str(), "key");
  EXPECT_FALSE(entries->children()->Get(0)->nullable());
  EXPECT_EQ(entries->children()->Get(1)->name()->str(), "value");
  EXPECT_FALSE(map.field()->type_as_Map()->keysSorted());
  const Serialized list =
      Serialize(IpcFieldFromField(Field("l", DataType::List(DataType::Int8()))));
  EXPECT_EQ(list.field()->children()->Get(0)->name()->str(), "item");
}

TEST(TypeMappingTest, DictionaryEncodingIsInt32Indices) {
  IpcField field = IpcFieldFromField(Field("w", DataType::String()));
  field.dictionary_encoded = true;
  field.dictionary_id = 3;
  const Serialized serialized = Serialize(field);
  const fb::DictionaryEncoding* encoding = serialized.field()->dictionary();
  ASSERT_NE(encoding, nullptr);
  EXPECT_EQ(encoding->id(), 3);
  EXPECT_EQ(encoding->indexType()->bitWidth(), 32);
  EXPECT_TRUE(encoding->indexType()->is_signed());
  EXPECT_FALSE(encoding->isOrdered());
  EXPECT_EQ(serialized.field()->type_type(), fb::Type::Utf8);
}

TEST(TypeMappingTest, ForeignNamesOfNestedChildrenAreNormalized) {
  // A list whose element is called "element" (as Parquet-derived writers name it) and a map
  // with other entry names still become BoyoDB's LIST and MAP types.
  IpcField element = IpcFieldFromField(Field("element", DataType::Int16(), false));
  IpcField list = IpcFieldFromField(Field("l", DataType::List(DataType::Int16())));
  list.children = {element};
  IpcField map = IpcFieldFromField(Field("m", DataType::Map(DataType::Int8(), DataType::Int8())));
  map.children[0].field.name = "kv";
  map.children[0].children[0].field.name = "k";
  const Serialized serialized_list = Serialize(list);
  Result<IpcField> parsed = IpcFieldFromFlatbuffer(serialized_list.field(), "", 1, 64);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->field.type(), DataType::List(DataType::Int16()));
  EXPECT_EQ(parsed->children[0].field.name, "item");
  const Serialized serialized_map = Serialize(map);
  parsed = IpcFieldFromFlatbuffer(serialized_map.field(), "", 1, 64);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->field.type(), DataType::Map(DataType::Int8(), DataType::Int8()));
}

TEST(TypeMappingTest, MalformedParametersAreCorrupt) {
  IpcField odd_int = IpcFieldFromField(Field("i", DataType::Int32()));
  odd_int.bit_width = 24;
  const Serialized serialized = Serialize(odd_int);
  Result<IpcField> parsed = IpcFieldFromFlatbuffer(serialized.field(), "", 1, 64);
  EXPECT_EQ(parsed.status().code(), StatusCode::kCorruption);
  EXPECT_NE(parsed.status().message().find("24 bits"), std::string::npos);

  IpcField bad_time = IpcFieldFromField(Field("t", DataType::Time()));
  bad_time.bit_width = 32;  // MICROSECOND needs 64
  const Serialized time = Serialize(bad_time);
  EXPECT_EQ(IpcFieldFromFlatbuffer(time.field(), "", 1, 64).status().code(),
            StatusCode::kCorruption);

  IpcField childless = IpcFieldFromField(Field("l", DataType::List(DataType::Int8())));
  childless.children.clear();
  const Serialized list = Serialize(childless);
  EXPECT_EQ(IpcFieldFromFlatbuffer(list.field(), "", 1, 64).status().code(),
            StatusCode::kCorruption);
}

TEST(TypeMappingTest, UnsupportedDecimalsAreNotSupported) {
  IpcField negative_scale = IpcFieldFromField(Field("d", DataType::Decimal(10, 2)));
  negative_scale.decimal_scale = -2;
  const Serialized serialized = Serialize(negative_scale);
  Result<IpcField> parsed = IpcFieldFromFlatbuffer(serialized.field(), "", 1, 64);
  EXPECT_EQ(parsed.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(parsed.status().message().find("Decimal(10, -2, 128)"), std::string::npos);
}

TEST(TypeMappingTest, DeepNestingIsRejected) {
  DataType type = DataType::Int8();
  for (int i = 0; i < 40; ++i) type = DataType::List(type);
  const Serialized serialized = Serialize(IpcFieldFromField(Field("deep", type)));
  EXPECT_TRUE(IpcFieldFromFlatbuffer(serialized.field(), "", 1, 64).ok());
  Result<IpcField> parsed = IpcFieldFromFlatbuffer(serialized.field(), "", 1, 16);
  EXPECT_EQ(parsed.status().code(), StatusCode::kCorruption);
  EXPECT_NE(parsed.status().message().find("deeper than 16"), std::string::npos);
}

}  // namespace
}  // namespace boyodb::formats::ipc
