// Every backslash command through the shell: what it prints, the arguments it takes (names
// fold to lower case unless quoted), and psql's messages for mistakes.
#include "tools/cli/meta_commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/shell_fixture.h"

namespace boyodb::tools::cli {
namespace {

using ::testing::HasSubstr;

class MetaCommandsTest : public ShellTest {
 protected:
  void CreateShop() {
    Command("CREATE DATABASE shop; CREATE TABLE shop.items (id integer NOT NULL, label text)");
    Command("INSERT INTO shop.items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  }
};

TEST_F(MetaCommandsTest, ListDatabases) {
  CreateShop();
  // The listing's layout is DescribeCommandsTest's; here: both spellings, and the new database.
  const std::string listing = Command("\\l");
  EXPECT_THAT(listing, ::testing::StartsWith("List of databases\n"));
  EXPECT_THAT(listing, HasSubstr("\n shop    |      1\n"));
  EXPECT_EQ(Command("\\list"), listing);
}

TEST_F(MetaCommandsTest, ListTablesOfTheCurrentOrAGivenDatabase) {
  CreateShop();
  const std::string shop_tables =
      "        List of relations\n"
      " Database | Name  | Type  | Rows \n"
      "----------+-------+-------+------\n"
      " shop     | items | table |    3\n"
      "(1 row)\n"
      "\n";
  EXPECT_EQ(Command("\\dt shop"), shop_tables);
  EXPECT_EQ(Command("\\dt SHOP"), shop_tables);  // folded like an SQL name
  Output output = RunCommand("\\dt");            // the current database, default, is empty
  EXPECT_TRUE(output.ok);
  EXPECT_EQ(output.out, "");
  EXPECT_EQ(output.err, "Did not find any relations.\n");
  Command("\\c shop");
  EXPECT_EQ(Command("\\dt"), shop_tables);
  EXPECT_EQ(Command("\\dt+"), shop_tables);

  output = RunCommand("\\dt nowhere");
  EXPECT_FALSE(output.ok);
  EXPECT_THAT(output.err, HasSubstr("SQLSTATE: 3D000"));
}

TEST_F(MetaCommandsTest, DescribeListsRelationsOrDescribesOne) {
  CreateShop();
  Command("CREATE VIEW shop.few AS SELECT label FROM shop.items WHERE id < 3");
  Command("CREATE INDEX items_label ON shop.items USING bloom (label)");
  Command("\\c shop");
  EXPECT_EQ(Command("\\d"),
            "        List of relations\n"
            " Database | Name  | Type  | Rows \n"
            "----------+-------+-------+------\n"
            " shop     | few   | view  |     \n"
            " shop     | items | table |    3\n"
            "(2 rows)\n"
            "\n");
  const std::string items = Command("\\d items");
  EXPECT_THAT(items, ::testing::StartsWith("          Table \"shop.items\"\n"
                                           " Column |  Type   | Nullable | Default \n"
                                           "--------+---------+----------+---------\n"
                                           " id     | integer | not null | \n"
                                           " label  | text    |          | \n"
                                           "Indexes:\n"
                                           "    \"items_label\" bloom (label)\n"
                                           "Codec: lz4\n"
                                           "Rows: 3 ("));
  EXPECT_EQ(Command("\\d shop.items"), items);
  EXPECT_EQ(Command("\\d \"shop\".ITEMS"), items);
  EXPECT_THAT(Command("\\d+ few"), ::testing::StartsWith("     View \"shop.few\"\n"));
  EXPECT_EQ(Command("\\dv"),
            "   List of relations\n"
            " Database | Name | Type \n"
            "----------+------+------\n"
            " shop     | few  | view\n"
            "(1 row)\n"
            "\n");
  EXPECT_EQ(Command("\\di"),
            "           List of relations\n"
            " Database |    Name     | Type  | Table \n"
            "----------+-------------+-------+-------\n"
            " shop     | items_label | index | items\n"
            "(1 row)\n"
            "\n");

  Output output = RunCommand("\\d \"ITEMS\"");  // quoted: the upper-case name, which is not there
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.out, "");
  EXPECT_EQ(output.err, "Did not find any relation named \"\"ITEMS\"\".\n");
}

TEST_F(MetaCommandsTest, ConnectMakesADatabaseCurrentForUnqualifiedNames) {
  CreateShop();
  EXPECT_EQ(Command("\\c shop"), "You are now connected to database \"shop\".\n");
  EXPECT_EQ(session_->current_database(), "shop");
  EXPECT_EQ(Command("SELECT count(*) AS n FROM items"), " n \n---\n 3\n(1 row)\n\n");
  EXPECT_EQ(Command("\\connect default"), "You are now connected to database \"default\".\n");
  EXPECT_EQ(session_->current_database(), "default");
  Output output = RunCommand("SELECT count(*) FROM items");
  EXPECT_THAT(output.err, HasSubstr("SQLSTATE: 42P01"));

  output = RunCommand("\\c nowhere");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err,
            "\\connect: database \"nowhere\" does not exist\nPrevious connection kept\n");
  EXPECT_EQ(session_->current_database(), "default");
  // Without a name: the current database again.
  EXPECT_EQ(Command("\\c"), "You are now connected to database \"default\".\n");
}

TEST_F(MetaCommandsTest, PsetFormatChangesTheOutputFormat) {
  EXPECT_EQ(Command("\\pset format csv"), "Output format is csv.\n");
  EXPECT_EQ(Command("SELECT 1 AS a, 'x' AS b"), "a,b\n1,x\n");
  EXPECT_EQ(Command("\\pset format tsv"), "Output format is tsv.\n");
  EXPECT_EQ(Command("SELECT 1 AS a, 'x' AS b"), "a\tb\n1\tx\n");
  EXPECT_EQ(Command("\\pset format json"), "Output format is json.\n");
  EXPECT_EQ(Command("SELECT 1 AS a, 'x' AS b"), "{\"a\":1,\"b\":\"x\"}\n");
  EXPECT_EQ(Command("\\pset format"), "Output format is json.\n");
  EXPECT_EQ(Command("\\pset format aligned"), "Output format is aligned.\n");
  EXPECT_EQ(Command("SELECT 1 AS a"), " a \n---\n 1\n(1 row)\n\n");

  Output output = RunCommand("\\pset format html");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err, "\\pset: allowed formats are aligned, csv, tsv, json\n");
  output = RunCommand("\\pset border 2");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err, "\\pset: unknown option: border\n");
  EXPECT_EQ(shell_->settings().format, OutputFormat::kAligned);
}

TEST_F(MetaCommandsTest, TimingTogglesOrTakesABoolean) {
  EXPECT_EQ(Command("\\timing"), "Timing is on.\n");
  EXPECT_TRUE(shell_->settings().timing);
  EXPECT_EQ(Command("\\timing"), "Timing is off.\n");
  EXPECT_EQ(Command("\\timing on"), "Timing is on.\n");
  EXPECT_EQ(Command("\\timing OFF"), "Timing is off.\n");
  Output output = RunCommand("\\timing maybe");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err, "unrecognized value \"maybe\" for \"\\timing\": Boolean expected\n");
}

TEST_F(MetaCommandsTest, FlushWritesMemtablesToSegmentsAndVerifyChecksThem) {
  CreateShop();
  EXPECT_EQ(Command("\\flush"), "FLUSH\n");
  Result<engine::TableInfo> info = database_->DescribeTable("shop", "items");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->memtable_rows, 0);
  EXPECT_EQ(info->segments.size(), 1u);
  EXPECT_EQ(Command("\\verify"), "VERIFY: no problems found\n");
}

TEST_F(MetaCommandsTest, HelpDescribesTheCommands) {
  const std::string help = Command("\\?");
  for (const char* line :
       {"\\q ", "\\timing [on|off]", "\\pset format [aligned|csv|tsv|json]", "\\l ", "\\d NAME",
        "\\dt [DB]", "\\dv [DB]", "\\di [DB]", "\\c [DB]", "\\flush", "\\verify"}) {
    EXPECT_THAT(help, HasSubstr(line));
  }
  EXPECT_EQ(RunScript("help\n").out, help);
}

TEST_F(MetaCommandsTest, QuitStopsTheShell) {
  EXPECT_EQ(Command("\\q"), "");
  EXPECT_TRUE(shell_->quit());
}

TEST_F(MetaCommandsTest, UnknownCommandsFail) {
  Output output = RunCommand("\\frobnicate now");
  EXPECT_FALSE(output.ok);
  EXPECT_EQ(output.err, "invalid command \\frobnicate\nTry \\? for help.\n");
}

}  // namespace
}  // namespace boyodb::tools::cli
