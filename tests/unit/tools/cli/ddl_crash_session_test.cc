// RENAME TO, ALTER SEQUENCE and CHECK constraints across a crash: the statements run through a
// Session over a fault-injecting file system, the machine "crashes" (unsynced bytes dropped,
// the process unable to write or flush at exit) while the WAL checkpoint still lies before
// them, and a fresh database on the same directory must show every acknowledged change.
#include <gtest/gtest.h>

#include "engine/session.h"
#include "functions/function_registry.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"
#include "tools/cli/jsonl_mode.h"

namespace boyodb::engine {
namespace {

// The JSONL answer to `sql`, as SessionTest::Run shows it.
std::string Answer(Session& session, std::string_view sql) {
  const std::string answer = tools::cli::AnswerJson(session, sql);
  const size_t rows = answer.find("\"rows\": ");
  if (answer.rfind("{\"ok\": true", 0) == 0 && rows != std::string::npos) {
    return answer.substr(rows + 8, answer.size() - rows - 9);
  }
  return answer;
}

TEST(DdlCrashSessionTest, AcknowledgedDdlSurvivesACrashBeforeTheCheckpoint) {
  testing::TempDir dir;
  testing::FaultInjectionFileSystem fs;
  {
    DatabaseOptions options;
    options.file_system = &fs;
    options.memtable_flush_age_ms = 0;  // rows stay in the memtable until a crash
    auto database = Database::Open(dir.path(), options);
    ASSERT_TRUE(database.ok()) << database.status().ToString();
    Session session(**database, functions::FunctionRegistry::Builtins());
    ASSERT_TRUE(session.Init().ok());
    for (const char* sql : {
             // The row in `pin`'s memtable holds the checkpoint before everything below.
             "CREATE TABLE pin (x int)", "INSERT INTO pin VALUES (1)",
             "CREATE TABLE t (id serial, lo int, hi int, CHECK (lo < hi))",
             "INSERT INTO t (lo, hi) VALUES (1, 2)",
             "ALTER TABLE t ADD CONSTRAINT small CHECK (hi < 100)", "ALTER TABLE t RENAME TO u",
             "INSERT INTO u (lo, hi) VALUES (3, 4)", "CREATE SEQUENCE s", "SELECT nextval('s')",
             "ALTER SEQUENCE s INCREMENT BY 10 MAXVALUE 1000 CYCLE RESTART WITH 500",
             "ALTER SEQUENCE t_id_seq RESTART WITH 7",  // the SERIAL's, named before the rename
         }) {
      const Result<std::vector<StatementResult>> done = session.Execute(sql);
      ASSERT_TRUE(done.ok()) << sql << ": " << done.status().ToString();
    }
    ASSERT_TRUE(fs.SimulateCrash().ok());
    fs.SetWriteError(Status::IOError("injected: the process is gone"));
    fs.SetSyncError(Status::IOError("injected: the process is gone"));
  }
  auto database = Database::Open(dir.path());
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  Session session(**database, functions::FunctionRegistry::Builtins());
  ASSERT_TRUE(session.Init().ok());
  EXPECT_EQ(Answer(session, "SELECT x FROM pin"), "[[1]]");
  EXPECT_EQ(Answer(session, "SELECT id, lo, hi FROM u ORDER BY id"), "[[1, 1, 2], [2, 3, 4]]");
  EXPECT_NE(Answer(session, "SELECT * FROM t").find("42P01"), std::string::npos);
  EXPECT_NE(Answer(session, "INSERT INTO u (lo, hi) VALUES (5, 4)").find("23514"),
            std::string::npos);
  EXPECT_NE(Answer(session, "INSERT INTO u (lo, hi) VALUES (5, 400)").find("constraint \\\"small"),
            std::string::npos);
  // RESTART WITH 7 held; the two refused rows took 7 and 8, as in PostgreSQL.
  EXPECT_EQ(Answer(session, "INSERT INTO u (lo, hi) VALUES (5, 6) RETURNING id"), "[[9]]");
  EXPECT_EQ(Answer(session, "SELECT nextval('s'), nextval('s')"), "[[500, 510]]");
  const std::optional<SequenceInfo> sequence = (*database)->FindSequence("default", "s");
  ASSERT_TRUE(sequence.has_value());
  EXPECT_TRUE(sequence->cycle);
  EXPECT_EQ(sequence->max_value, 1000);
}

}  // namespace
}  // namespace boyodb::engine
