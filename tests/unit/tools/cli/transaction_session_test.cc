// Transactions and prepared statements through a Session: what tests/sql cannot show because
// PostgreSQL behaves otherwise (statements BoyoDB refuses inside a block) or because it takes
// two sessions (what another session sees, who waits for whom), and durability of a committed
// block across a restart.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class TransactionSessionTest : public SessionTest {};

TEST_F(TransactionSessionTest, TruncateIsRefusedInsideABlockAndAbortsIt) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("INSERT INTO t VALUES (1), (2)");
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (9)");
  const Status refused = Error("TRUNCATE t");
  EXPECT_EQ(refused.sqlstate(), "25001") << refused.ToString();
  EXPECT_TRUE(session_->in_transaction());
  EXPECT_EQ(Error("SELECT 1").sqlstate(), "25P02");
  Exec("ROLLBACK");
  EXPECT_FALSE(session_->in_transaction());
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[1], [2]]");
}

TEST_F(TransactionSessionTest, UpdatesAndDeletesOfABlockAreInvisibleToOthersUntilCommit) {
  Exec("CREATE TABLE t (a INTEGER, b TEXT)");
  Exec("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')");
  {
    Session other(*database_, functions::FunctionRegistry::Builtins());
    ASSERT_TRUE(other.Init().ok());
    auto other_sees = [&] {
      return tools::cli::AnswerJson(other, "SELECT a, b FROM t ORDER BY a");
    };
    const std::string before = other_sees();
    Exec("BEGIN");
    Exec("UPDATE t SET b = 'new' WHERE a = 1");
    Exec("DELETE FROM t WHERE a = 2");
    Exec("INSERT INTO t VALUES (4, 'w')");
    Exec("UPDATE t SET a = 40 WHERE a = 4");
    EXPECT_EQ(Run("SELECT a, b FROM t ORDER BY a"), "[[1, \"new\"], [3, \"z\"], [40, \"w\"]]");
    // Another session's rows, committed meanwhile, are seen (read committed).
    ASSERT_TRUE(other.Execute("INSERT INTO t VALUES (5, 'v')").ok());
    EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[4]]");
    EXPECT_EQ(other_sees().find("new"), std::string::npos) << other_sees();
    EXPECT_NE(other_sees().find("\"y\""), std::string::npos) << other_sees();
    Exec("COMMIT");
    EXPECT_EQ(Run("SELECT a, b FROM t ORDER BY a"),
              "[[1, \"new\"], [3, \"z\"], [5, \"v\"], [40, \"w\"]]");
    EXPECT_NE(other_sees(), before);
  }
  Reopen();
  EXPECT_EQ(Run("SELECT a, b FROM t ORDER BY a"),
            "[[1, \"new\"], [3, \"z\"], [5, \"v\"], [40, \"w\"]]");
}

TEST_F(TransactionSessionTest, RolledBackUpdatesLeaveNoTrace) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("INSERT INTO t VALUES (1), (2)");
  Exec("BEGIN");
  Exec("UPDATE t SET a = a * 10");
  Exec("DELETE FROM t WHERE a = 20");
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[10]]");
  Exec("ROLLBACK");
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[1], [2]]");
  Reopen();
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[1], [2]]");
}

TEST_F(TransactionSessionTest, ABlocksChangedTableWaitsForItsEnd) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("CREATE TABLE u (a INTEGER)");
  Exec("INSERT INTO t VALUES (1)");
  Exec("INSERT INTO u VALUES (1)");
  Session other(*database_, functions::FunctionRegistry::Builtins());
  ASSERT_TRUE(other.Init().ok());
  Exec("BEGIN");
  Exec("UPDATE t SET a = 2");
  // The other block holds u and would wait for t: it gives up rather than wait for ever.
  ASSERT_TRUE(other.Execute("BEGIN").ok());
  ASSERT_TRUE(other.Execute("DELETE FROM u").ok());
  const Result<std::vector<StatementResult>> waited = other.Execute("DELETE FROM t");
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.status().sqlstate(), "40P01") << waited.status().ToString();
  ASSERT_TRUE(other.Execute("ROLLBACK").ok());
  // This session's own DDL on the table it changed would wait for itself: refused.
  const Status altered = Error("ALTER TABLE t ADD COLUMN b INTEGER");
  EXPECT_EQ(altered.sqlstate(), "55006") << altered.ToString();
  Exec("ROLLBACK");
  EXPECT_EQ(Run("SELECT a FROM t"), "[[1]]");
  EXPECT_EQ(Run("SELECT a FROM u"), "[[1]]");
}

TEST_F(TransactionSessionTest, UniqueKeysOfUpdatedRowsAreCheckedAtCommit) {
  Exec("CREATE TABLE t (a INTEGER PRIMARY KEY)");
  Exec("INSERT INTO t VALUES (1), (2)");
  Exec("BEGIN");
  Exec("UPDATE t SET a = 3 WHERE a = 2");
  Exec("UPDATE t SET a = 2 WHERE a = 1");
  Exec("COMMIT");
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[2], [3]]");
  Exec("BEGIN");
  Exec("UPDATE t SET a = 3 WHERE a = 2");
  const Status duplicate = Error("COMMIT");
  EXPECT_EQ(duplicate.sqlstate(), "23505") << duplicate.ToString();
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[2], [3]]");
}

TEST_F(TransactionSessionTest, UncommittedRowsAreInvisibleToOtherSessions) {
  Exec("CREATE TABLE t (a INTEGER)");
  Session other(*database_, functions::FunctionRegistry::Builtins());
  ASSERT_TRUE(other.Init().ok());
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[1]]");
  EXPECT_EQ(tools::cli::AnswerJson(other, "SELECT count(*) FROM t"),
            "{\"ok\": true, \"columns\": [\"count\"], \"types\": [\"BIGINT\"], \"rows\": [[0]]}");
  Exec("COMMIT");
  EXPECT_EQ(tools::cli::AnswerJson(other, "SELECT count(*) FROM t"),
            "{\"ok\": true, \"columns\": [\"count\"], \"types\": [\"BIGINT\"], \"rows\": [[1]]}");
}

TEST_F(TransactionSessionTest, UniqueIndexesAreCheckedAtCommit) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("CREATE UNIQUE INDEX t_a ON t (a)");
  Exec("INSERT INTO t VALUES (1)");
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (2)");
  Exec("INSERT INTO t VALUES (1)");
  const Status duplicate = Error("COMMIT");
  EXPECT_EQ(duplicate.sqlstate(), "23505") << duplicate.ToString();
  EXPECT_FALSE(session_->in_transaction());
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[1]]");
}

TEST_F(TransactionSessionTest, CommittedBlocksSurviveARestart) {
  Exec("CREATE TABLE t (a INTEGER, b TEXT)");
  Exec("BEGIN; INSERT INTO t VALUES (1, 'x'); INSERT INTO t VALUES (2, 'y'); COMMIT");
  Exec("BEGIN; INSERT INTO t VALUES (3, 'lost')");
  Reopen();
  EXPECT_EQ(Run("SELECT a, b FROM t ORDER BY a"), "[[1, \"x\"], [2, \"y\"]]");
}

TEST_F(TransactionSessionTest, PreparedStatementsSeeTheBlocksRowsAndOutliveIt) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("PREPARE n (INTEGER) AS SELECT count(*) FROM t WHERE a > $1");
  Exec("BEGIN");
  Exec("INSERT INTO t VALUES (5), (6)");
  EXPECT_EQ(Run("EXECUTE n(5)"), "[[1]]");
  Exec("ROLLBACK");
  EXPECT_EQ(Run("EXECUTE n(0)"), "[[0]]");
}

}  // namespace
}  // namespace boyodb::engine
