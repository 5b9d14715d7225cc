#include "server/http/http_query_options.h"

#include <gtest/gtest.h>

namespace boyodb::server::http {
namespace {

TEST(HttpQueryOptionsTest, QueryStringWinsOverJsonBodyWhichWinsOverAccept) {
  const Result<HttpQuery> from_url = ReadHttpQuery(
      "/query?format=csv&database=app", "application/json", "application/vnd.apache.arrow.stream",
      R"({"sql":"SELECT 1","format":"tsv","database":"x"})");
  ASSERT_TRUE(from_url.ok()) << from_url.status().ToString();
  EXPECT_EQ(from_url->format, ResultFormat::kCsv);
  EXPECT_EQ(from_url->database, "app");
  EXPECT_EQ(from_url->sql, "SELECT 1");

  const Result<HttpQuery> from_body =
      ReadHttpQuery("/query", "application/json; charset=utf-8", "text/csv",
                    R"({"sql":"SELECT 1","format":"tsv"})");
  ASSERT_TRUE(from_body.ok());
  EXPECT_EQ(from_body->format, ResultFormat::kTsv);

  const Result<HttpQuery> from_accept = ReadHttpQuery(
      "/query", "text/plain", "text/html, application/vnd.apache.arrow.stream;q=0.9", "SELECT 2");
  ASSERT_TRUE(from_accept.ok());
  EXPECT_EQ(from_accept->format, ResultFormat::kArrow);
  EXPECT_EQ(from_accept->sql, "SELECT 2");

  const Result<HttpQuery> plain = ReadHttpQuery("/query", "", "*/*", "SELECT 3");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->format, ResultFormat::kJson);
}

TEST(HttpQueryOptionsTest, TheQueryParameterCarriesSqlWhenTheBodyIsEmpty) {
  const Result<HttpQuery> query =
      ReadHttpQuery("/query?query=SELECT%20%27a%2Bb%27+AS+x", "", "", "");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->sql, "SELECT 'a+b' AS x");
}

TEST(HttpQueryOptionsTest, BadRequestsNameTheProblem) {
  const auto message = [](std::string_view target, std::string_view content_type,
                          std::string_view body) {
    const Result<HttpQuery> query = ReadHttpQuery(target, content_type, "", body);
    EXPECT_FALSE(query.ok()) << body;
    return query.ok() ? std::string() : std::string(query.status().message());
  };
  EXPECT_EQ(message("/query?format=xml", "", "SELECT 1"),
            "unknown result format \"xml\": expected json, ndjson, csv, tsv or arrow");
  EXPECT_EQ(message("/query?a=%zz", "", "SELECT 1"), "invalid %-escape in the URL's query string");
  EXPECT_EQ(message("/query", "application/json", "[1]"),
            "a JSON request body must be an object with a string \"sql\"");
  EXPECT_EQ(message("/query", "application/json", R"({"sql":1})"),
            "request field \"sql\" must be a string");
  EXPECT_EQ(ReadHttpQuery("/query", "", "", " \n").status().sqlstate(), "42601");
}

TEST(HttpQueryOptionsTest, ContentTypesOfEachFormat) {
  EXPECT_EQ(ContentType(ResultFormat::kArrow), "application/vnd.apache.arrow.stream");
  EXPECT_EQ(ContentType(ResultFormat::kCsv), "text/csv; charset=utf-8");
  EXPECT_EQ(*ParseResultFormat("jsonl"), ResultFormat::kNdjson);
  EXPECT_EQ(*ParseResultFormat("text"), ResultFormat::kTsv);
}

}  // namespace
}  // namespace boyodb::server::http
