// SessionTest: a Session over a fresh data directory, with helpers that run SQL and return the
// rows as the JSONL answer shows them (the form the sqllogictest runner reads), or the error.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "engine/session.h"
#include "functions/function_registry.h"
#include "tests/support/temp_dir.h"
#include "tools/cli/jsonl_mode.h"

namespace boyodb::engine {

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(dir_.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    database_ = std::move(*opened);
    session_ = std::make_unique<Session>(*database_, functions::FunctionRegistry::Builtins());
    ASSERT_TRUE(session_->Init().ok());
  }

  // The JSONL answer's rows part, or the error code and message.
  std::string Run(std::string_view sql) {
    const std::string answer = tools::cli::AnswerJson(*session_, sql);
    const size_t rows = answer.find("\"rows\": ");
    if (answer.rfind("{\"ok\": true", 0) == 0 && rows != std::string::npos) {
      return answer.substr(rows + 8, answer.size() - rows - 9);
    }
    return answer;
  }

  // Closes the session and the database and opens both again on the same directory.
  void Reopen() {
    session_.reset();
    ASSERT_TRUE(database_->Close().ok());
    database_.reset();
    SetUp();
  }

  void Exec(std::string_view sql) {
    Result<std::vector<StatementResult>> results = session_->Execute(sql);
    ASSERT_TRUE(results.ok()) << sql << ": " << results.status().ToString();
  }

  Status Error(std::string_view sql) {
    Result<std::vector<StatementResult>> results = session_->Execute(sql);
    EXPECT_FALSE(results.ok()) << sql;
    return results.ok() ? Status::OK() : results.status();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
};

}  // namespace boyodb::engine
