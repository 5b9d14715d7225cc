// Kernel helpers: bitmap copies at every bit offset, validity combined across sliced
// arrays, and the Map* templates (NULL propagation, errors only from valid rows, offsets).
#include "functions/kernel_helpers.h"

#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions {
namespace {

using testing::Int32;
using testing::MakeArray;
using testing::MakeSlicedArray;
using testing::ShowAll;
using testing::Text;
using types::DataType;
using types::Value;

TEST(KernelHelpersTest, CopyAndAndBitsAtEveryOffset) {
  uint8_t source[8];
  for (int i = 0; i < 8; ++i) source[i] = static_cast<uint8_t>(0x5A ^ (i * 37));
  for (int64_t offset = 0; offset < 16; ++offset) {
    for (int64_t length = 0; length + offset <= 64; length += 7) {
      uint8_t copied[8] = {};
      CopyBits(source, offset, length, copied);
      uint8_t anded[8];
      std::memset(anded, 0xFF, sizeof(anded));
      AndBits(source, offset, length, anded);
      for (int64_t i = 0; i < length; ++i) {
        EXPECT_EQ(columnar::GetBit(copied, i), columnar::GetBit(source, offset + i));
        EXPECT_EQ(columnar::GetBit(anded, i), columnar::GetBit(source, offset + i));
      }
    }
  }
}

TEST(KernelHelpersTest, CombineValidityRespectsOffsets) {
  const columnar::ArrayPtr a = MakeSlicedArray(
      DataType::Int32(), {Int32(1), Value::Null(DataType::Int32()), Int32(3), Int32(4)}, Int32(0));
  const columnar::ArrayPtr b =
      MakeArray(DataType::Int32(), {Int32(1), Int32(2), Int32(3), Value::Null(DataType::Int32())});
  const columnar::ArrayPtr arrays[] = {a, b};
  const columnar::BufferPtr validity = CombineValidity(arrays, 4);
  ASSERT_NE(validity, nullptr);
  EXPECT_TRUE(columnar::GetBit(validity->data(), 0));
  EXPECT_FALSE(columnar::GetBit(validity->data(), 1));
  EXPECT_TRUE(columnar::GetBit(validity->data(), 2));
  EXPECT_FALSE(columnar::GetBit(validity->data(), 3));
  const columnar::ArrayPtr no_nulls[] = {MakeArray(DataType::Int32(), {Int32(1)})};
  EXPECT_EQ(CombineValidity(no_nulls, 1), nullptr);
}

TEST(KernelHelpersTest, MapBinaryPropagatesNullsOverSlices) {
  const columnar::ArrayPtr a =
      MakeSlicedArray(DataType::Int32(),
                      {Int32(1), Int32(2), Value::Null(DataType::Int32()), Int32(4), Int32(5),
                       Int32(6), Int32(7), Int32(8), Int32(9), Int32(10)},
                      Int32(100));
  const columnar::ArrayPtr b =
      MakeArray(DataType::Int32(), {Int32(1), Int32(1), Int32(1), Int32(1), Int32(1), Int32(1),
                                    Int32(1), Int32(1), Int32(1), Value::Null(DataType::Int32())});
  const columnar::ArrayPtr sums = MapBinary<int32_t, int32_t, int32_t>(
      *a, *b, 10, DataType::Int32(), [](int32_t x, int32_t y) { return x + y; });
  EXPECT_EQ(ShowAll(*sums),
            (std::vector<std::string>{"2", "3", "NULL", "5", "6", "7", "8", "9", "10", "NULL"}));
  const columnar::ArrayPtr greater = MapBinary<int32_t, int32_t, bool>(
      *a, *b, 10, DataType::Boolean(), [](int32_t x, int32_t y) { return x > y; });
  EXPECT_EQ(ShowAll(*greater),
            (std::vector<std::string>{"f", "t", "NULL", "t", "t", "t", "t", "t", "t", "NULL"}));
}

TEST(KernelHelpersTest, MapRowsSkipsNullRowsAndStopsAtTheFirstError) {
  const columnar::ArrayPtr values =
      MakeArray(DataType::Int32(), {Int32(4), Value::Null(DataType::Int32()), Int32(2)});
  const columnar::ArrayPtr args[] = {values};
  int calls = 0;
  const Result<columnar::ArrayPtr> halves =
      MapRows<int32_t, int32_t>(args, 3, DataType::Int32(), [&calls](int32_t value, int32_t* out) {
        ++calls;
        *out = value / 2;
        return Status::OK();
      });
  ASSERT_TRUE(halves.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(ShowAll(**halves), (std::vector<std::string>{"2", "NULL", "1"}));
  const Result<columnar::ArrayPtr> failed =
      MapRows<int32_t, int32_t>(args, 3, DataType::Int32(), [](int32_t value, int32_t*) {
        return value == 2 ? Status::OutOfRange("two") : Status::OK();
      });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "two");
}

TEST(KernelHelpersTest, MapRowsBuildsStringsFromSlices) {
  const columnar::ArrayPtr texts = MakeSlicedArray(
      DataType::String(), {Text("ab"), Value::Null(DataType::String()), Text("")}, Text("zz"));
  const columnar::ArrayPtr args[] = {texts};
  const Result<columnar::ArrayPtr> doubled = MapRows<StringResult, std::string_view>(
      args, 3, DataType::String(), [](std::string_view text, std::string* out) {
        out->append(text);
        out->append(text);
        return Status::OK();
      });
  ASSERT_TRUE(doubled.ok());
  EXPECT_EQ(ShowAll(**doubled), (std::vector<std::string>{"abab", "NULL", ""}));
}

TEST(KernelHelpersTest, BooleanReaderHonoursOffset) {
  const columnar::ArrayPtr flags = MakeSlicedArray(
      DataType::Boolean(), {Value::Boolean(true), Value::Boolean(false), Value::Boolean(true)},
      Value::Boolean(false));
  const columnar::ArrayPtr negated =
      MapUnary<bool, bool>(*flags, 3, DataType::Boolean(), [](bool value) { return !value; });
  EXPECT_EQ(ShowAll(*negated), (std::vector<std::string>{"f", "t", "f"}));
}

TEST(KernelHelpersTest, NullArraysAreAllNull) {
  const columnar::ArrayPtr nulls = MakeNullArray(DataType::String(), 3);
  EXPECT_EQ(nulls->length(), 3);
  EXPECT_EQ(nulls->null_count(), 3);
}

}  // namespace
}  // namespace boyodb::functions
