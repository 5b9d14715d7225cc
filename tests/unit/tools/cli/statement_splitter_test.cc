// StatementSplitter: psql's rules for where a command ends.
#include "tools/cli/statement_splitter.h"

#include <gtest/gtest.h>

namespace boyodb::tools::cli {
namespace {

std::vector<std::string> Split(const std::vector<std::string>& lines, bool take_rest = true) {
  StatementSplitter splitter;
  std::vector<std::string> out;
  int line_number = 0;
  for (const std::string& line : lines) {
    splitter.AddLine(line, ++line_number);
    for (const Statement& statement : splitter.TakeComplete()) out.push_back(statement.text);
  }
  if (take_rest) {
    if (auto rest = splitter.TakeRest()) out.push_back(rest->text);
  }
  return out;
}

TEST(StatementSplitterTest, SemicolonsEndStatementsAcrossAndWithinLines) {
  EXPECT_EQ(Split({"create database a; create database b;"}),
            (std::vector<std::string>{"create database a", " create database b"}));
  EXPECT_EQ(Split({"select *", "from a.t;"}), (std::vector<std::string>{"select *\nfrom a.t"}));
}

TEST(StatementSplitterTest, SemicolonsInsideQuotesAndCommentsDoNotEndAStatement) {
  EXPECT_EQ(Split({"insert into a.t values ('x;y', 'it''s;')", ";"}),
            (std::vector<std::string>{"insert into a.t values ('x;y', 'it''s;')\n"}));
  EXPECT_EQ(Split({"select 1 -- not here;", "from a.t;"}),
            (std::vector<std::string>{"select 1 -- not here;\nfrom a.t"}));
  EXPECT_EQ(Split({"insert into a.t values ('multi", "line;')", ";"}).size(), 1u);
}

TEST(StatementSplitterTest, BackslashCommandsEndAtTheEndOfTheLine) {
  EXPECT_EQ(Split({"  \\dt shop", "\\l"}), (std::vector<std::string>{"\\dt shop", "\\l"}));
  // Inside a statement a backslash line is just text.
  EXPECT_EQ(Split({"select *", "\\l"}, /*take_rest=*/false), std::vector<std::string>{});
}

TEST(StatementSplitterTest, TheRestIsReturnedAtTheEndUnlessBlank) {
  EXPECT_EQ(Split({"select * from a.t"}), (std::vector<std::string>{"select * from a.t\n"}));
  EXPECT_EQ(Split({"select 1;", "   ", "-- just a comment"}),
            (std::vector<std::string>{"select 1"}));
}

TEST(StatementSplitterTest, StatementsRememberTheLineTheyStartedOn) {
  StatementSplitter splitter;
  splitter.AddLine("", 1);
  splitter.AddLine("select *", 2);
  splitter.AddLine("from a.t; select 2;", 3);
  const std::vector<Statement> statements = splitter.TakeComplete();
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements[1].line, 3);
}

}  // namespace
}  // namespace boyodb::tools::cli
