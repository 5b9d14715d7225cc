// The client's side of the native protocol's frames and JSON: frames written and read back
// (header byte order, partial reads, the size limit, a connection that ends mid-frame), and a
// server's error response turned into the Status the shell prints, with SQLSTATE, position and
// context.
#include "tools/cli/native_frames.h"

#include <gtest/gtest.h>

#include "tests/unit/tools/cli/memory_client_stream.h"

namespace boyodb::tools::cli {
namespace {

TEST(NativeFramesTest, WriteFramePutsABigEndianLengthFirst) {
  MemoryClientStream stream("");
  ASSERT_TRUE(WriteFrame(stream, "hello").ok());
  EXPECT_EQ(stream.written(), std::string("\0\0\0\5hello", 9));
  ASSERT_TRUE(WriteRequest(stream, {{"op", "login"}}).ok());
  EXPECT_EQ(stream.written().substr(9), Frame(R"({"op":"login"})"));
}

TEST(NativeFramesTest, ReadFrameReadsFramesAcrossPartialReads) {
  const std::string big(300, 'x');
  MemoryClientStream stream(Frame("first") + Frame("") + Frame(big), /*max_read=*/2);
  EXPECT_EQ(ReadFrame(stream).value(), "first");
  EXPECT_EQ(ReadFrame(stream).value(), "");
  EXPECT_EQ(ReadFrame(stream).value(), big);
  EXPECT_EQ(stream.unread(), 0u);
}

TEST(NativeFramesTest, ReadFrameRefusesAFrameOverTheLimitWithoutReadingIt) {
  MemoryClientStream stream(Frame(std::string(100, 'x')));
  Result<std::string> frame = ReadFrame(stream, /*max_bytes=*/99);
  ASSERT_FALSE(frame.ok());
  EXPECT_EQ(frame.status().sqlstate(), "08P01");
  EXPECT_EQ(frame.status().message(),
            "server sent a frame of 100 bytes, more than the client's limit of 99 bytes");
  EXPECT_EQ(stream.unread(), 100u);
}

TEST(NativeFramesTest, AConnectionEndingInsideAFrameIsAConnectionFailure) {
  for (const std::string& bytes :
       {std::string(), std::string("\0\0", 2), Frame("abc").substr(0, 5)}) {
    MemoryClientStream stream(bytes);
    Result<std::string> frame = ReadFrame(stream);
    ASSERT_FALSE(frame.ok());
    EXPECT_EQ(frame.status().sqlstate(), "08006");
    EXPECT_EQ(frame.status().message(), "server closed the connection unexpectedly");
  }
}

TEST(NativeFramesTest, ErrorResponseBecomesAStatusWithPositionAndContext) {
  const nlohmann::json response = nlohmann::json::parse(
      R"({"status":"error","code":"22P02","message":"invalid input syntax for type integer: \"x\"",)"
      R"("position":8,"context":["COPY t, line 3, column b","reading STDIN"]})");
  const Status status = ErrorFromResponse(response);
  EXPECT_EQ(status.sqlstate(), "22P02");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "invalid input syntax for type integer: \"x\"");
  EXPECT_EQ(status.position(), 8);
  EXPECT_EQ(status.context(),
            (std::vector<std::string>{"COPY t, line 3, column b", "reading STDIN"}));
  // The context in the order the server listed it, as the embedded session shows it.
  EXPECT_EQ(status.FullMessage(),
            "invalid input syntax for type integer: \"x\" (COPY t, line 3, column b; reading "
            "STDIN)");
}

TEST(NativeFramesTest, ParseResponseSeparatesOkErrorAndGarbage) {
  Result<nlohmann::json> ok = ParseResponse(R"({"status":"ok","command":"SELECT 1"})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*StringField(*ok, "command"), "SELECT 1");
  EXPECT_EQ(StringField(*ok, "missing"), nullptr);

  Result<nlohmann::json> error = ParseResponse(
      R"({"status":"error","code":"28P01","message":"password authentication failed for user \"admin\""})");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().sqlstate(), "28P01");
  EXPECT_EQ(error.status().position(), 0);

  for (const std::string_view garbage :
       {"not json", "[1,2]", R"({"command":"x"})", R"({"status":"maybe"})"}) {
    Result<nlohmann::json> parsed = ParseResponse(garbage);
    ASSERT_FALSE(parsed.ok()) << garbage;
    EXPECT_EQ(parsed.status().sqlstate(), "08P01") << garbage;
  }
  // An error without a SQLSTATE is the server breaking the protocol.
  Result<nlohmann::json> no_code = ParseResponse(R"({"status":"error","message":"oops"})");
  ASSERT_FALSE(no_code.ok());
  EXPECT_EQ(no_code.status().sqlstate(), "08P01");
  EXPECT_EQ(no_code.status().message(), "server sent an error without a valid SQLSTATE: oops");
}

TEST(NativeFramesTest, SqlStatesMapToTheirStatusCodes) {
  EXPECT_EQ(CodeForSqlState("42P01"), StatusCode::kNotFound);
  EXPECT_EQ(CodeForSqlState("3F000"), StatusCode::kNotFound);
  EXPECT_EQ(CodeForSqlState("42P07"), StatusCode::kAlreadyExists);
  EXPECT_EQ(CodeForSqlState("0A000"), StatusCode::kNotSupported);
  EXPECT_EQ(CodeForSqlState("XX001"), StatusCode::kCorruption);
  EXPECT_EQ(CodeForSqlState("XX000"), StatusCode::kInternal);
  EXPECT_EQ(CodeForSqlState("53100"), StatusCode::kDiskFull);
  EXPECT_EQ(CodeForSqlState("54000"), StatusCode::kResourceExhausted);
  EXPECT_EQ(CodeForSqlState("57014"), StatusCode::kCancelled);
  EXPECT_EQ(CodeForSqlState("58030"), StatusCode::kIOError);
  EXPECT_EQ(CodeForSqlState("28P01"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeForSqlState("42601"), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace boyodb::tools::cli
