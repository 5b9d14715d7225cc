// overlay on TEXT (characters) and BYTEA (bytes), with and without FOR, negative counts, and
// PostgreSQL's 22011 and 22003 errors.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value Bytes(std::string bytes) { return Value::Binary(std::move(bytes)); }

TEST(OverlayFunctionsTest, Text) {
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(3)}), "abXYef");
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(2), Int32(3)}), "aXYef");
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(3), Int32(0)}), "abXYcdef");
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(10)}), "abcdefXY");
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(2), Int32(10)}), "aXY");
  EXPECT_EQ(Eval("overlay", {Text("héllo"), Text("Ü"), Int32(2), Int32(1)}), "hÜllo");
  // A negative count takes the tail from before the start: PostgreSQL repeats text.
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(2), Int32(-1)}), "aXYabcdef");
  EXPECT_EQ(Eval("overlay", {Text("abc"), Text("x"), Int32(3), Int32(-5)}), "abxabc");
  EXPECT_EQ(Eval("overlay", {Value::Null(DataType::String()), Text("x"), Int32(1)}), "NULL");
}

TEST(OverlayFunctionsTest, Bytea) {
  Result<Value> result = CallValues("overlay", {Bytes("abc"), Bytes("\xff"), Int32(2)});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->bytes(),
            "a\xff"
            "c");
  result = CallValues("overlay", {Bytes("abcd"), Bytes(std::string(1, '\0')), Int32(2), Int32(2)});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->bytes(), std::string("a\0d", 3));
}

TEST(OverlayFunctionsTest, Errors) {
  EXPECT_EQ(Eval("overlay", {Text("abcdef"), Text("XY"), Int32(0)}),
            "ERROR 22011: negative substring length not allowed");
  EXPECT_EQ(Eval("overlay", {Bytes("abc"), Bytes("x"), Int32(0)}),
            "ERROR 22011: negative substring length not allowed");
  EXPECT_EQ(Eval("overlay", {Text("abc"), Text("x"), Int32(2147483647), Int32(2)}),
            "ERROR 22003: integer out of range");
}

}  // namespace
}  // namespace boyodb::functions::testing
