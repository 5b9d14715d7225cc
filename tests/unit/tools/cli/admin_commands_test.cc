// AdminCommands against a real embedded database in a temporary directory: DDL, inserts with
// literal conversion, selects with predicates and limits, describe and listings, and errors.
#include "tools/cli/admin_commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::cli {
namespace {

class AdminCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = engine::Database::Open(dir_.Join("data"));
    ASSERT_TRUE(database.ok()) << database.error().ToString();
    database_ = std::move(database).value();
    commands_ = std::make_unique<AdminCommands>(*database_);
  }

  // Runs a command that must succeed and returns its output.
  std::string Run(std::string_view text) {
    std::ostringstream out;
    const Status status = commands_->Execute(text, out);
    EXPECT_TRUE(status.ok()) << text << ": " << status.ToString();
    return out.str();
  }
  // Runs a command that must fail and returns its status.
  Status Fail(std::string_view text) {
    std::ostringstream out;
    const Status status = commands_->Execute(text, out);
    EXPECT_FALSE(status.ok()) << text << " succeeded: " << out.str();
    return status;
  }

  void CreateSampleTable() {
    Run("create database shop");
    Run("create table shop.orders (id BIGINT NOT NULL, customer TEXT, amount DECIMAL(10, 2), "
        "placed DATE, at TIMESTAMP, paid BOOLEAN) with codec=zstd, order_by=(id)");
    Run("insert into shop.orders values "
        "(1, 'alice', 12.5, '2024-01-31', '2024-01-31 10:00:00', true), "
        "(2, 'bob', NULL, '2024-02-01', NULL, false), "
        "(3, 'carol', -0.05, NULL, '2024-02-02T08:30:00Z', NULL)");
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Database> database_;
  std::unique_ptr<AdminCommands> commands_;
};

TEST_F(AdminCommandsTest, CreateInsertSelectPrintsAnAlignedTable) {
  Run("create database shop");
  EXPECT_EQ(Run("create table shop.t (id BIGINT NOT NULL, name TEXT)"), "CREATE TABLE\n");
  EXPECT_EQ(Run("insert into shop.t values (1, 'one'), (22, NULL), (3, 'three');"), "INSERT 0 3\n");
  EXPECT_EQ(Run("select * from shop.t"),
            " id | name\n"
            "----+-------\n"
            "  1 | one\n"
            " 22 |\n"
            "  3 | three\n"
            "(3 rows)\n\n");
}

TEST_F(AdminCommandsTest, LiteralsAreConvertedToTheColumnTypes) {
  CreateSampleTable();
  EXPECT_EQ(Run("select id, amount, placed, at, paid from shop.orders"),
            " id | amount |   placed   |         at          | paid\n"
            "----+--------+------------+---------------------+------\n"
            "  1 |  12.50 | 2024-01-31 | 2024-01-31 10:00:00 | t\n"
            "  2 |        | 2024-02-01 |                     | f\n"
            "  3 |  -0.05 |            | 2024-02-02 08:30:00 |\n"
            "(3 rows)\n\n");
}

TEST_F(AdminCommandsTest, WherePredicatesAndLimit) {
  CreateSampleTable();
  EXPECT_EQ(Run("select customer from shop.orders where id >= 2 and paid is not null"),
            " customer\n"
            "----------\n"
            " bob\n"
            "(1 row)\n\n");
  EXPECT_EQ(Run("select id from shop.orders where placed < '2024-02-01'"),
            " id\n----\n  1\n(1 row)\n\n");
  EXPECT_EQ(Run("select id from shop.orders where amount is null"), " id\n----\n  2\n(1 row)\n\n");
  EXPECT_EQ(Run("select id from shop.orders where customer <> 'bob' limit 1"),
            " id\n----\n  1\n(1 row)\n\n");
  EXPECT_EQ(Run("select count(*) from shop.orders where id != 2"),
            " count\n-------\n     2\n(1 row)\n\n");
}

TEST_F(AdminCommandsTest, InsertWithAColumnListFillsTheRestWithNulls) {
  CreateSampleTable();
  Run("insert into shop.orders (customer, id) values ('dave', 4)");
  EXPECT_EQ(Run("select id, customer, amount from shop.orders where id = 4"),
            " id | customer | amount\n"
            "----+----------+--------\n"
            "  4 | dave     |\n"
            "(1 row)\n\n");
}

TEST_F(AdminCommandsTest, DescribeShowsColumnsCodecSortKeyAndSegments) {
  CreateSampleTable();
  Run("\\flush");
  const std::string described = Run("\\d shop.orders");
  EXPECT_NE(described.find("Table \"shop.orders\""), std::string::npos) << described;
  EXPECT_NE(described.find(" id       | BIGINT        | not null"), std::string::npos) << described;
  EXPECT_NE(described.find(" amount   | DECIMAL(10,2) |"), std::string::npos) << described;
  EXPECT_NE(described.find("Codec: zstd"), std::string::npos) << described;
  EXPECT_NE(described.find("Sort key: id"), std::string::npos) << described;
  EXPECT_NE(described.find("Rows: 3 (0 in memtable)"), std::string::npos) << described;
  EXPECT_NE(described.find("Segments: 1"), std::string::npos) << described;
  EXPECT_NE(described.find(".seg"), std::string::npos) << described;
}

TEST_F(AdminCommandsTest, ListingsShowDatabasesAndTablesWithRowCounts) {
  CreateSampleTable();
  Run("create database empty");
  EXPECT_EQ(Run("\\l"),
            " Name  | Tables\n"
            "-------+--------\n"
            " empty |      0\n"
            " shop  |      1\n"
            "(2 rows)\n\n");
  EXPECT_EQ(Run("\\dt shop"),
            " Database | Table  | Rows | Segments\n"
            "----------+--------+------+----------\n"
            " shop     | orders |    3 |        0\n"
            "(1 row)\n\n");
}

TEST_F(AdminCommandsTest, UnqualifiedNamesUseTheDatabaseChosenWithBackslashC) {
  CreateSampleTable();
  EXPECT_EQ(Fail("select * from orders").sqlstate(), "3D000");
  Run("\\c shop");
  EXPECT_EQ(Run("select count(*) from orders"), " count\n-------\n     3\n(1 row)\n\n");
  EXPECT_EQ(Fail("\\c nowhere").sqlstate(), "3D000");
}

TEST_F(AdminCommandsTest, DropAndTruncate) {
  CreateSampleTable();
  EXPECT_EQ(Run("truncate shop.orders"), "TRUNCATE TABLE\n");
  EXPECT_EQ(Run("select count(*) from shop.orders"), " count\n-------\n     0\n(1 row)\n\n");
  EXPECT_EQ(Run("drop table shop.orders"), "DROP TABLE\n");
  EXPECT_EQ(Run("drop table if exists shop.orders"), "DROP TABLE\n");
  EXPECT_EQ(Run("drop database shop"), "DROP DATABASE\n");
  EXPECT_EQ(Fail("drop database shop").sqlstate(), "3D000");
}

TEST_F(AdminCommandsTest, ErrorsCarryTheirSqlState) {
  CreateSampleTable();
  EXPECT_EQ(Fail("select * from shop.missing").sqlstate(), "42P01");
  EXPECT_EQ(Fail("select nope from shop.orders").sqlstate(), "42703");
  EXPECT_EQ(Fail("create database shop").sqlstate(), "42P04");
  EXPECT_EQ(Fail("create table shop.x (a FLOOP)").sqlstate(), "42704");
  EXPECT_EQ(Fail("selec * from shop.orders").sqlstate(), "42601");
  EXPECT_EQ(Fail("insert into shop.orders values (1)").sqlstate(), "42601");
  EXPECT_EQ(Fail("insert into shop.orders (customer) values ('x')").sqlstate(), "23502");
  EXPECT_EQ(Fail("insert into shop.orders (id, placed) values (9, 'soon')").sqlstate(), "22007");
  EXPECT_EQ(Fail("insert into shop.orders (id, placed) values (9, 5)").sqlstate(), "42804");
  EXPECT_EQ(Fail("insert into shop.orders (id, amount) values (9, 123456789)").sqlstate(), "22003");
  EXPECT_EQ(Fail("select * from shop.orders where id = 'x'").sqlstate(), "22P02");
  EXPECT_EQ(Fail("\\bogus").sqlstate(), "42601");
  EXPECT_EQ(Fail("create table shop.y (a INT) with codec=brotli").sqlstate(), "22023");
}

TEST_F(AdminCommandsTest, VerifyReportsNoProblemsOnAHealthyDatabase) {
  CreateSampleTable();
  Run("\\flush");
  EXPECT_EQ(Run("\\verify"), "VERIFY: no problems found\n");
}

}  // namespace
}  // namespace boyodb::tools::cli
