// Decoding the engine's answer lines: values of every JSON type, failures, protocol errors that
// lose the engine, rows that do not fit the columns, and NaN/Infinity literals.
#include "tools/slt/engine_answer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace boyodb::tools::slt {
namespace {

EngineAnswer Decode(std::string_view line) {
  Result<EngineAnswer> answer = DecodeAnswer(line);
  EXPECT_TRUE(answer.ok()) << line << ": " << answer.status().ToString();
  return answer.ok() ? std::move(answer).value() : EngineAnswer{};
}

TEST(SltEngineAnswerTest, RequestIsOneJsonLine) {
  const std::string request = EncodeRequest("SELECT 'a\"b'\nFROM t1");
  ASSERT_EQ(request.back(), '\n');
  EXPECT_EQ(request.find('\n'), request.size() - 1);
  EXPECT_EQ(nlohmann::json::parse(request)["sql"], "SELECT 'a\"b'\nFROM t1");
}

TEST(SltEngineAnswerTest, RequestWithInvalidUtf8IsStillJson) {
  const std::string request = EncodeRequest("SELECT '\xFF'");
  EXPECT_FALSE(nlohmann::json::parse(request, nullptr, false).is_discarded());
}

TEST(SltEngineAnswerTest, SuccessWithEveryValueType) {
  const EngineAnswer answer =
      Decode(R"({"ok": true, "columns": ["a","b","c","d","e","f","g"], "types": [], "rows": )"
             R"([[null, true, -5, 9223372036854775808, 1.5, "x", [1, 2]]]})");
  ASSERT_TRUE(answer.ok);
  EXPECT_EQ(answer.num_columns, 7u);
  ASSERT_EQ(answer.rows.size(), 1u);
  const std::vector<Value>& row = answer.rows[0];
  EXPECT_TRUE(IsNull(row[0]));
  EXPECT_EQ(std::get<bool>(row[1]), true);
  EXPECT_EQ(std::get<std::int64_t>(row[2]), -5);
  EXPECT_EQ(std::get<std::uint64_t>(row[3]), 9223372036854775808u);
  EXPECT_EQ(std::get<double>(row[4]), 1.5);
  EXPECT_EQ(std::get<std::string>(row[5]), "x");
  EXPECT_EQ(std::get<std::string>(row[6]), "[1,2]");
}

TEST(SltEngineAnswerTest, IntegersAreExactAndFloatsStayFloats) {
  const EngineAnswer answer =
      Decode(R"({"ok":true,"columns":["a","b","c"],"rows":[[9007199254740993, 1.0, 7]]})");
  EXPECT_EQ(std::get<std::int64_t>(answer.rows[0][0]), 9007199254740993);
  EXPECT_EQ(std::get<double>(answer.rows[0][1]), 1.0);
  EXPECT_EQ(std::get<std::int64_t>(answer.rows[0][2]), 7);
}

TEST(SltEngineAnswerTest, StatementWithoutResult) {
  const EngineAnswer answer = Decode(R"({"ok": true, "columns": [], "types": [], "rows": []})");
  EXPECT_TRUE(answer.ok);
  EXPECT_EQ(answer.num_columns, 0u);
  EXPECT_TRUE(answer.rows.empty());
}

TEST(SltEngineAnswerTest, Failure) {
  const EngineAnswer answer = Decode(R"({"ok": false, "error": "no such table", "code": "42P01"})");
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(answer.error, "no such table");
  EXPECT_EQ(answer.code, "42P01");
  EXPECT_FALSE(Decode(R"({"ok": null})").ok);
}

TEST(SltEngineAnswerTest, ColumnsCountWithoutRows) {
  EXPECT_EQ(Decode(R"({"ok": true, "columns": ["a", "b"], "rows": []})").num_columns, 2u);
  EXPECT_EQ(Decode(R"({"ok": true, "rows": [[1, 2, 3]]})").num_columns, 3u);
}

TEST(SltEngineAnswerTest, RowThatDoesNotFitTheColumnsFailsTheRequest) {
  const EngineAnswer answer = Decode(R"({"ok": true, "columns": ["a"], "rows": [[1, 2]]})");
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(answer.error, "protocol: a row of 2 values for 1 columns");
}

TEST(SltEngineAnswerTest, LinesThatLoseTheEngine) {
  EXPECT_FALSE(DecodeAnswer("hello").ok());
  EXPECT_FALSE(DecodeAnswer(R"({"ok": true)").ok());
  EXPECT_FALSE(DecodeAnswer(R"({"rows": []})").ok());
  EXPECT_FALSE(DecodeAnswer(R"([1, 2])").ok());
}

TEST(SltEngineAnswerTest, NonFiniteLiteralsAreDoubles) {
  const EngineAnswer answer = Decode(
      R"({"ok":true,"columns":["a","b","c","d"],"rows":[[NaN,Infinity,-Infinity,"NaN Infinity"]]})");
  ASSERT_TRUE(answer.ok);
  const std::vector<Value>& row = answer.rows[0];
  EXPECT_TRUE(std::isnan(std::get<double>(row[0])));
  EXPECT_EQ(std::get<double>(row[1]), std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<double>(row[2]), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<std::string>(row[3]), "NaN Infinity");
}

TEST(SltEngineAnswerTest, NonFiniteRewriteLeavesStringsAlone) {
  EXPECT_EQ(ReplaceNonFiniteLiterals(R"(["NaN", "a\"NaN"])"), R"(["NaN", "a\"NaN"])");
  EXPECT_EQ(ReplaceNonFiniteLiterals(R"([1, 2])"), R"([1, 2])");
  EXPECT_NE(ReplaceNonFiniteLiterals(R"(["\\", NaN])"), R"(["\\", NaN])");
}

}  // namespace
}  // namespace boyodb::tools::slt
