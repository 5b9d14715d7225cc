// EXPLAIN ANALYZE through a Session: the query runs, its rows are dropped, and every plan node
// shows the rows it produced and the time of its own work, with the statement's planning and
// execution times at the end. Times vary, so only their presence and the row counts are
// checked.
#include <gmock/gmock.h>

#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

class ExplainAnalyzeTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    Exec("CREATE TABLE t (a INTEGER, b TEXT)");
    Exec("INSERT INTO t SELECT g, 'v' || (g % 3) FROM generate_series(1, 100) AS g");
  }
};

TEST_F(ExplainAnalyzeTest, EveryNodeShowsItsRowsAndTime) {
  const std::string plan =
      Run("EXPLAIN ANALYZE SELECT b, count(*) FROM t WHERE a > 40 GROUP BY b ORDER BY b");
  EXPECT_THAT(plan, ContainsRegex("Scan [^\"]*\\(actual rows=[0-9]+ time=[0-9]+\\.[0-9]{3} ms\\)"));
  EXPECT_THAT(plan, ContainsRegex("Aggregate [^\"]*\\(actual rows=3 time="));
  EXPECT_THAT(plan, ContainsRegex("Sort [^\"]*\\(actual rows=3 time="));
  EXPECT_THAT(plan, ContainsRegex("Planning Time: [0-9]+\\.[0-9]{3} ms"));
  EXPECT_THAT(plan, ContainsRegex("Execution Time: [0-9]+\\.[0-9]{3} ms"));
  EXPECT_THAT(plan, Not(HasSubstr("never executed")));
}

TEST_F(ExplainAnalyzeTest, FiltersJoinsAndLimitsCountTheirOutput) {
  Exec("CREATE TABLE u (a INTEGER)");
  Exec("INSERT INTO u VALUES (1), (2), (3), (200)");
  const std::string plan =
      Run("EXPLAIN ANALYZE SELECT t.a FROM t JOIN u ON t.a = u.a WHERE t.b <> 'v0' LIMIT 1");
  // t.a = 1 and 2 pass the filter and meet u; the join hands both on before LIMIT stops.
  EXPECT_THAT(plan, ContainsRegex("Join [^\"]*\\(actual rows=2 time="));
  EXPECT_THAT(plan, ContainsRegex("Limit 1 [^\"]*\\(actual rows=1 time="));
  EXPECT_THAT(plan, ContainsRegex("Scan [^\"]*u [^\"]*\\(actual rows=4 time="));
}

TEST_F(ExplainAnalyzeTest, ErrorsOfTheQueryAreReported) {
  const Status status = Error("EXPLAIN ANALYZE SELECT 1 / (a - a) FROM t");
  EXPECT_EQ(status.sqlstate(), "22012") << status.ToString();
}

TEST_F(ExplainAnalyzeTest, PlainExplainDoesNotRunTheQuery) {
  const std::string plan = Run("EXPLAIN SELECT 1 / (a - a) FROM t");
  EXPECT_THAT(plan, Not(HasSubstr("actual")));
}

TEST_F(ExplainAnalyzeTest, ExplainOfAChangeShowsItsPlanAndChangesNothing) {
  // The change's line, then its plan indented under it (the scan tests `a > 90` itself).
  EXPECT_THAT(Run("EXPLAIN UPDATE t SET b = 'x' WHERE a > 90"),
              ContainsRegex("^\\[\\[\"Update on default\\.t\"\\], \\[\"  Project .*\"    Scan "
                            "default\\.t .*filter a > 90"));
  EXPECT_THAT(Run("EXPLAIN DELETE FROM t WHERE a IN (SELECT a FROM t WHERE a < 5)"),
              HasSubstr("Delete on default.t"));
  EXPECT_THAT(Run("EXPLAIN INSERT INTO t SELECT a + 1000, b FROM t"),
              HasSubstr("Insert on default.t"));
  EXPECT_THAT(Run("EXPLAIN INSERT INTO t VALUES (1, 'a')"), HasSubstr("Values"));
  EXPECT_EQ(Run("SELECT count(*), count(*) FILTER (WHERE b = 'x') FROM t"), "[[100, 0]]");
  EXPECT_EQ(Error("EXPLAIN UPDATE missing SET a = 1").sqlstate(), "42P01");
  // EXPLAIN ANALYZE would run the change, as PostgreSQL's does; not measured yet.
  EXPECT_EQ(Error("EXPLAIN ANALYZE DELETE FROM t").sqlstate(), "0A000");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[100]]");
}

}  // namespace
}  // namespace boyodb::engine
