// String functions counted in characters (UTF-8), with PostgreSQL 15's results for edge
// positions and counts, its errors (22011, 22023, 54000), NULL handling and sliced inputs.
#include <gtest/gtest.h>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value Bytes(std::string bytes) { return Value::Binary(std::move(bytes)); }

TEST(StringFunctionsTest, CharacterLengthLimits) {
  // Assignment: longer values are refused unless only spaces would go.
  EXPECT_EQ(Eval("varchar", {Text("abc"), Int32(3), Bool(false)}), "abc");
  EXPECT_EQ(Eval("varchar", {Text("abc   "), Int32(4), Bool(false)}), "abc ");
  EXPECT_EQ(Eval("varchar", {Text("abcd"), Int32(3), Bool(false)}),
            "ERROR 22001: value too long for type character varying(3)");
  EXPECT_EQ(Eval("varchar", {Text("héllo"), Int32(5), Bool(false)}), "héllo");
  // Explicit casts cut, by characters.
  EXPECT_EQ(Eval("varchar", {Text("héllo"), Int32(2), Bool(true)}), "hé");
  // CHARACTER(n) keeps its values without trailing spaces.
  EXPECT_EQ(Eval("bpchar", {Text("ab "), Int32(3), Bool(false)}), "ab");
  EXPECT_EQ(Eval("bpchar", {Text("   "), Int32(2), Bool(false)}), "");
  EXPECT_EQ(Eval("bpchar", {Text("abc"), Int32(2), Bool(false)}),
            "ERROR 22001: value too long for type character(2)");
  EXPECT_EQ(Eval("bpchar", {Text("abc"), Int32(2), Bool(true)}), "ab");
  EXPECT_EQ(Eval("varchar", {Value::Null(DataType::String()), Int32(2), Bool(false)}), "NULL");
  EXPECT_EQ(Eval("varchar", {Text("a"), Int32(0), Bool(false)}),
            "ERROR 22023: length for type varchar must be at least 1");
}

TEST(StringFunctionsTest, Lengths) {
  EXPECT_EQ(Eval("length", {Text("héllo")}), "5");
  EXPECT_EQ(Eval("char_length", {Text("")}), "0");
  EXPECT_EQ(Eval("character_length", {Text("日本")}), "2");
  EXPECT_EQ(Eval("octet_length", {Text("héllo")}), "6");
  EXPECT_EQ(Eval("bit_length", {Text("héllo")}), "48");
  EXPECT_EQ(Eval("length", {Bytes("\x01\x02")}), "2");
  EXPECT_EQ(Eval("octet_length", {Bytes("\x01\x02")}), "2");
}

TEST(StringFunctionsTest, CaseMapping) {
  EXPECT_EQ(Eval("lower", {Text("ÉCOLE ΑΒΓ ДЖ İ")}), "école αβγ дж i");
  EXPECT_EQ(Eval("upper", {Text("straße ÿ µ ı")}), "STRAßE Ÿ Μ I");
  EXPECT_EQ(Eval("initcap", {Text("hello wORLD-foo bar_baz 1st élan")}),
            "Hello World-Foo Bar_Baz 1st Élan");
  EXPECT_EQ(Eval("initcap", {Text("ÉCOLE élan")}), "École Élan");
  EXPECT_EQ(Eval("initcap", {Text("o'neil")}), "O'Neil");
}

TEST(StringFunctionsTest, Substrings) {
  EXPECT_EQ(Eval("substring", {Text("hello"), Int32(2), Int32(2)}), "el");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(0), Int32(3)}), "he");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(-2), Int32(5)}), "he");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(2)}), "ello");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(10)}), "");
  EXPECT_EQ(Eval("substr", {Text("héllo"), Int32(2), Int32(2)}), "él");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(-5)}), "hello");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(2147483647), Int32(2147483647)}), "");
  EXPECT_EQ(Eval("substr", {Text("hello"), Int32(2), Int32(-1)}),
            "ERROR 22011: negative substring length not allowed");
  EXPECT_EQ(Eval("left", {Text("hello"), Int32(-2)}), "hel");
  EXPECT_EQ(Eval("right", {Text("hello"), Int32(-2)}), "llo");
  EXPECT_EQ(Eval("left", {Text("héllo"), Int32(2)}), "hé");
  EXPECT_EQ(Eval("right", {Text("hello"), Int32(10)}), "hello");
  EXPECT_EQ(Eval("left", {Text("abc"), Int32(0)}), "");
  EXPECT_EQ(Eval("right", {Text("héllo"), Int32(3)}), "llo");
  EXPECT_EQ(Eval("left", {Text("abc"), Int32(-10)}), "");
}

TEST(StringFunctionsTest, PositionsAndParts) {
  EXPECT_EQ(Eval("strpos", {Text("héllo"), Text("l")}), "3");
  EXPECT_EQ(Eval("position", {Text("abc"), Text("")}), "1");
  EXPECT_EQ(Eval("strpos", {Text("abc"), Text("x")}), "0");
  EXPECT_EQ(Eval("starts_with", {Text("hello"), Text("he")}), "t");
  EXPECT_EQ(Eval("starts_with", {Text("he"), Text("hello")}), "f");
  EXPECT_EQ(Eval("split_part", {Text("a,b,c"), Text(","), Int32(2)}), "b");
  EXPECT_EQ(Eval("split_part", {Text("a,b,c"), Text(","), Int32(-1)}), "c");
  EXPECT_EQ(Eval("split_part", {Text("a,b,c"), Text(","), Int32(5)}), "");
  EXPECT_EQ(Eval("split_part", {Text("abc"), Text(""), Int32(1)}), "abc");
  EXPECT_EQ(Eval("split_part", {Text("abc"), Text(""), Int32(2)}), "");
  EXPECT_EQ(Eval("split_part", {Text("a,,b"), Text(","), Int32(2)}), "");
  EXPECT_EQ(Eval("split_part", {Text("a--b--c"), Text("--"), Int32(-2)}), "b");
  EXPECT_EQ(Eval("split_part", {Text("a,b"), Text(","), Int32(0)}),
            "ERROR 22023: field position must not be zero");
}

TEST(StringFunctionsTest, PaddingAndTrimming) {
  EXPECT_EQ(Eval("lpad", {Text("hi"), Int32(5)}), "   hi");
  EXPECT_EQ(Eval("lpad", {Text("hi"), Int32(5), Text("xy")}), "xyxhi");
  EXPECT_EQ(Eval("lpad", {Text("hello"), Int32(3)}), "hel");
  EXPECT_EQ(Eval("rpad", {Text("hi"), Int32(5), Text("xy")}), "hixyx");
  EXPECT_EQ(Eval("lpad", {Text("hi"), Int32(5), Text("")}), "hi");
  EXPECT_EQ(Eval("lpad", {Text("hi"), Int32(-1)}), "");
  EXPECT_EQ(Eval("lpad", {Text("héllo"), Int32(7), Text("é")}), "ééhéllo");
  EXPECT_EQ(Eval("rpad", {Text("héllo"), Int32(2)}), "hé");
  EXPECT_EQ(Eval("ltrim", {Text("  xx  ")}), "xx  ");
  EXPECT_EQ(Eval("rtrim", {Text("  a  ")}), "  a");
  EXPECT_EQ(Eval("btrim", {Text("  a  ")}), "a");
  EXPECT_EQ(Eval("rtrim", {Text("xxhixx"), Text("x")}), "xxhi");
  EXPECT_EQ(Eval("btrim", {Text("xyhiyx"), Text("xy")}), "hi");
  EXPECT_EQ(Eval("ltrim", {Text("ééaé"), Text("é")}), "aé");
  EXPECT_EQ(Eval("rtrim", {Text("aéé"), Text("é")}), "a");
  EXPECT_EQ(Eval("btrim", {Text(""), Text("x")}), "");
  EXPECT_EQ(Eval("repeat", {Text("ab"), Int32(3)}), "ababab");
  EXPECT_EQ(Eval("repeat", {Text("ab"), Int32(-1)}), "");
  EXPECT_EQ(Eval("repeat", {Text("ab"), Int32(1 << 30)}),
            "ERROR 54000: requested length too large");
}

TEST(StringFunctionsTest, Editing) {
  EXPECT_EQ(Eval("replace", {Text("abcabc"), Text("b"), Text("XX")}), "aXXcaXXc");
  EXPECT_EQ(Eval("replace", {Text("abc"), Text(""), Text("x")}), "abc");
  EXPECT_EQ(Eval("replace", {Text("aaa"), Text("aa"), Text("b")}), "ba");
  EXPECT_EQ(Eval("reverse", {Text("héllo")}), "olléh");
  EXPECT_EQ(Eval("translate", {Text("12345"), Text("143"), Text("ax")}), "a2x5");
  EXPECT_EQ(Eval("translate", {Text("héllo"), Text("él"), Text("EL")}), "hELLo");
  EXPECT_EQ(Eval("translate", {Text("aaa"), Text("aa"), Text("bc")}), "bbb");
}

TEST(StringFunctionsTest, Concatenation) {
  EXPECT_EQ(Eval("||", {Text("abc"), Text("déf")}), "abcdéf");
  EXPECT_EQ(Eval("||", {Bytes("\x01"), Bytes("\x02")}), "\\x0102");
  EXPECT_EQ(Eval("||", {Text("a"), Value::Null(DataType::String())}), "NULL");
  EXPECT_EQ(Eval("concat", {Text("a"), Value::Null(DataType::String()), Text("b")}), "ab");
  EXPECT_EQ(Eval("concat", {Value::Null(DataType::String())}), "");
  EXPECT_EQ(Eval("concat_ws", {Text(","), Text("a"), Value::Null(DataType::String()), Text("b")}),
            "a,b");
  EXPECT_EQ(Eval("concat_ws", {Value::Null(DataType::String()), Text("a")}), "NULL");
  EXPECT_EQ(Eval("concat_ws", {Text("-"), Value::Null(DataType::String())}), "");
}

TEST(StringFunctionsTest, EncodingFunctions) {
  EXPECT_EQ(Eval("ascii", {Text("é")}), "233");
  EXPECT_EQ(Eval("ascii", {Text("")}), "0");
  EXPECT_EQ(Eval("chr", {Int32(233)}), "é");
  EXPECT_EQ(Eval("chr", {Int32(128512)}), "😀");
  EXPECT_EQ(Eval("chr", {Int32(0)}), "ERROR 54000: null character not permitted");
  EXPECT_EQ(Eval("chr", {Int32(-1)}), "ERROR 22023: character number must be positive");
  EXPECT_EQ(Eval("chr", {Int32(1114112)}),
            "ERROR 54000: requested character too large for encoding: 1114112");
  EXPECT_EQ(Eval("chr", {Int32(55296)}),
            "ERROR 54000: requested character not valid for encoding: 55296");
  EXPECT_EQ(Eval("md5", {Text("")}), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Eval("md5", {Text("abc")}), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Eval("md5", {Text("The quick brown fox jumps over the lazy dog")}),
            "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(Eval("md5", {Bytes(std::string("\x00\xff", 2))}), "d07d34efac6328007ad67c7e0a985e00");
  EXPECT_EQ(Eval("md5", {Text(std::string(1000, 'a'))}), "cabe45dcc9ae5b66ba86600cca6b8ba8");
  EXPECT_EQ(Eval("to_hex", {Int32(255)}), "ff");
  EXPECT_EQ(Eval("to_hex", {Int32(-1)}), "ffffffff");
  EXPECT_EQ(Eval("to_hex", {Int64(-1)}), "ffffffffffffffff");
  EXPECT_EQ(Eval("to_hex", {Int32(0)}), "0");
  EXPECT_EQ(Eval("to_hex", {Int32(-2147483648)}), "80000000");
}

TEST(StringFunctionsTest, NullsAndSlices) {
  const ArrayPtr texts = MakeSlicedArray(
      DataType::String(), {Text("Héllo"), Value::Null(DataType::String()), Text("x")}, Text("?"));
  const ArrayPtr counts =
      MakeArray(DataType::Int32(), {Int32(2), Int32(2), Value::Null(DataType::Int32())});
  Result<ArrayPtr> result = Call("left", {texts, counts});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ShowAll(**result), (std::vector<std::string>{"Hé", "NULL", "NULL"}));
  result = Call("upper", {texts});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ShowAll(**result), (std::vector<std::string>{"HÉLLO", "NULL", "X"}));
  result = Call("length", {texts});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ShowAll(**result), (std::vector<std::string>{"5", "NULL", "1"}));
  result = Call("concat", {texts, texts});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ShowAll(**result), (std::vector<std::string>{"HélloHéllo", "", "xx"}));
}

}  // namespace
}  // namespace boyodb::functions::testing
