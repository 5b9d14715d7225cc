// boyodb-server's HTTP listener as curl meets it: POST /query in every result format (the Arrow
// one read back by apache-arrow), errors with their SQLSTATE and HTTP status, /health, and
// /metrics in Prometheus's text format; malformed HTTP never takes the server down.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "tests/support/native_client.h"
#include "tests/support/server_process.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace boyodb::testing {
namespace {

using nlohmann::json;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v curl >/dev/null 2>&1") != 0) GTEST_SKIP() << "curl is missing";
    std::string error;
    std::optional<ServerProcess> started =
        ServerProcess::Start(BuiltProgram("boyodb-server", BOYO_SERVER_BINARY_DIR),
                             dir_.Join("data"), {"--max-request-bytes", "100000"}, &error);
    ASSERT_TRUE(started.has_value()) << error;
    server_.emplace(std::move(*started));
    base_ = "http://" + server_->host() + ":" + std::to_string(server_->http_port());
    std::ifstream file(dir_.Join("data/admin_password"));
    ASSERT_TRUE(std::getline(file, password_)) << "the first start wrote no admin password";
  }

  // curl's output for `arguments` (the URL path is appended to the server's address), with
  // the HTTP status on a last line of its own.
  struct Reply {
    int status = 0;
    std::string body;
  };
  Reply Curl(const std::string& arguments, const std::string& path) {
    const auto [exit_code, output] =
        RunCommand("curl -s -w '\\n%{http_code}' " + arguments + " '" + base_ + path + "'");
    EXPECT_EQ(exit_code, 0) << output;
    const size_t newline = output.rfind('\n');
    if (newline == std::string::npos) return {};
    return {std::atoi(output.c_str() + newline + 1), output.substr(0, newline)};
  }
  Reply Post(const std::string& sql, const std::string& path = "/query",
             const std::string& extra = "") {
    const std::string file = dir_.Join("body.sql");
    std::ofstream(file) << sql;
    return Curl("-u 'admin:" + password_ + "' -X POST --data-binary @'" + file + "' " + extra,
                path);
  }

  TempDir dir_;
  std::optional<ServerProcess> server_;
  std::string base_;
  std::string password_;
};

TEST_F(HttpServerTest, ResultsAsJsonCsvTsvNdjsonAndArrow) {
  ASSERT_EQ(Post("CREATE TABLE t (a INT, b TEXT, ts TIMESTAMPTZ); "
                 "INSERT INTO t VALUES (1, 'x,y', '2024-01-01 10:00+02'), (2, NULL, NULL)")
                .status,
            200);
  const std::string select = "SELECT * FROM t ORDER BY a";

  const Reply as_json = Post(select);
  ASSERT_EQ(as_json.status, 200) << as_json.body;
  const json document = json::parse(as_json.body);
  EXPECT_EQ(document["command"], "SELECT 2");
  EXPECT_EQ(document["rows_returned"], 2);
  EXPECT_EQ(document["columns"], json::parse(R"([{"name":"a","type":"INTEGER"},
      {"name":"b","type":"TEXT"},{"name":"ts","type":"TIMESTAMPTZ"}])"));
  EXPECT_EQ(document["rows"], json::parse(R"([{"a":1,"b":"x,y","ts":"2024-01-01 08:00:00+00"},
      {"a":2,"b":null,"ts":null}])"));

  EXPECT_EQ(Post(select, "/query?format=csv").body,
            "a,b,ts\n1,\"x,y\",2024-01-01 08:00:00+00\n2,,\n");
  EXPECT_EQ(Post(select, "/query", "-H 'Accept: text/tab-separated-values'").body,
            "a\tb\tts\n1\tx,y\t2024-01-01 08:00:00+00\n2\t\\N\t\\N\n");
  EXPECT_EQ(Post(R"({"sql": "SELECT count(*) AS n FROM t", "format": "ndjson"})", "/query",
                 "-H 'Content-Type: application/json'")
                .body,
            "{\"n\":2}\n");
  // The query string names the database and carries the SQL when the body is empty.
  ASSERT_EQ(Post("CREATE DATABASE app; CREATE TABLE app.u (v TEXT)").status, 200);
  EXPECT_EQ(Post("INSERT INTO u VALUES ('in app')", "/query?database=app").status, 200);
  EXPECT_EQ(Curl("-u 'admin:" + password_ + "' -X POST",
                 "/query?database=app&format=csv&query=SELECT%20v%20FROM%20u")
                .body,
            "v\nin app\n");

  // Arrow: an IPC stream that apache-arrow reads.
  const char* source = std::getenv("BOYO_SOURCE_DIR");
  const std::string interop = std::string(source != nullptr ? source : ".") + "/tests/interop";
  if (std::system("command -v node >/dev/null 2>&1") != 0 ||
      !std::filesystem::exists(interop + "/node_modules/apache-arrow")) {
    GTEST_SKIP() << "node or apache-arrow is missing (scripts/setup-deps.sh)";
  }
  const std::string arrow_file = dir_.Join("result.arrows");
  const Reply saved = Post(select, "/query?format=arrow", "-o '" + arrow_file + "'");
  EXPECT_EQ(saved.status, 200);
  const auto [status, output] =
      RunCommand("node '" + interop + "/read_arrow.mjs' '" + arrow_file + "'");
  ASSERT_EQ(status, 0) << output;
  EXPECT_EQ(json::parse(output)["columns"],
            json::parse(R"([["1","2"],["x,y",null],["2024-01-01 08:00:00+00",null]])"));
}

TEST_F(HttpServerTest, ErrorsCarryTheSqlstateAndAnHttpStatus) {
  const Reply missing = Post("SELECT * FROM nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body), json::parse(R"({"status":"error","code":"42P01",
                "message":"relation \"nope\" does not exist","position":15})"));
  const Reply syntax = Post("SELEC 1");
  EXPECT_EQ(syntax.status, 400);
  EXPECT_EQ(json::parse(syntax.body)["code"], "42601");
  EXPECT_EQ(Post("SELECT 1/0").status, 400);
  EXPECT_EQ(Post("   ").status, 400);
  EXPECT_EQ(Post("SELECT 1", "/query?format=xml").status, 400);
  EXPECT_EQ(Post("{\"sql\": 7}", "/query", "-H 'Content-Type: application/json'").status, 400);
  EXPECT_EQ(Curl("", "/query").status, 405);
  EXPECT_EQ(Curl("-X DELETE", "/health").status, 405);
  EXPECT_EQ(Curl("", "/nowhere").status, 404);
  // Over --max-request-bytes: 413, and the server goes on.
  EXPECT_EQ(Post("SELECT '" + std::string(200000, 'x') + "'").status, 413);
  EXPECT_EQ(Post("SELECT 1").status, 200);
}

TEST_F(HttpServerTest, QueriesNeedBasicAuthentication) {
  const Reply anonymous = Curl("-X POST --data-binary 'SELECT 1'", "/query");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json::parse(anonymous.body)["code"], "28000");
  const Reply wrong = Curl("-u admin:Not-it-123 -X POST --data-binary 'SELECT 1'", "/query");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(json::parse(wrong.body)["message"],
            "password authentication failed for user \"admin\"");
  EXPECT_NE(Post("SELECT current_user").body.find("\"current_user\":\"admin\""), std::string::npos);
}

TEST_F(HttpServerTest, HealthAndPrometheusMetrics) {
  EXPECT_EQ(json::parse(Curl("", "/health").body)["status"], "ok");
  ASSERT_EQ(Post("CREATE TABLE m (v INT); INSERT INTO m VALUES (1), (2), (3)").status, 200);
  EXPECT_EQ(Post("SELECT * FROM nope").status, 404);
  const Reply metrics = Curl("", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  // Every line is a comment or `name{labels} value`, as the text format has it.
  const std::regex sample(R"re([a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [-+0-9.eInfa]+)re");
  std::istringstream lines(metrics.body);
  std::string line;
  int samples = 0;
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
    ++samples;
  }
  EXPECT_GT(samples, 20);
  for (const std::string_view expected :
       {"boyodb_requests_total{protocol=\"http\"} 3",
        "boyodb_request_errors_total{protocol=\"http\"} 1", "boyodb_ingested_rows_total 3",
        "boyodb_rows_written_total{statement=\"INSERT\"} 3", "boyodb_tables 1",
        "# TYPE boyodb_request_duration_seconds histogram",
        "boyodb_request_duration_seconds_count{protocol=\"http\"} 3",
        "# TYPE boyodb_resident_memory_bytes gauge",
        "boyodb_connections_total{protocol=\"http\"}"}) {
    EXPECT_NE(metrics.body.find(expected), std::string::npos) << expected << "\n" << metrics.body;
  }
}

TEST_F(HttpServerTest, MalformedHttpNeverTakesTheServerDown) {
  for (const std::string& garbage :
       {std::string("GARBAGE\r\n\r\n"),
        std::string("POST /query HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
        std::string("POST /query HTTP/1.1\r\nContent-Length: 100\r\n\r\nSELECT"),
        std::string(5000, '\x01'),
        std::string("GET /health HTTP/1.1\r\n") + std::string(70000, 'h')}) {
    std::optional<NativeClient> client =
        NativeClient::Connect(server_->host(), server_->http_port());
    ASSERT_TRUE(client.has_value());
    client->SendRaw(garbage);
  }
  EXPECT_EQ(Post("SELECT 1").status, 200);
  EXPECT_EQ(Curl("", "/health").status, 200);
}

}  // namespace
}  // namespace boyodb::testing
