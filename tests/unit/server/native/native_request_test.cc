#include "server/native/native_request.h"

#include <gtest/gtest.h>

namespace boyodb::server::native {
namespace {

using nlohmann::json;

Status ParseError(std::string_view payload) {
  json id;
  Result<NativeRequest> request = ParseNativeRequest(payload, &id);
  EXPECT_FALSE(request.ok()) << payload;
  return request.ok() ? Status::OK() : request.status();
}

TEST(NativeRequestTest, QueryWithDatabaseIdAndBinary) {
  json id;
  const Result<NativeRequest> request = ParseNativeRequest(
      R"({"op":"query","sql":"SELECT 1","database":"sales","id":[7],"binary":true})", &id);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->op, NativeOp::kQuery);
  EXPECT_EQ(request->sql, "SELECT 1");
  EXPECT_EQ(request->database, "sales");
  EXPECT_TRUE(request->binary);
  EXPECT_EQ(request->id, json::array({7}));
  EXPECT_EQ(id, json::array({7}));
  EXPECT_FALSE(request->expects_data_frame());
}

TEST(NativeRequestTest, IngestIpcDecodesBase64OrWaitsForADataFrame) {
  const Result<NativeRequest> inline_data =
      ParseNativeRequest(R"({"op":"ingest_ipc","table":"t","ipc_base64":"QUJD"})", nullptr);
  ASSERT_TRUE(inline_data.ok());
  EXPECT_EQ(inline_data->data, "ABC");
  EXPECT_FALSE(inline_data->expects_data_frame());
  const Result<NativeRequest> framed =
      ParseNativeRequest(R"({"op":"ingest_ipc","table":"t","binary":true})", nullptr);
  ASSERT_TRUE(framed.ok());
  EXPECT_TRUE(framed->expects_data_frame());
}

TEST(NativeRequestTest, IngestCsvKeepsOnlyTheOptionsGiven) {
  const Result<NativeRequest> request = ParseNativeRequest(
      R"({"op":"ingest_csv","table":"t","csv":"1,2\n","header":false,"null":"NA"})", nullptr);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->data, "1,2\n");
  EXPECT_EQ(request->header, std::optional<bool>(false));
  EXPECT_EQ(request->null_string, std::optional<std::string>("NA"));
  EXPECT_FALSE(request->delimiter.has_value());
  EXPECT_FALSE(request->quote.has_value());
}

TEST(NativeRequestTest, CreateTableColumnsAndOptions) {
  const Result<NativeRequest> request = ParseNativeRequest(
      R"({"op":"create_table","table":"m","if_not_exists":true,"codec":"zstd","sort_key":["ts"],
          "columns":[{"name":"ts","type":"TIMESTAMP","nullable":false},{"name":"v","type":"DOUBLE"}]})",
      nullptr);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  ASSERT_EQ(request->columns.size(), 2u);
  EXPECT_EQ(request->columns[0].name, "ts");
  EXPECT_FALSE(request->columns[0].nullable);
  EXPECT_TRUE(request->columns[1].nullable);
  EXPECT_TRUE(request->if_not_exists);
  EXPECT_EQ(request->codec, std::optional<std::string>("zstd"));
  EXPECT_EQ(request->sort_key, std::vector<std::string>{"ts"});
}

TEST(NativeRequestTest, MalformedRequestsAreProtocolViolationsNamingTheProblem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "request is not valid JSON"},
      {"[1]", "request must be a JSON object"},
      {R"({"sql":"SELECT 1"})", "request field \"op\" is missing"},
      {R"({"op":1})", "request field \"op\" must be a string"},
      {R"({"op":"select"})", "unknown request op \"select\""},
      {R"({"op":"query"})", "request field \"sql\" is missing"},
      {R"({"op":"query","sql":"x","binary":1})", "request field \"binary\" must be true or false"},
      {R"({"op":"query","sql":"x","database":5})", "request field \"database\" must be a string"},
      {R"({"op":"ingest_ipc","table":"t","ipc_base64":"A*"})",
       "ipc_base64 is not valid base64: invalid symbol \"*\" found while decoding base64 "
       "sequence"},
      {R"({"op":"ingest_ipc","table":"t","binary":true,"ipc_base64":""})",
       "ingest_ipc takes either \"binary\": true or \"ipc_base64\", not both"},
      {R"({"op":"create_table","table":"t"})", "request field \"columns\" is missing"},
      {R"({"op":"create_table","table":"t","columns":[1]})",
       "each of \"columns\" must be an object with \"name\" and \"type\""},
      {R"({"op":"create_table","table":"t","columns":[],"sort_key":"a"})",
       "request field \"sort_key\" must be an array of column names"},
  };
  for (const auto& [payload, message] : cases) {
    const Status status = ParseError(payload);
    EXPECT_EQ(status.sqlstate(), "08P01") << payload;
    EXPECT_EQ(status.message(), message) << payload;
  }
}

TEST(NativeRequestTest, TheIdOfABadRequestIsStillReturned) {
  json id;
  EXPECT_FALSE(ParseNativeRequest(R"({"op":"nope","id":"abc"})", &id).ok());
  EXPECT_EQ(id, "abc");
}

}  // namespace
}  // namespace boyodb::server::native
