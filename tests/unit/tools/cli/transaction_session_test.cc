// Transactions and prepared statements through a Session: what tests/sql cannot show because
// PostgreSQL behaves otherwise (statements BoyoDB refuses inside a block), and durability of a
// committed block across a restart.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class TransactionSessionTest : public SessionTest {};

TEST_F(TransactionSessionTest, UpdateDeleteAndTruncateAreRefusedInsideABlockAndAbortIt) {
  Exec("CREATE TABLE t (a INTEGER)");
  Exec("INSERT INTO t VALUES (1), (2)");
  for (const char* statement : {"UPDATE t SET a = 3", "DELETE FROM t", "TRUNCATE t"}) {
    SCOPED_TRACE(statement);
    Exec("BEGIN");
    Exec("INSERT INTO t VALUES (9)");
    const Status refused = Error(statement);
    EXPECT_EQ(refused.sqlstate(), "25001") << refused.ToString();
    EXPECT_TRUE(session_->in_transaction());
    EXPECT_EQ(Error("SELECT 1").sqlstate(), "25P02");
    Exec("ROLLBACK");
    EXPECT_FALSE(session_->in_transaction());
  }
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a"), "[[1], [2]]");
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
