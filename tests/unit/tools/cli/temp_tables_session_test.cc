// Temporary tables through two Sessions: each session sees only its own, a temporary table
// hides a permanent one of the same name in that session only, they go when their session
// ends, and Database::Open removes those a crash left behind.
#include <algorithm>

#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class TempTablesSessionTest : public SessionTest {
 protected:
  std::unique_ptr<Session> NewSession() {
    auto session = std::make_unique<Session>(*database_, functions::FunctionRegistry::Builtins());
    EXPECT_TRUE(session->Init().ok());
    return session;
  }

  static std::string RunIn(Session& session, std::string_view sql) {
    const std::string answer = tools::cli::AnswerJson(session, sql);
    const size_t rows = answer.find("\"rows\": ");
    if (answer.rfind("{\"ok\": true", 0) == 0 && rows != std::string::npos) {
      return answer.substr(rows + 8, answer.size() - rows - 9);
    }
    return answer;
  }

  static std::string StateIn(Session& session, std::string_view sql) {
    const Result<std::vector<StatementResult>> result = session.Execute(sql);
    return result.ok() ? std::string() : std::string(result.status().sqlstate());
  }

  bool HasTempDatabase() const {
    const std::vector<std::string> names = database_->ListDatabases();
    return std::any_of(names.begin(), names.end(), IsTempDatabaseName);
  }
};

TEST_F(TempTablesSessionTest, OtherSessionsDoNotSeeThem) {
  Exec("CREATE TEMP TABLE scratch (a INTEGER)");
  Exec("INSERT INTO scratch VALUES (1), (2)");
  std::unique_ptr<Session> other = NewSession();
  EXPECT_EQ(StateIn(*other, "SELECT * FROM scratch"), "42P01");
  EXPECT_EQ(StateIn(*other, "SELECT * FROM pg_temp.scratch"), "42P01");
  // The other session may have its own of the same name.
  EXPECT_EQ(StateIn(*other, "CREATE TEMP TABLE scratch (b TEXT)"), "");
  EXPECT_EQ(StateIn(*other, "INSERT INTO scratch VALUES ('theirs')"), "");
  EXPECT_EQ(RunIn(*other, "SELECT * FROM scratch"), "[[\"theirs\"]]");
  EXPECT_EQ(Run("SELECT * FROM scratch ORDER BY a"), "[[1], [2]]");
}

TEST_F(TempTablesSessionTest, ATemporaryTableHidesAPermanentOneInItsSessionOnly) {
  Exec("CREATE TABLE shared (a INTEGER)");
  Exec("INSERT INTO shared VALUES (100)");
  Exec("CREATE TEMP TABLE shared (a INTEGER)");
  Exec("INSERT INTO shared VALUES (1)");
  std::unique_ptr<Session> other = NewSession();
  EXPECT_EQ(RunIn(*other, "SELECT * FROM shared"), "[[100]]");
  EXPECT_EQ(Run("SELECT * FROM shared"), "[[1]]");
  EXPECT_EQ(Run("SELECT * FROM public.shared"), "[[100]]");
}

TEST_F(TempTablesSessionTest, TheyGoWhenTheSessionEnds) {
  std::unique_ptr<Session> other = NewSession();
  ASSERT_EQ(StateIn(*other, "CREATE TEMP TABLE gone (a SERIAL, b TEXT)"), "");
  ASSERT_EQ(StateIn(*other, "INSERT INTO gone (b) VALUES ('x')"), "");
  EXPECT_TRUE(HasTempDatabase());
  other.reset();
  EXPECT_FALSE(HasTempDatabase());
  EXPECT_EQ(std::string(Error("SELECT * FROM gone").sqlstate()), "42P01");
  // Nothing of theirs survives a restart either.
  Reopen();
  EXPECT_FALSE(HasTempDatabase());
}

TEST_F(TempTablesSessionTest, OpenRemovesWhatACrashLeft) {
  // A session that never ended (the process died): its temporary database is still on disk.
  ASSERT_TRUE(database_->CreateDatabase("pg_temp_99").ok());
  ASSERT_TRUE(database_
                  ->CreateTable("pg_temp_99", "left_over",
                                types::Schema({types::Field("a", types::DataType::Int32())}),
                                TableOptions())
                  .ok());
  session_.reset();
  ASSERT_TRUE(database_->Close().ok());
  database_.reset();
  SetUp();
  EXPECT_FALSE(HasTempDatabase());
  // Databases that only look similar stay.
  Exec("CREATE DATABASE pg_temporary");
  Reopen();
  const std::vector<std::string> names = database_->ListDatabases();
  EXPECT_NE(std::find(names.begin(), names.end(), "pg_temporary"), names.end());
}

TEST_F(TempTablesSessionTest, ReservedNamesAreRefused) {
  EXPECT_EQ(std::string(Error("CREATE DATABASE pg_temp_5").sqlstate()), "42939");
  EXPECT_EQ(std::string(Error("CREATE SCHEMA pg_anything").sqlstate()), "42939");
  EXPECT_EQ(std::string(Error("CREATE TEMP TABLE other_schema.t (a INTEGER)").sqlstate()), "42P16");
  EXPECT_EQ(std::string(Error("CREATE TABLE t (a INTEGER) ON COMMIT DROP").sqlstate()), "42P16");
  EXPECT_EQ(std::string(Error("CREATE TEMP VIEW v AS SELECT 1").sqlstate()), "0A000");
}

}  // namespace
}  // namespace boyodb::engine
