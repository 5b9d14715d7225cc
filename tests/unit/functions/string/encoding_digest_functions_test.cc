// encode/decode in the base64, hex and escape formats (PostgreSQL's 76-character base64 lines,
// whitespace it skips, its 22023 and 22P02 errors) and the SHA-2 digests.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

Value Bytes(std::string bytes) { return Value::Binary(std::move(bytes)); }

std::string Encode(std::string bytes, std::string format) {
  return Eval("encode", {Bytes(std::move(bytes)), Text(std::move(format))});
}

// decode's result re-encoded as hex, so the expectations are readable.
std::string DecodeHex(std::string text, std::string format) {
  Result<Value> bytes = CallValues("decode", {Text(std::move(text)), Text(std::move(format))});
  if (!bytes.ok()) {
    return "ERROR " + std::string(bytes.status().sqlstate()) + ": " +
           std::string(bytes.status().message());
  }
  return Eval("encode", {*bytes, Text("hex")});
}

TEST(EncodingDigestFunctionsTest, EncodeFormats) {
  EXPECT_EQ(Encode("hello", "base64"), "aGVsbG8=");
  EXPECT_EQ(Encode("a", "BASE64"), "YQ==");
  EXPECT_EQ(Encode("", "base64"), "");
  EXPECT_EQ(Encode("hello", "hex"), "68656c6c6f");
  EXPECT_EQ(Encode(std::string("\x00\x01\\\x80\xff"
                               "A",
                               6),
                   "escape"),
            "\\000\x01\\\\\\200\\377A");
  EXPECT_EQ(Encode("a", "foo"), "ERROR 22023: unrecognized encoding: \"foo\"");
}

TEST(EncodingDigestFunctionsTest, Base64WrapsLinesAtSeventySixCharacters) {
  // 57 bytes fill one line exactly, and PostgreSQL still ends it with a newline.
  const std::string line = Encode(std::string(57, 'a'), "base64");
  ASSERT_EQ(line.size(), 77u);
  EXPECT_EQ(line.back(), '\n');
  const std::string longer = Encode(std::string(80, 'a'), "base64");
  EXPECT_EQ(longer.find('\n'), 76u);
  EXPECT_EQ(longer.size(), 109u);
  EXPECT_EQ(DecodeHex(longer, "base64"), Encode(std::string(80, 'a'), "hex"));
}

TEST(EncodingDigestFunctionsTest, DecodeFormats) {
  EXPECT_EQ(DecodeHex("aGVsbG8=", "base64"), "68656c6c6f");
  EXPECT_EQ(DecodeHex(" aGVs\nbG8= ", "base64"), "68656c6c6f");
  EXPECT_EQ(DecodeHex("YWI=", "base64"), "6162");
  EXPECT_EQ(DecodeHex("YQ=a", "base64"), "61");
  EXPECT_EQ(DecodeHex("68656C6c6f", "hex"), "68656c6c6f");
  EXPECT_EQ(DecodeHex(" 61 62 ", "hex"), "6162");
  EXPECT_EQ(DecodeHex("a\\\\b\\000\\101", "escape"), "615c620041");
}

TEST(EncodingDigestFunctionsTest, DecodeErrors) {
  EXPECT_EQ(DecodeHex("abc", "base64"), "ERROR 22023: invalid base64 end sequence");
  EXPECT_EQ(DecodeHex("=Q", "base64"),
            "ERROR 22023: unexpected \"=\" while decoding base64 sequence");
  EXPECT_EQ(DecodeHex("a*bc", "base64"),
            "ERROR 22023: invalid symbol \"*\" found while decoding base64 sequence");
  EXPECT_EQ(DecodeHex("abc", "hex"), "ERROR 22023: invalid hexadecimal data: odd number of digits");
  EXPECT_EQ(DecodeHex("zz", "hex"), "ERROR 22023: invalid hexadecimal digit: \"z\"");
  EXPECT_EQ(DecodeHex("é0", "hex"), "ERROR 22023: invalid hexadecimal digit: \"é\"");
  EXPECT_EQ(DecodeHex("a\\", "escape"), "ERROR 22P02: invalid input syntax for type bytea");
  EXPECT_EQ(DecodeHex("\\9", "escape"), "ERROR 22P02: invalid input syntax for type bytea");
  EXPECT_EQ(DecodeHex("a", "foo"), "ERROR 22023: unrecognized encoding: \"foo\"");
}

TEST(EncodingDigestFunctionsTest, ShaDigests) {
  auto hex = [](std::string_view name, std::string bytes) {
    Result<Value> digest = CallValues(name, {Bytes(std::move(bytes))});
    EXPECT_TRUE(digest.ok());
    return Eval("encode", {*digest, Text("hex")});
  };
  EXPECT_EQ(hex("sha224", "abc"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(hex("sha256", "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex("sha384", ""),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2"
            "f14898b95b");
  EXPECT_EQ(hex("sha512", "abc").size(), 128u);
  EXPECT_EQ(Eval("sha256", {Value::Null(DataType::Binary())}), "NULL");
}

}  // namespace
}  // namespace boyodb::functions::testing
