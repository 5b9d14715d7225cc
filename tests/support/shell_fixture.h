// ShellTest: boyodb-cli's Shell over a fresh data directory (SessionTest's database and
// session), with helpers that run input as -c or -f would and return what it printed on stdout
// and stderr.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "tests/support/session_fixture.h"
#include "tools/cli/shell.h"

namespace boyodb::tools::cli {

class ShellTest : public engine::SessionTest {
 protected:
  struct Output {
    bool ok = false;
    std::string out;
    std::string err;
  };

  void SetUp() override {
    SessionTest::SetUp();
    shell_ = std::make_unique<Shell>(*database_, *session_, out_, err_);
  }

  // Runs `text` as -c does.
  Output RunCommand(std::string_view text) { return Take(shell_->RunText(text)); }
  // Runs `text` as -f does, naming it `source` in error messages.
  Output RunScript(const std::string& text, std::string_view source = "script.sql") {
    std::istringstream in(text);
    return Take(shell_->RunStream(in, source));
  }
  // Runs `text` as -c does, expecting success and nothing on stderr; returns stdout.
  std::string Command(std::string_view text) {
    Output output = RunCommand(text);
    EXPECT_TRUE(output.ok) << text << "\nstderr: " << output.err;
    EXPECT_EQ(output.err, "") << text;
    return output.out;
  }

  std::ostringstream out_;
  std::ostringstream err_;
  std::unique_ptr<Shell> shell_;

 private:
  Output Take(bool ok) {
    Output output{ok, out_.str(), err_.str()};
    out_.str("");
    err_.str("");
    return output;
  }
};

}  // namespace boyodb::tools::cli
