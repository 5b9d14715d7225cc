// CHECK constraints through a Session: what tests/sql/check_constraints.test cannot show, the
// SQLSTATEs and PostgreSQL's messages of each error, and constraints surviving a restart.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class CheckConstraintSessionTest : public SessionTest {};

TEST_F(CheckConstraintSessionTest, ViolationsFailTheStatementWithPostgresMessages) {
  Exec(
      "CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int, CHECK (a < b), "
      "CONSTRAINT small CHECK (b < 100))");
  const Status column = Error("INSERT INTO t VALUES (1, 0, 5)");
  EXPECT_EQ(column.sqlstate(), "23514");
  EXPECT_EQ(column.message(), "new row for relation \"t\" violates check constraint \"t_a_check\"");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1, 5, 2)").message(),
            "new row for relation \"t\" violates check constraint \"t_check\"");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1, 5, 200)").message(),
            "new row for relation \"t\" violates check constraint \"small\"");
  Exec("INSERT INTO t VALUES (1, 1, 2), (2, NULL, NULL)");
  EXPECT_EQ(Error("UPDATE t SET b = 0").sqlstate(), "23514");
  EXPECT_EQ(Error("INSERT INTO t SELECT 3, -1, 1").sqlstate(), "23514");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1, 1, 2) ON CONFLICT (id) DO UPDATE SET a = -7").message(),
            "new row for relation \"t\" violates check constraint \"t_a_check\"");
  EXPECT_EQ(Run("SELECT id, a, b FROM t ORDER BY id"), "[[1, 1, 2], [2, null, null]]");
}

TEST_F(CheckConstraintSessionTest, CreateTableRefusesWhatPostgresRefuses) {
  const auto refused = [&](const std::string& check) {
    return Error("CREATE TABLE bad (a int, b int, CHECK (" + check + "))");
  };
  EXPECT_EQ(refused("a > (SELECT 1)").sqlstate(), "0A000");
  EXPECT_EQ(refused("a > (SELECT 1)").message(), "cannot use subquery in check constraint");
  EXPECT_EQ(refused("a IN (SELECT 1)").sqlstate(), "0A000");
  EXPECT_EQ(refused("a > sum(b)").sqlstate(), "42803");
  EXPECT_EQ(refused("a > rank() OVER ()").sqlstate(), "42P20");
  EXPECT_EQ(refused("generate_series(1, 2) > a").sqlstate(), "0A000");
  const Status unknown = refused("c > 0");
  EXPECT_EQ(unknown.sqlstate(), "42703");
  EXPECT_EQ(unknown.message(), "column \"c\" does not exist");
  EXPECT_GT(unknown.position(), 0);
  EXPECT_EQ(refused("other.a > 0").sqlstate(), "42P01");
  EXPECT_EQ(refused("a + b").message(), "argument of CHECK must be type boolean, not type integer");
  const Status twice = Error(
      "CREATE TABLE bad (a int CONSTRAINT c1 CHECK (a > 0), b int CONSTRAINT c1 CHECK (b > 0))");
  EXPECT_EQ(twice.sqlstate(), "42710");
  EXPECT_EQ(twice.message(), "check constraint \"c1\" already exists");
  EXPECT_EQ(Error("CREATE TABLE bad (a int REFERENCES t (a))").sqlstate(), "0A000");
  EXPECT_EQ(Error("CREATE TABLE bad (a int, FOREIGN KEY (a) REFERENCES t (a))").sqlstate(),
            "0A000");
  EXPECT_EQ(Error("SELECT * FROM bad").sqlstate(), "42P01");
}

TEST_F(CheckConstraintSessionTest, AlterTableAddsAndDropsConstraints) {
  Exec("CREATE TABLE t (a int, b int CONSTRAINT t_pkey_like CHECK (b >= 0))");
  Exec("INSERT INTO t VALUES (5, 1), (-1, 2)");
  const Status existing = Error("ALTER TABLE t ADD CONSTRAINT positive CHECK (a > 0)");
  EXPECT_EQ(existing.sqlstate(), "23514");
  EXPECT_EQ(existing.message(),
            "check constraint \"positive\" of relation \"t\" is violated by some row");
  Exec("DELETE FROM t WHERE a < 0");
  Exec("ALTER TABLE t ADD CONSTRAINT positive CHECK (a > 0)");
  const Status taken = Error("ALTER TABLE t ADD CONSTRAINT positive CHECK (a > 1)");
  EXPECT_EQ(taken.sqlstate(), "42710");
  EXPECT_EQ(taken.message(), "constraint \"positive\" for relation \"t\" already exists");
  EXPECT_EQ(Error("ALTER TABLE t ADD CHECK (nope > 0)").sqlstate(), "42703");
  EXPECT_EQ(Error("ALTER TABLE t ADD CONSTRAINT v CHECK (a > 0) NOT VALID").sqlstate(), "0A000");
  EXPECT_EQ(Error("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES t (a)").sqlstate(), "0A000");
  EXPECT_EQ(Error("ALTER TABLE t ADD COLUMN c int CHECK (c > 0)").sqlstate(), "0A000");
  EXPECT_EQ(Error("INSERT INTO t VALUES (0, 0)").sqlstate(), "23514");
  const Status missing = Error("ALTER TABLE t DROP CONSTRAINT nope");
  EXPECT_EQ(missing.sqlstate(), "42704");
  EXPECT_EQ(missing.message(), "constraint \"nope\" of relation \"t\" does not exist");
  Exec("ALTER TABLE t DROP CONSTRAINT IF EXISTS nope");
  Exec("ALTER TABLE t DROP CONSTRAINT positive");
  Exec("INSERT INTO t VALUES (0, 0)");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[2]]");
}

TEST_F(CheckConstraintSessionTest, TransactionBlocksFailTheStatementNotTheCommit) {
  Exec("CREATE TABLE t (a int CHECK (a > 0))");
  Exec("BEGIN");
  EXPECT_EQ(Error("INSERT INTO t VALUES (-1)").sqlstate(), "23514");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1)").sqlstate(), "25P02");
  Exec("ROLLBACK");
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(Error("UPDATE t SET a = 0").sqlstate(), "23514");
  Exec("ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[0]]");
}

TEST_F(CheckConstraintSessionTest, ConstraintsSurviveARestartAndFollowColumnChanges) {
  Exec("CREATE TABLE t (lo int, hi int, CHECK (lo < hi), x int CHECK (x <> 13))");
  Exec("INSERT INTO t VALUES (1, 2, 0)");
  Reopen();
  EXPECT_EQ(Error("INSERT INTO t VALUES (3, 2, 0)").sqlstate(), "23514");
  Exec("ALTER TABLE t RENAME COLUMN lo TO low");
  Reopen();
  EXPECT_EQ(Error("INSERT INTO t VALUES (3, 2, 0)").message(),
            "new row for relation \"t\" violates check constraint \"t_check\"");
  Exec("ALTER TABLE t DROP COLUMN hi");
  Exec("INSERT INTO t VALUES (3, 0)");
  EXPECT_EQ(Error("INSERT INTO t VALUES (3, 13)").message(),
            "new row for relation \"t\" violates check constraint \"t_x_check\"");
  Reopen();
  EXPECT_EQ(Error("INSERT INTO t VALUES (3, 13)").sqlstate(), "23514");
  EXPECT_EQ(Run("SELECT low, x FROM t ORDER BY low"), "[[1, 0], [3, 0]]");
}

}  // namespace
}  // namespace boyodb::engine
