// UPDATE, DELETE, views and indexes through a Session. Expected rows, command tags and SQLSTATEs
// are what PostgreSQL 15 gives for the same statements.
#include <gtest/gtest.h>

#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

std::string Tag(Session& session, std::string_view sql) {
  Result<std::vector<StatementResult>> results = session.Execute(sql);
  if (!results.ok()) return results.status().ToString();
  return results->back().command_tag;
}

TEST_F(SessionTest, DeleteAndUpdate) {
  Exec("CREATE TABLE t(a int, b text)");
  Exec("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL), (4, 'z')");
  EXPECT_EQ(Tag(*session_, "DELETE FROM t WHERE a = 2"), "DELETE 1");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "[[1, \"x\"], [3, null], [4, \"z\"]]");
  EXPECT_EQ(Tag(*session_, "UPDATE t SET b = b || '!', a = a * 10 WHERE a > 2"), "UPDATE 2");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "[[1, \"x\"], [30, null], [40, \"z!\"]]");
  Exec("CREATE TABLE u(a int)");
  Exec("INSERT INTO u VALUES (1), (40), (40)");
  // A target row joined twice is deleted once.
  EXPECT_EQ(Tag(*session_, "DELETE FROM t USING u WHERE t.a = u.a"), "DELETE 2");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "[[30, null]]");
  Exec("INSERT INTO t VALUES (5, 'p'), (6, 'q')");
  EXPECT_EQ(Tag(*session_, "UPDATE t SET b = (SELECT max(a) FROM u WHERE u.a > t.a)"), "UPDATE 3");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "[[5, \"40\"], [6, \"40\"], [30, \"40\"]]");
  EXPECT_EQ(Tag(*session_, "UPDATE t SET b = 'j' FROM u WHERE u.a > t.a"), "UPDATE 3");
  EXPECT_EQ(Tag(*session_, "DELETE FROM t WHERE a IN (SELECT a - 25 FROM u)"), "DELETE 0");
  EXPECT_EQ(Run("SELECT * FROM t ORDER BY a"), "[[5, \"j\"], [6, \"j\"], [30, \"j\"]]");
  EXPECT_EQ(Tag(*session_, "DELETE FROM t"), "DELETE 3");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[0]]");
}

TEST_F(SessionTest, UpdateErrors) {
  Exec("CREATE TABLE t(a int NOT NULL, b text)");
  Exec("INSERT INTO t VALUES (1, 'x')");
  EXPECT_EQ(Error("UPDATE t SET c = 1").sqlstate(), "42703");
  EXPECT_EQ(Error("UPDATE t SET a = 'x'").sqlstate(), "22P02");
  const Status mismatch = Error("UPDATE t SET a = b");
  EXPECT_EQ(mismatch.sqlstate(), "42804");
  EXPECT_EQ(mismatch.position(), 18);
  EXPECT_EQ(Error("UPDATE t SET a = 1, a = 2").sqlstate(), "42601");
  EXPECT_EQ(Error("UPDATE t SET a = NULL").sqlstate(), "23502");
  EXPECT_EQ(Error("DELETE FROM nowhere").sqlstate(), "42P01");
  // Failed statements changed nothing.
  EXPECT_EQ(Run("SELECT * FROM t"), "[[1, \"x\"]]");
}

TEST_F(SessionTest, ViewsAreBoundWhereTheyAreUsedAndSurviveRestart) {
  Exec("CREATE TABLE u(a int)");
  Exec("INSERT INTO u VALUES (1), (40), (40)");
  Exec("CREATE VIEW v AS SELECT a, a * 2 AS doubled FROM u WHERE a > 1");
  Exec("CREATE VIEW v2 (x, y) AS SELECT * FROM v");
  EXPECT_EQ(Run("SELECT * FROM v2 ORDER BY x"), "[[40, 80], [40, 80]]");
  EXPECT_EQ(Error("CREATE VIEW v AS SELECT 1").sqlstate(), "42P07");
  EXPECT_EQ(Error("CREATE OR REPLACE VIEW v AS SELECT a, a * 3 AS tripled FROM u").sqlstate(),
            "42P16");
  Exec("CREATE OR REPLACE VIEW v AS SELECT a, a * 3 AS doubled, 0 AS zero FROM u");
  EXPECT_EQ(Run("SELECT * FROM v2 ORDER BY x"), "[[1, 3], [40, 120], [40, 120]]");
  EXPECT_EQ(Error("CREATE VIEW bad AS SELECT 1, 2").sqlstate(), "42701");
  EXPECT_EQ(Error("CREATE VIEW bad AS SELECT * FROM nowhere").sqlstate(), "42P01");
  EXPECT_EQ(Error("DROP TABLE v").sqlstate(), "42809");
  EXPECT_EQ(Error("DROP VIEW u").sqlstate(), "42809");
  Exec("INSERT INTO u VALUES (7)");
  // Reopening keeps the views.
  Reopen();
  EXPECT_EQ(Run("SELECT x FROM v2 WHERE y < 100 ORDER BY x"), "[[1], [7]]");
  EXPECT_EQ(Tag(*session_, "DROP VIEW v2"), "DROP VIEW");
  EXPECT_EQ(Error("DROP VIEW v2").sqlstate(), "42P01");
  Exec("DROP VIEW IF EXISTS v2");
}

TEST_F(SessionTest, IndexesAndUniqueKeys) {
  Exec("CREATE TABLE u(a int)");
  Exec("INSERT INTO u VALUES (1)");
  EXPECT_EQ(Tag(*session_, "CREATE INDEX i1 ON u (a)"), "CREATE INDEX");
  EXPECT_EQ(Error("CREATE INDEX i1 ON u (a)").sqlstate(), "42P07");
  Exec("CREATE INDEX ON u (a DESC)");
  EXPECT_EQ(Error("CREATE INDEX i2 ON u USING nosuch (a)").sqlstate(), "42704");
  EXPECT_EQ(Error("CREATE INDEX i2 ON u (nosuch)").sqlstate(), "42703");
  Exec("CREATE UNIQUE INDEX i3 ON u (a)");
  Exec("INSERT INTO u VALUES (40), (NULL), (NULL)");
  EXPECT_EQ(Error("INSERT INTO u VALUES (40)").sqlstate(), "23505");
  EXPECT_EQ(Error("INSERT INTO u VALUES (7), (7)").sqlstate(), "23505");
  EXPECT_EQ(Error("UPDATE u SET a = 1 WHERE a = 40").sqlstate(), "23505");
  EXPECT_EQ(Tag(*session_, "UPDATE u SET a = a + 1"), "UPDATE 4");
  EXPECT_EQ(Run("SELECT a FROM u ORDER BY a"), "[[2], [41], [null], [null]]");
  Exec("CREATE TABLE d(a int)");
  Exec("INSERT INTO d VALUES (3), (3)");
  EXPECT_EQ(Error("CREATE UNIQUE INDEX d_a ON d (a)").sqlstate(), "23505");
  EXPECT_EQ(Tag(*session_, "DROP INDEX i1"), "DROP INDEX");
  EXPECT_EQ(Error("DROP INDEX i1").sqlstate(), "42704");
  Exec("DROP INDEX IF EXISTS i1");
}

TEST_F(SessionTest, ColumnDefaultsSurviveARestart) {
  Exec("CREATE TABLE d (a INTEGER, b TEXT DEFAULT 'x' || 'y', c INTEGER DEFAULT 2 * 21)");
  Reopen();
  Exec("INSERT INTO d (a) VALUES (1)");
  EXPECT_EQ(Run("SELECT a, b, c FROM d"), "[[1, \"xy\", 42]]");
}

}  // namespace
}  // namespace boyodb::engine
