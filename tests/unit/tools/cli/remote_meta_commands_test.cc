// Backslash commands over a connection without a database in this process (a server): the
// catalog commands read the server's system.* relations with SQL, the storage commands refuse
// with 0A000 instead of printing anything, \c runs
// SET search_path on the server and shows psql's message when the database does not exist, and
// the shell's prompt follows the connection's database and transaction block.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/sqlstate.h"
#include "tools/cli/meta_commands.h"
#include "tools/cli/shell.h"

namespace boyodb::tools::cli {
namespace {

// A connection that answers \c's SET search_path as a server does (3F000 for a database that
// does not exist) and records what it ran.
class ServerLikeConnection final : public SqlConnection {
 public:
  Result<std::vector<engine::StatementResult>> Execute(std::string_view sql) override {
    executed.emplace_back(sql);
    if (sql == "SET search_path = \"shop\"") {
      database = "shop";
      return std::vector<engine::StatementResult>{engine::StatementResult::FromTag("SET")};
    }
    if (sql == "BEGIN") {
      transaction = true;
      return std::vector<engine::StatementResult>{engine::StatementResult::FromTag("BEGIN")};
    }
    return Status(StatusCode::kNotFound, sqlstate::kInvalidSchemaName,
                  "schema \"nope\" does not exist");
  }
  void SetCopyClient(engine::CopyClient*) override {}
  const std::string& current_database() const override { return database; }
  const std::string& temp_database() const override { return no_temp_database; }
  bool in_transaction() const override { return transaction; }
  engine::Database* local_database() override { return nullptr; }
  std::string Description() const override { return "connected to server test"; }

  std::vector<std::string> executed;
  std::string database = "default";
  const std::string no_temp_database;
  bool transaction = false;
};

class RemoteMetaCommandsTest : public ::testing::Test {
 protected:
  // Runs `line`; returns whether it succeeded, with what it printed in out_ and err_.
  bool Run(std::string_view line) {
    out_.str("");
    err_.str("");
    return commands_.Run(line);
  }

  ServerLikeConnection connection_;
  ShellSettings settings_;
  std::ostringstream out_;
  std::ostringstream err_;
  MetaCommands commands_{connection_, settings_, out_, err_};
};

TEST_F(RemoteMetaCommandsTest, StorageCommandsRefuseClearly) {
  for (const char* command : {"\\flush", "\\verify"}) {
    EXPECT_FALSE(Run(command)) << command;
    EXPECT_EQ(err_.str(), "ERROR:  " + std::string(command) +
                              " is not available over a server connection yet\nSQLSTATE: 0A000\n");
    EXPECT_EQ(out_.str(), "") << command;
  }
  EXPECT_TRUE(connection_.executed.empty());
}

TEST_F(RemoteMetaCommandsTest, CatalogCommandsQueryTheServersCatalog) {
  for (const char* command : {"\\d", "\\d t", "\\dt", "\\dv shop", "\\ds", "\\di", "\\l"}) {
    connection_.executed.clear();
    // The fake server answers every catalog query with an error, which the command shows.
    EXPECT_FALSE(Run(command)) << command;
    EXPECT_EQ(err_.str(), "ERROR:  schema \"nope\" does not exist\nSQLSTATE: 3F000\n") << command;
    ASSERT_EQ(connection_.executed.size(), 1u) << command;
    EXPECT_NE(connection_.executed.front().find("FROM system."), std::string::npos)
        << connection_.executed.front();
  }
}

TEST_F(RemoteMetaCommandsTest, ConnectSetsTheSearchPathOnTheServer) {
  EXPECT_TRUE(Run("\\c shop"));
  EXPECT_EQ(out_.str(), "You are now connected to database \"shop\".\n");
  EXPECT_EQ(connection_.executed, std::vector<std::string>{"SET search_path = \"shop\""});

  EXPECT_FALSE(Run("\\connect nope"));
  EXPECT_EQ(err_.str(), "\\connect: database \"nope\" does not exist\nPrevious connection kept\n");
  EXPECT_EQ(connection_.database, "shop");
}

TEST_F(RemoteMetaCommandsTest, CommandsThatNeedNoDatabaseWork) {
  EXPECT_TRUE(Run("\\timing on"));
  EXPECT_EQ(out_.str(), "Timing is on.\n");
  EXPECT_TRUE(Run("\\pset format csv"));
  EXPECT_EQ(settings_.format, OutputFormat::kCsv);
}

TEST(RemoteShellTest, PromptFollowsTheConnection) {
  ServerLikeConnection connection;
  std::ostringstream out;
  std::ostringstream err;
  Shell shell(connection, out, err);
  StatementSplitter splitter;
  EXPECT_EQ(shell.Prompt(splitter), "default=> ");
  ASSERT_TRUE(shell.RunText("\\c shop"));
  ASSERT_TRUE(shell.RunText("BEGIN"));
  EXPECT_EQ(out.str(), "You are now connected to database \"shop\".\nBEGIN\n");
  EXPECT_EQ(shell.Prompt(splitter), "shop=*> ");
}

}  // namespace
}  // namespace boyodb::tools::cli
