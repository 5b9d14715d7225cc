// ALTER TABLE ... RENAME TO through a Session: SQLSTATEs, a schema-qualified table, the view
// definitions rewritten to the new name, and everything surviving a restart.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class AlterRenameSessionTest : public SessionTest {};

TEST_F(AlterRenameSessionTest, ErrorsCarryPostgresStates) {
  Exec("CREATE TABLE t (a int)");
  Exec("CREATE TABLE u (a int)");
  Exec("CREATE VIEW v AS SELECT a FROM t");
  Exec("CREATE SEQUENCE s");
  const Status taken = Error("ALTER TABLE t RENAME TO u");
  EXPECT_EQ(taken.sqlstate(), "42P07");
  EXPECT_EQ(taken.message(), "relation \"u\" already exists");
  EXPECT_EQ(Error("ALTER TABLE t RENAME TO v").sqlstate(), "42P07");
  EXPECT_EQ(Error("ALTER TABLE t RENAME TO s").sqlstate(), "42P07");
  const Status missing = Error("ALTER TABLE nope RENAME TO x");
  EXPECT_EQ(missing.sqlstate(), "42P01");
  EXPECT_EQ(missing.message(), "relation \"nope\" does not exist");
  Exec("ALTER TABLE IF EXISTS nope RENAME TO x");
  Exec("ALTER TABLE IF EXISTS nowhere.nope RENAME TO x");
  EXPECT_EQ(Error("ALTER TABLE v RENAME TO w").sqlstate(), "0A000");
  EXPECT_EQ(Error("ALTER TABLE s RENAME TO w").sqlstate(), "0A000");
  EXPECT_EQ(Error("ALTER TABLE t RENAME TO \"bad name\"").sqlstate(), "42602");
  // A transaction block that changed the table holds it.
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(Error("ALTER TABLE t RENAME TO w").sqlstate(), "25001");
  Exec("ROLLBACK");
}

TEST_F(AlterRenameSessionTest, ASchemaQualifiedTableStaysInItsSchema) {
  Exec("CREATE SCHEMA s");
  Exec("CREATE TABLE s.t (a int)");
  Exec("CREATE TABLE t (a int)");
  Exec("INSERT INTO s.t VALUES (1)");
  Exec("ALTER TABLE s.t RENAME TO t2");
  EXPECT_EQ(Run("SELECT a FROM s.t2"), "[[1]]");
  EXPECT_EQ(Error("SELECT a FROM s.t").sqlstate(), "42P01");
  EXPECT_EQ(Error("SELECT a FROM t2").sqlstate(), "42P01");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[0]]");
}

TEST_F(AlterRenameSessionTest, ViewsAreRewrittenToTheNewName) {
  Exec("CREATE SCHEMA other");
  Exec("CREATE TABLE t (a int, b text)");
  Exec("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
  Exec("CREATE VIEW v AS SELECT t.a, b FROM t WHERE a > 1");
  Exec("CREATE VIEW other.w AS SELECT count(*) AS n FROM \"default\".t");
  Exec("CREATE VIEW cte AS WITH t AS (SELECT 7 AS a) SELECT a FROM t");
  Exec("ALTER TABLE t RENAME TO renamed");
  EXPECT_EQ(Run("SELECT a, b FROM v"), "[[2, \"y\"]]");
  EXPECT_EQ(Run("SELECT n FROM other.w"), "[[2]]");
  EXPECT_EQ(Run("SELECT a FROM cte"), "[[7]]");
  Reopen();
  EXPECT_EQ(Run("SELECT a, b FROM v"), "[[2, \"y\"]]");
  EXPECT_EQ(Run("SELECT n FROM other.w"), "[[2]]");
  const std::optional<ViewInfo> view = *database_->FindView("default", "v");
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->definition, "CREATE VIEW v AS SELECT t.a, b FROM renamed t WHERE a > 1");
}

TEST_F(AlterRenameSessionTest, TheRenamedTableKeepsEverythingAcrossARestart) {
  Exec(
      "CREATE TABLE t (id serial PRIMARY KEY, code text UNIQUE, n int CHECK (n > 0), "
      "g int GENERATED ALWAYS AS IDENTITY)");
  Exec("INSERT INTO t (code, n) VALUES ('a', 1)");
  Exec("ALTER TABLE t RENAME TO u");
  Reopen();
  Exec("INSERT INTO u (code, n) VALUES ('b', 2)");
  EXPECT_EQ(Error("INSERT INTO u (code, n) VALUES ('a', 3)").sqlstate(), "23505");
  EXPECT_EQ(Error("INSERT INTO u (code, n) VALUES ('c', 0)").message(),
            "new row for relation \"u\" violates check constraint \"t_n_check\"");
  EXPECT_EQ(Error("INSERT INTO u (code, n, g) VALUES ('d', 1, 5)").sqlstate(), "428C9");
  EXPECT_EQ(Run("SELECT id, code, n, g FROM u ORDER BY id"),
            "[[1, \"a\", 1, 1], [2, \"b\", 2, 2]]");
  Exec("DROP TABLE u");
  // Its sequences went with it.
  EXPECT_EQ(Error("SELECT nextval('t_id_seq')").sqlstate(), "42P01");
  EXPECT_EQ(Error("SELECT nextval('t_g_seq')").sqlstate(), "42P01");
}

}  // namespace
}  // namespace boyodb::engine
