// boyodb-cli's COPY FROM STDIN and TO STDOUT, as psql runs them: the script lines after the
// statement up to "\." are the data, TO STDOUT prints to the shell's output, and the data of
// a failed COPY are skipped rather than run as SQL.
#include <gtest/gtest.h>

#include "tests/support/shell_fixture.h"

namespace boyodb::tools::cli {
namespace {

TEST_F(ShellTest, CopyFromStdinReadsTheScriptLinesUpToBackslashDot) {
  Output output = RunScript(
      "CREATE TABLE t (a integer, b text);\n"
      "COPY t FROM STDIN;\n"
      "1\tone\n"
      "2\t\\N\n"
      "\\.\n"
      "COPY t FROM STDIN (FORMAT csv);\n"
      "3,\"multi\n"
      "line\"\n"
      "\\.\n"
      "SELECT count(*) FROM t;\n"
      "COPY (SELECT a, b FROM t ORDER BY a) TO STDOUT (FORMAT csv, HEADER);\n");
  EXPECT_TRUE(output.ok) << output.err;
  EXPECT_EQ(output.out,
            "CREATE TABLE\n"
            "COPY 2\n"
            "COPY 1\n"
            " count \n"
            "-------\n"
            "     3\n"
            "(1 row)\n"
            "\n"
            "a,b\n"
            "1,one\n"
            "2,\n"
            "3,\"multi\n"
            "line\"\n"
            "COPY 3\n");
}

TEST_F(ShellTest, DataOfAFailedCopyIsNotRunAsSql) {
  Output output = RunScript(
      "CREATE TABLE t (a integer);\n"
      "COPY t FROM STDIN;\n"
      "1\n"
      "not a number\n"
      "SELECT 'never run as SQL';\n"
      "\\.\n",
      "data.sql");
  EXPECT_FALSE(output.ok);
  EXPECT_NE(output.err.find("invalid input syntax for type integer: \"not a number\""),
            std::string::npos)
      << output.err;
  EXPECT_NE(output.err.find("COPY t, line 2, column a: \"not a number\""), std::string::npos)
      << output.err;
  EXPECT_EQ(output.out.find("never run"), std::string::npos);
  EXPECT_EQ(Command("SELECT count(*) FROM t"), " count \n-------\n     0\n(1 row)\n\n");
  // The shell goes on after the data: the next statement runs normally.
  Output next = RunScript("COPY t FROM STDIN;\n1\n\\.\nSELECT count(*) FROM t;\n");
  EXPECT_TRUE(next.ok) << next.err;
  EXPECT_EQ(next.out, "COPY 1\n count \n-------\n     1\n(1 row)\n\n");
}

}  // namespace
}  // namespace boyodb::tools::cli
