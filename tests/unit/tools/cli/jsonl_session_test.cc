// SQL through a Session (boyodb-cli --jsonl answers) over a real data directory: DDL, INSERT,
// queries of each operator, and errors with their SQLSTATE and position. Results are compared as
// JSONL answers, the form the sqllogictest runner reads.
#include "engine/session.h"

#include <gtest/gtest.h>

#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

TEST_F(SessionTest, SelectWithoutFrom) {
  EXPECT_EQ(Run("SELECT 1, 'a', NULL, 2 + 3 * 4, -7 / 2, 7 % 3"), "[[1, \"a\", null, 14, -3, 1]]");
  EXPECT_EQ(Run("SELECT CASE WHEN 1 > 2 THEN 'x' ELSE 'y' END, COALESCE(NULL, 5), NULLIF(3, 3)"),
            "[[\"y\", 5, null]]");
  EXPECT_EQ(Run("SELECT 1 BETWEEN 0 AND 2, 3 IN (1, 2), NULL IN (1, 2), 2 IN (1, NULL, 2)"),
            "[[true, false, null, true]]");
}

TEST_F(SessionTest, CreateInsertSelect) {
  Exec("CREATE TABLE t1(a INTEGER, b INTEGER, c TEXT)");
  Exec("INSERT INTO t1 VALUES (1, 10, 'x'), (2, 20, 'y'), (3, NULL, 'z')");
  Exec("INSERT INTO t1(c, a) VALUES ('w', 4)");
  EXPECT_EQ(Run("SELECT a, b, c FROM t1 ORDER BY a"),
            "[[1, 10, \"x\"], [2, 20, \"y\"], [3, null, \"z\"], [4, null, \"w\"]]");
  EXPECT_EQ(Run("SELECT a FROM t1 WHERE b > 10 OR c = 'w' ORDER BY a DESC"), "[[4], [2]]");
  EXPECT_EQ(Run("SELECT a * 2 AS d FROM t1 ORDER BY d DESC LIMIT 2 OFFSET 1"), "[[6], [4]]");
  EXPECT_EQ(Run("SELECT * FROM t1 WHERE b IS NULL ORDER BY 1"),
            "[[3, null, \"z\"], [4, null, \"w\"]]");
}

TEST_F(SessionTest, Aggregates) {
  Exec("CREATE TABLE t(g TEXT, v INTEGER)");
  Exec("INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 5), ('b', NULL), ('c', NULL)");
  EXPECT_EQ(Run("SELECT count(*), count(v), sum(v), min(v), max(v) FROM t"), "[[5, 3, 8, 1, 5]]");
  EXPECT_EQ(Run("SELECT g, count(*), sum(v) FROM t GROUP BY g ORDER BY g"),
            "[[\"a\", 2, 3], [\"b\", 2, 5], [\"c\", 1, null]]");
  EXPECT_EQ(Run("SELECT g FROM t GROUP BY g HAVING count(v) > 0 ORDER BY g"), "[[\"a\"], [\"b\"]]");
  EXPECT_EQ(Run("SELECT count(DISTINCT g) FROM t"), "[[3]]");
  EXPECT_EQ(Run("SELECT count(*), sum(v) FROM t WHERE v > 100"), "[[0, null]]");
  Status grouping = Error("SELECT g, v FROM t GROUP BY g");
  EXPECT_EQ(grouping.sqlstate(), "42803");
  EXPECT_EQ(grouping.position(), 11);
}

TEST_F(SessionTest, JoinsAndSetOperations) {
  Exec("CREATE TABLE a(id INTEGER, x TEXT)");
  Exec("CREATE TABLE b(id INTEGER, y TEXT)");
  Exec("INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3')");
  Exec("INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4')");
  EXPECT_EQ(Run("SELECT a.id, y FROM a JOIN b ON a.id = b.id ORDER BY 1"),
            "[[2, \"b2\"], [3, \"b3\"]]");
  EXPECT_EQ(Run("SELECT a.id, y FROM a LEFT JOIN b ON a.id = b.id ORDER BY 1"),
            "[[1, null], [2, \"b2\"], [3, \"b3\"]]");
  EXPECT_EQ(Run("SELECT x, b.id FROM a RIGHT JOIN b USING (id) ORDER BY 2"),
            "[[\"a2\", 2], [\"a3\", 3], [null, 4]]");
  EXPECT_EQ(Run("SELECT count(*) FROM a, b WHERE a.id < b.id"), "[[6]]");
  EXPECT_EQ(Run("SELECT id FROM a UNION SELECT id FROM b ORDER BY 1"), "[[1], [2], [3], [4]]");
  EXPECT_EQ(Run("SELECT id FROM a INTERSECT SELECT id FROM b ORDER BY 1"), "[[2], [3]]");
  EXPECT_EQ(Run("SELECT id FROM a EXCEPT SELECT id FROM b"), "[[1]]");
  EXPECT_EQ(Run("SELECT x FROM a WHERE id = (SELECT max(id) FROM b) - 1"), "[[\"a3\"]]");
  EXPECT_EQ(Run("SELECT x FROM a WHERE id IN (SELECT id FROM b) ORDER BY x"),
            "[[\"a2\"], [\"a3\"]]");
  EXPECT_EQ(Run("SELECT DISTINCT id > 1 FROM a ORDER BY 1"), "[[false], [true]]");
}

TEST_F(SessionTest, ErrorsCarrySqlStateAndPosition) {
  Exec("CREATE TABLE t(a INTEGER)");
  Status missing_table = Error("SELECT * FROM nope");
  EXPECT_EQ(missing_table.sqlstate(), "42P01");
  EXPECT_EQ(missing_table.position(), 15);
  Status missing_column = Error("SELECT b FROM t");
  EXPECT_EQ(missing_column.sqlstate(), "42703");
  EXPECT_EQ(missing_column.position(), 8);
  EXPECT_EQ(Error("SELECT 1/0").sqlstate(), "22012");
  EXPECT_EQ(Error("SELECT 2147483647 + 1").sqlstate(), "22003");
  EXPECT_EQ(Error("SELEC 1").sqlstate(), "42601");
  EXPECT_EQ(Error("SELECT 'abc'::integer").sqlstate(), "22P02");
  EXPECT_EQ(Error("SELECT 1 + 'a'::text").sqlstate(), "42883");
  EXPECT_EQ(Error("CREATE TABLE t(a INTEGER)").sqlstate(), "42P07");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1, 2)").sqlstate(), "42601");
  // A division by zero in a branch that is not taken is no error.
  EXPECT_EQ(Run("SELECT CASE WHEN 0 = 0 THEN 0 ELSE 1 / 0 END"), "[[0]]");
}

TEST_F(SessionTest, DataSurvivesReopen) {
  Exec("CREATE TABLE t(a BIGINT NOT NULL, b DOUBLE PRECISION)");
  Exec("INSERT INTO t VALUES (1, 0.5), (2, 1.5)");
  EXPECT_EQ(Error("INSERT INTO t VALUES (NULL, 1)").sqlstate(), "23502");
  Reopen();
  EXPECT_EQ(Run("SELECT sum(a), sum(b) FROM t"), "[[3, 2]]");
}

}  // namespace
}  // namespace boyodb::engine
