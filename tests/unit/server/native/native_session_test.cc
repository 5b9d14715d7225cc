#include "server/native/native_session.h"

#include <gtest/gtest.h>

#include "functions/function_registry.h"
#include "tests/support/temp_dir.h"

namespace boyodb::server::native {
namespace {

using nlohmann::json;

class NativeSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = *engine::Database::Open(dir_.path());
    session_ = std::make_unique<NativeSession>(*database_, functions::FunctionRegistry::Builtins(),
                                               nullptr, nullptr, NativeSettings{});
    ASSERT_TRUE(session_->Init().ok());
  }
  void TearDown() override {
    session_.reset();
    ASSERT_TRUE(database_->Close().ok());
  }

  json Handle(const std::string& request_json) {
    Result<NativeRequest> request = ParseNativeRequest(request_json, nullptr);
    EXPECT_TRUE(request.ok()) << request.status().ToString();
    NativeReply reply = session_->Handle(*request);
    return json::parse(reply.response);
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Database> database_;
  std::unique_ptr<NativeSession> session_;
};

TEST_F(NativeSessionTest, TheDatabaseOfARequestStaysCurrent) {
  EXPECT_EQ(Handle(R"j({"op":"create_database","name":"sales"})j")["command"], "CREATE DATABASE");
  EXPECT_EQ(
      Handle(R"j({"op":"query","database":"sales","sql":"CREATE TABLE t (a INT)"})j")["status"],
      "ok");
  // No database given: still sales.
  const json answer =
      Handle(R"j({"op":"query","sql":"SELECT current_schema() AS s, count(*) FROM t"})j");
  EXPECT_EQ(answer["status"], "ok") << answer.dump();
  EXPECT_EQ(Handle(R"j({"op":"create_database","name":"sales"})j")["code"], "42P04");
  EXPECT_EQ(Handle(R"j({"op":"create_database","name":"sales","if_not_exists":true})j")["status"],
            "ok");
  EXPECT_EQ(Handle(R"j({"op":"create_database","name":"pg_temp_3"})j")["code"], "42939");
  EXPECT_EQ(Handle(R"j({"op":"create_database","name":"no good"})j")["code"], "42602");
}

TEST_F(NativeSessionTest, CreateTableTakesEveryTypeNameAndRefusesUnknownOnes) {
  const json created =
      Handle(R"j({"op":"create_table","table":"wide","sort_key":["k"],"codec":"zstd",
      "columns":[{"name":"k","type":"BIGINT","nullable":false},{"name":"tags","type":"TEXT[]"},
                 {"name":"attrs","type":"MAP(TEXT, BIGINT)"},{"name":"price","type":"DECIMAL(10,2)"}]})j");
  EXPECT_EQ(created["command"], "CREATE TABLE") << created.dump();
  const engine::TableInfo info = *database_->DescribeTable("default", "wide");
  EXPECT_EQ(info.schema.ToString(),
            "(k BIGINT NOT NULL, tags TEXT[], attrs MAP(TEXT, BIGINT), price DECIMAL(10,2))");
  EXPECT_EQ(info.options.sort_key, std::vector<std::string>{"k"});
  EXPECT_EQ(info.options.codec, formats::CompressionCodec::kZstd);

  const json bad_type =
      Handle(R"j({"op":"create_table","table":"x","columns":[{"name":"a","type":"SOMETHING"}]})j");
  EXPECT_EQ(bad_type["code"], "42704") << bad_type.dump();
  const json bad_codec = Handle(
      R"j({"op":"create_table","table":"x","codec":"gzip","columns":[{"name":"a","type":"INT"}]})j");
  EXPECT_EQ(bad_codec["status"], "error");
  EXPECT_EQ(Handle(R"j({"op":"create_table","table":"x","columns":[]})j")["code"], "42P16");
}

TEST_F(NativeSessionTest, ExplainPositionsPointIntoTheRequestText) {
  const json answer = Handle(R"j({"op":"explain","sql":"SELECT nothing FROM nowhere"})j");
  EXPECT_EQ(answer["code"], "42P01");
  EXPECT_EQ(answer["position"], 21);
  const json plan = Handle(R"j({"op":"explain","sql":"SELECT 1"})j");
  EXPECT_EQ(plan["status"], "ok");
  EXPECT_FALSE(plan["plan"].get<std::string>().empty());
}

TEST_F(NativeSessionTest, IngestCsvIsAtomic) {
  ASSERT_EQ(Handle(R"j({"op":"query","sql":"CREATE TABLE n (v INT NOT NULL)"})j")["status"], "ok");
  const json failed = Handle(R"j({"op":"ingest_csv","table":"n","csv":"1\n2\nx\n"})j");
  EXPECT_EQ(failed["code"], "22P02") << failed.dump();
  EXPECT_FALSE(failed["context"].empty());
  const json counted = Handle(R"j({"op":"query","sql":"SELECT count(*) FROM n"})j");
  EXPECT_EQ(counted["rows"], 1);
  const json loaded = Handle(R"j({"op":"ingest_csv","table":"n","csv":"1\n2\n"})j");
  EXPECT_EQ(loaded["rows_affected"], 2);
}

TEST_F(NativeSessionTest, QueryCountsSegmentsScanned) {
  ASSERT_EQ(
      Handle(
          R"j({"op":"query","sql":"CREATE TABLE s (v INT); INSERT INTO s VALUES (1)"})j")["status"],
      "ok");
  ASSERT_TRUE(database_->Flush().ok());
  const json answer = Handle(R"j({"op":"query","sql":"SELECT * FROM s"})j");
  EXPECT_EQ(answer["segments_scanned"], 1) << answer.dump();
  EXPECT_TRUE(answer["execution_time_ms"].is_number());
}

}  // namespace
}  // namespace boyodb::server::native
