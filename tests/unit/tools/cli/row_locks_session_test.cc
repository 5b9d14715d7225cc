// SELECT ... FOR UPDATE / FOR SHARE through two Sessions: inside a transaction block the
// locking clause holds the tables it covers until the block ends (NOWAIT shows who holds
// what without waiting), OF narrows it to the named tables, outside a block it holds nothing;
// and the forms PostgreSQL refuses are refused.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class RowLocksSessionTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    Exec("CREATE TABLE t (a INTEGER, b TEXT)");
    Exec("CREATE TABLE u (a INTEGER)");
    Exec("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
    Exec("INSERT INTO u VALUES (1)");
    other_ = std::make_unique<Session>(*database_, functions::FunctionRegistry::Builtins());
    ASSERT_TRUE(other_->Init().ok());
  }

  // The SQLSTATE of `sql` in the other session ("" when it succeeds).
  std::string OtherState(std::string_view sql) {
    const Result<std::vector<StatementResult>> result = other_->Execute(sql);
    return result.ok() ? std::string() : std::string(result.status().sqlstate());
  }

  std::unique_ptr<Session> other_;
};

TEST_F(RowLocksSessionTest, ForUpdateInABlockHoldsTheTableUntilTheBlockEnds) {
  Exec("BEGIN");
  EXPECT_EQ(Run("SELECT a, b FROM t WHERE a = 1 FOR UPDATE"), "[[1, \"x\"]]");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM t FOR UPDATE NOWAIT"), "55P03");
  // The other block is aborted by its error, as in PostgreSQL.
  EXPECT_EQ(OtherState("SELECT 1"), "25P02");
  ASSERT_EQ(OtherState("ROLLBACK"), "");
  // Reads and inserts of others go on.
  EXPECT_EQ(OtherState("SELECT count(*) FROM t"), "");
  EXPECT_EQ(OtherState("INSERT INTO t VALUES (3, 'z')"), "");
  Exec("UPDATE t SET b = 'locked' WHERE a = 1");
  Exec("COMMIT");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM t FOR SHARE NOWAIT"), "");
  ASSERT_EQ(OtherState("COMMIT"), "");
  EXPECT_EQ(Run("SELECT a, b FROM t ORDER BY a"), "[[1, \"locked\"], [2, \"y\"], [3, \"z\"]]");
}

TEST_F(RowLocksSessionTest, OfLocksOnlyTheNamedTables) {
  Exec("BEGIN");
  Exec("SELECT t.a FROM t JOIN u AS uu ON t.a = uu.a FOR UPDATE OF uu");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM t FOR UPDATE NOWAIT"), "");
  ASSERT_EQ(OtherState("ROLLBACK"), "");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM u FOR KEY SHARE NOWAIT"), "55P03");
  ASSERT_EQ(OtherState("ROLLBACK"), "");
  Exec("ROLLBACK");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM u FOR UPDATE NOWAIT"), "");
  ASSERT_EQ(OtherState("ROLLBACK"), "");
}

TEST_F(RowLocksSessionTest, OutsideABlockNothingIsHeld) {
  EXPECT_EQ(Run("SELECT a FROM t ORDER BY a FOR UPDATE"), "[[1], [2]]");
  ASSERT_EQ(OtherState("BEGIN"), "");
  EXPECT_EQ(OtherState("SELECT a FROM t FOR UPDATE NOWAIT"), "");
  ASSERT_EQ(OtherState("COMMIT"), "");
}

TEST_F(RowLocksSessionTest, RefusedForms) {
  EXPECT_EQ(Error("SELECT a FROM t FOR UPDATE SKIP LOCKED").sqlstate(), "0A000");
  EXPECT_EQ(Error("SELECT a FROM t GROUP BY a FOR UPDATE").sqlstate(), "0A000");
  EXPECT_EQ(Error("SELECT DISTINCT a FROM t FOR SHARE").sqlstate(), "0A000");
  EXPECT_EQ(Error("SELECT a FROM t UNION SELECT a FROM u FOR UPDATE").sqlstate(), "0A000");
  EXPECT_EQ(Error("SELECT a FROM t FOR UPDATE OF nope").sqlstate(), "42P01");
  EXPECT_EQ(Error("SELECT a FROM t AS x FOR UPDATE OF t").sqlstate(), "42P01");
}

}  // namespace
}  // namespace boyodb::engine
