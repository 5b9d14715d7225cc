// psql's error display: the expected texts are what psql 15 prints for the same statements and
// positions.
#include "tools/cli/error_display.h"

#include <gtest/gtest.h>

#include <sstream>

namespace boyodb::tools::cli {
namespace {

TEST(ErrorPositionLinesTest, CaretUnderThePositionOnItsLine) {
  EXPECT_EQ(ErrorPositionLines("select foo", 8), "LINE 1: select foo\n               ^\n");
  EXPECT_EQ(ErrorPositionLines("select\n  bar", 10), "LINE 2:   bar\n          ^\n");
  // CRLF ends one line, not two.
  EXPECT_EQ(ErrorPositionLines("select\r\n  bar", 11), "LINE 2:   bar\n          ^\n");
  // Just past the end: "syntax error at end of input".
  EXPECT_EQ(ErrorPositionLines("SELECT 1 +", 11), "LINE 1: SELECT 1 +\n                  ^\n");
}

TEST(ErrorPositionLinesTest, PositionsCountCharactersNotBytes) {
  EXPECT_EQ(ErrorPositionLines("select '\xC3\xA9' || nosuch", 15),
            "LINE 1: select '\xC3\xA9' || nosuch\n"
            "                      ^\n");
}

TEST(ErrorPositionLinesTest, TabsShowAsSpaces) {
  EXPECT_EQ(ErrorPositionLines("select\tfoo", 8), "LINE 1: select foo\n               ^\n");
}

TEST(ErrorPositionLinesTest, LongLinesAreCutAroundThePosition) {
  const std::string far_left =
      "select * from t where aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa = 1 and "
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb = 2";
  EXPECT_EQ(ErrorPositionLines(far_left, 23),
            "LINE 1: select * from t where aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\n"
            "                              ^\n");
  const std::string far_right =
      "select * from t where a = 1 and a = 1 and a = 1 and a = 1 and a = 1 and a = 1 and "
      "nosuchcolumn = 3 and a = 1 and a = 1";
  EXPECT_EQ(ErrorPositionLines(far_right, 83),
            "LINE 1: ...a = 1 and a = 1 and a = 1 and a = 1 and a = 1 and nosuchcolu...\n"
            "                                                             ^\n");
  EXPECT_EQ(ErrorPositionLines("select 1,\n  2 from t where a = 1 and a = 1 and a = 1 and a = 1 "
                               "and a = 1 and a = 1 and nosuchcolumn = 3",
                               88),
            "LINE 2: ...a = 1 and a = 1 and a = 1 and a = 1 and a = 1 and nosuchcolu...\n"
            "                                                             ^\n");
}

TEST(ErrorPositionLinesTest, NoDisplayWithoutAPositionInTheText) {
  EXPECT_EQ(ErrorPositionLines("select 1", 0), "");
  EXPECT_EQ(ErrorPositionLines("select 1", 10), "");
  EXPECT_EQ(ErrorPositionLines("", 1), "LINE 1: \n        ^\n");
}

TEST(PrintErrorTest, MessageLineDisplayThenSqlState) {
  std::ostringstream err;
  PrintError(
      Status(StatusCode::kNotFound, "42703", "column \"foo\" does not exist").WithPosition(8),
      "select foo", "file.sql:3: ", err);
  EXPECT_EQ(err.str(),
            "file.sql:3: ERROR:  column \"foo\" does not exist\n"
            "LINE 1: select foo\n"
            "               ^\n"
            "SQLSTATE: 42703\n");

  err.str("");
  PrintError(Status(StatusCode::kIOError, "58030", "could not write").WithContext("flushing"), "",
             "", err);
  EXPECT_EQ(err.str(), "ERROR:  could not write (flushing)\nSQLSTATE: 58030\n");
}

}  // namespace
}  // namespace boyodb::tools::cli
