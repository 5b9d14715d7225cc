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

using Texts = std::vector<std::string>;

TEST(StatementSplitterTest, SemicolonsEndStatementsAcrossAndWithinLines) {
  EXPECT_EQ(Split({"create database a; create database b;"}),
            (Texts{"create database a", "create database b"}));
  EXPECT_EQ(Split({"select *", "from a.t;"}), (Texts{"select *\nfrom a.t"}));
}

TEST(StatementSplitterTest, SemicolonsInsideQuotesAndCommentsDoNotEndAStatement) {
  EXPECT_EQ(Split({"insert into a.t values ('x;y', 'it''s;')", ";"}),
            (Texts{"insert into a.t values ('x;y', 'it''s;')"}));
  EXPECT_EQ(Split({"select 1 -- not here;", "from a.t;"}),
            (Texts{"select 1 -- not here;\nfrom a.t"}));
  EXPECT_EQ(Split({"insert into a.t values ('multi", "line;')", ";"}).size(), 1u);
  EXPECT_EQ(Split({"select \"a;b\" from t;"}), (Texts{"select \"a;b\" from t"}));
  EXPECT_EQ(Split({"select E'it\\'s;' ;"}), (Texts{"select E'it\\'s;'"}));
  EXPECT_EQ(Split({"select 1 /* one; /* nested; */ still; */ + 2; select 3"}),
            (Texts{"select 1 /* one; /* nested; */ still; */ + 2", "select 3"}));
  EXPECT_EQ(Split({"select $$a;b$$, $x$c;$$;d$x$, $1;"}),
            (Texts{"select $$a;b$$, $x$c;$$;d$x$, $1"}));
}

TEST(StatementSplitterTest, SemicolonsInsideParenthesesDoNotEndAStatement) {
  EXPECT_EQ(Split({"select (1;", "); select 2;"}), (Texts{"select (1;\n)", "select 2"}));
}

TEST(StatementSplitterTest, BackslashCommandsEndAtTheEndOfTheLine) {
  EXPECT_EQ(Split({"  \\dt shop", "\\l"}), (Texts{"\\dt shop", "\\l"}));
  // Inside a statement a backslash line is just text.
  EXPECT_EQ(Split({"select *", "\\l"}, /*take_rest=*/false), Texts{});
}

TEST(StatementSplitterTest, BlanksAndCommentsAroundAStatementAreDropped) {
  EXPECT_EQ(Split({"select * from a.t"}), (Texts{"select * from a.t"}));
  EXPECT_EQ(Split({"select 1;", "   ", "-- just a comment"}), (Texts{"select 1"}));
  EXPECT_EQ(Split({"-- first", "  /* block */", "   select 2", "  ;"}), (Texts{"select 2"}));
}

TEST(StatementSplitterTest, StatementsRememberTheLineTheyStartedOn) {
  StatementSplitter splitter;
  splitter.AddLine("", 1);
  splitter.AddLine("select *", 2);
  splitter.AddLine("from a.t; select 2;", 3);
  splitter.AddLine("-- comment", 4);
  splitter.AddLine("select 3;", 5);
  const std::vector<Statement> statements = splitter.TakeComplete();
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements[1].line, 3);
  EXPECT_EQ(statements[2].line, 5);
}

TEST(StatementSplitterTest, ContinuationMarkShowsWhatIsOpen) {
  StatementSplitter splitter;
  EXPECT_FALSE(splitter.in_statement());
  splitter.AddLine("select 1", 1);
  EXPECT_TRUE(splitter.in_statement());
  EXPECT_EQ(splitter.continuation_mark(), '-');
  splitter.AddLine("+ (2", 2);
  EXPECT_EQ(splitter.continuation_mark(), '(');
  splitter.AddLine(") || 'a", 3);
  EXPECT_EQ(splitter.continuation_mark(), '\'');
  splitter.AddLine("' || \"b", 4);
  EXPECT_EQ(splitter.continuation_mark(), '"');
  splitter.AddLine("\" /* c", 5);
  EXPECT_EQ(splitter.continuation_mark(), '*');
  splitter.AddLine("*/ || $$d", 6);
  EXPECT_EQ(splitter.continuation_mark(), '$');
  splitter.AddLine("$$;", 7);
  EXPECT_FALSE(splitter.in_statement());
  EXPECT_EQ(splitter.TakeComplete().size(), 1u);
}

TEST(StatementSplitterTest, TakeRestClearsAnOpenQuote) {
  StatementSplitter splitter;
  splitter.AddLine("select 'open", 1);
  EXPECT_EQ(splitter.TakeRest()->text, "select 'open");
  EXPECT_FALSE(splitter.in_statement());
  splitter.AddLine("select 1;", 2);
  EXPECT_EQ(splitter.TakeComplete().size(), 1u);
}

}  // namespace
}  // namespace boyodb::tools::cli
