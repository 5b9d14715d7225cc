// JSON text of result values: JSON literals where the type has them, strings otherwise, and
// the two ways of writing NaN and the infinities.
#include "tools/cli/json_cell.h"

#include <gtest/gtest.h>

#include "tests/support/session_fixture.h"

namespace boyodb::tools::cli {
namespace {

class JsonCellTest : public engine::SessionTest {
 protected:
  // JsonCell of every column of the query's single row, joined by blanks.
  std::string Cells(std::string_view sql, NonFiniteFloats non_finite) {
    Result<std::vector<engine::StatementResult>> results = session_->Execute(sql);
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    if (!results.ok()) return "";
    const columnar::Chunk& chunk = results->back().chunks.front();
    std::string cells;
    for (size_t column = 0; column < chunk.num_columns(); ++column) {
      cells += (column > 0 ? " " : "") +
               JsonCell(*chunk.column(column), 0, functions::TimeZone(), non_finite);
    }
    return cells;
  }
};

TEST_F(JsonCellTest, LiteralsWhereJsonHasThem) {
  EXPECT_EQ(Cells("SELECT -5, 18446744073709551615::numeric(20,0), 0.1::float8, 1.25::real, "
                  "3.10::numeric(3,2), false, NULL, 'a\"\\b', TIMESTAMP '2024-01-31 10:00:00'",
                  NonFiniteFloats::kBare),
            "-5 18446744073709551615 0.1 1.25 3.10 false null \"a\\\"\\\\b\" "
            "\"2024-01-31 10:00:00\"");
}

TEST_F(JsonCellTest, TimestampTzIsShownInTheSessionsZone) {
  Result<std::vector<engine::StatementResult>> results = session_->Execute(
      "SET TIME ZONE 'America/New_York'; SELECT TIMESTAMPTZ '2024-07-15 12:00:00+00', "
      "NULL::timestamptz");
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const engine::StatementResult& result = results->back();
  const columnar::Chunk& chunk = result.chunks.front();
  EXPECT_EQ(JsonCell(*chunk.column(0), 0, result.time_zone), "\"2024-07-15 08:00:00-04\"");
  EXPECT_EQ(CellText(*chunk.column(0), 0, result.time_zone), "2024-07-15 08:00:00-04");
  EXPECT_EQ(CellText(*chunk.column(1), 0, result.time_zone), "");
}

TEST_F(JsonCellTest, NonFiniteFloatsBareOrAsStrings) {
  const std::string sql =
      "SELECT 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8, 'NaN'::real";
  EXPECT_EQ(Cells(sql, NonFiniteFloats::kBare), "NaN Infinity -Infinity NaN");
  EXPECT_EQ(Cells(sql, NonFiniteFloats::kString), "\"NaN\" \"Infinity\" \"-Infinity\" \"NaN\"");
}

TEST(JsonStringTest, EscapesAndReplacesInvalidUtf8) {
  EXPECT_EQ(JsonString("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(JsonString("\xC3\xA9"), "\"\xC3\xA9\"");
  EXPECT_EQ(JsonString("x\xFFy"), "\"x\xEF\xBF\xBDy\"");
}

}  // namespace
}  // namespace boyodb::tools::cli
