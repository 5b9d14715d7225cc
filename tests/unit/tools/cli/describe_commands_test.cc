// The catalog commands' output over a real database: listings as psql titles and aligns them,
// a table's and a view's description with PostgreSQL type names, indexes, CHECK constraints and
// storage footers, and psql's messages when there is nothing to show.
#include "tools/cli/describe_commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/session_fixture.h"
#include "tools/cli/embedded_connection.h"

namespace boyodb::tools::cli {
namespace {

class DescribeCommandsTest : public engine::SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    connection_ = std::make_unique<EmbeddedConnection>(*database_, *session_);
    describer_ = std::make_unique<Describer>(*connection_);
  }

  void CreateShop() {
    Exec("CREATE DATABASE shop");
    Exec(
        "CREATE TABLE shop.orders (id bigint NOT NULL, customer text DEFAULT 'guest', "
        "amount numeric(10,2), placed date) WITH (codec = 'zstd', order_by = 'id')");
    Exec("CREATE INDEX orders_customer ON shop.orders USING hash (customer)");
    Exec("CREATE UNIQUE INDEX orders_id ON shop.orders (id)");
    Exec(
        "INSERT INTO shop.orders VALUES (1, 'alice', 12.5, '2024-01-31'), (2, 'bob', NULL, "
        "NULL)");
    Exec("CREATE VIEW shop.big AS SELECT id, customer AS who FROM shop.orders WHERE id > 1");
  }

  // Describe's answer, which must not be an error.
  bool Describe(std::string_view db, std::string_view name) {
    Result<bool> found = describer_->Describe(db, name, out_);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() && *found;
  }

  std::unique_ptr<EmbeddedConnection> connection_;
  std::unique_ptr<Describer> describer_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(DescribeCommandsTest, ListDatabasesWithTheirTableCounts) {
  CreateShop();
  ASSERT_TRUE(describer_->ListDatabases(out_).ok());
  EXPECT_EQ(out_.str(),
            "List of databases\n"
            "  Name   | Tables \n"
            "---------+--------\n"
            " default |      0\n"
            " shop    |      1\n"
            "(2 rows)\n"
            "\n");
}

TEST_F(DescribeCommandsTest, SequencesAreListedWithTheOtherRelations) {
  Exec("CREATE DATABASE shop");
  Exec("CREATE TABLE shop.items (id SERIAL, name text)");
  Exec("CREATE SEQUENCE shop.tickets");
  ASSERT_TRUE(
      describer_
          ->ListRelations("shop", {.tables = true, .views = true, .sequences = true}, out_, err_)
          .ok());
  EXPECT_EQ(out_.str(),
            "             List of relations\n"
            " Database |     Name     |   Type   | Rows \n"
            "----------+--------------+----------+------\n"
            " shop     | items        | table    |    0\n"
            " shop     | items_id_seq | sequence |     \n"
            " shop     | tickets      | sequence |     \n"
            "(3 rows)\n"
            "\n");
  out_.str("");
  ASSERT_TRUE(describer_->ListRelations("shop", {.sequences = true}, out_, err_).ok());
  EXPECT_EQ(out_.str(),
            "         List of relations\n"
            " Database |     Name     |   Type   \n"
            "----------+--------------+----------\n"
            " shop     | items_id_seq | sequence\n"
            " shop     | tickets      | sequence\n"
            "(2 rows)\n"
            "\n");
  EXPECT_EQ(err_.str(), "");
}

TEST_F(DescribeCommandsTest, ListRelationsOfEachKind) {
  CreateShop();
  ASSERT_TRUE(describer_->ListRelations("shop", {.tables = true, .views = true}, out_, err_).ok());
  EXPECT_EQ(out_.str(),
            "        List of relations\n"
            " Database |  Name  | Type  | Rows \n"
            "----------+--------+-------+------\n"
            " shop     | big    | view  |     \n"
            " shop     | orders | table |    2\n"
            "(2 rows)\n"
            "\n");
  out_.str("");
  ASSERT_TRUE(describer_->ListRelations("shop", {.tables = true}, out_, err_).ok());
  EXPECT_EQ(out_.str(),
            "        List of relations\n"
            " Database |  Name  | Type  | Rows \n"
            "----------+--------+-------+------\n"
            " shop     | orders | table |    2\n"
            "(1 row)\n"
            "\n");
  out_.str("");
  ASSERT_TRUE(describer_->ListRelations("shop", {.views = true}, out_, err_).ok());
  EXPECT_EQ(out_.str(),
            "   List of relations\n"
            " Database | Name | Type \n"
            "----------+------+------\n"
            " shop     | big  | view\n"
            "(1 row)\n"
            "\n");
  out_.str("");
  ASSERT_TRUE(describer_->ListIndexes("shop", out_, err_).ok());
  EXPECT_EQ(out_.str(),
            "              List of relations\n"
            " Database |      Name       | Type  | Table  \n"
            "----------+-----------------+-------+--------\n"
            " shop     | orders_customer | index | orders\n"
            " shop     | orders_id       | index | orders\n"
            "(2 rows)\n"
            "\n");
  EXPECT_EQ(err_.str(), "");
}

TEST_F(DescribeCommandsTest, EmptyListingsSayTheyFoundNothing) {
  ASSERT_TRUE(
      describer_->ListRelations("default", {.tables = true, .views = true}, out_, err_).ok());
  ASSERT_TRUE(describer_->ListIndexes("default", out_, err_).ok());
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(err_.str(), "Did not find any relations.\nDid not find any relations.\n");
}

TEST_F(DescribeCommandsTest, ListingAMissingDatabaseFails) {
  const Status status = describer_->ListRelations("nowhere", {.tables = true}, out_, err_);
  EXPECT_EQ(status.sqlstate(), "3D000") << status.ToString();
}

TEST_F(DescribeCommandsTest, DescribeTableShowsColumnsIndexesAndStorage) {
  CreateShop();
  const std::string head =
      "              Table \"shop.orders\"\n"
      "  Column  |     Type      | Nullable | Default \n"
      "----------+---------------+----------+---------\n"
      " id       | bigint        | not null | \n"
      " customer | text          |          | 'guest'\n"
      " amount   | numeric(10,2) |          | \n"
      " placed   | date          |          | \n"
      "Indexes:\n"
      "    \"orders_customer\" bloom (customer)\n"
      "    \"orders_id\" UNIQUE, minmax (id)\n"
      "Codec: zstd\n"
      "Sort key: id\n";
  ASSERT_TRUE(Describe("shop", "orders"));
  EXPECT_THAT(out_.str(), ::testing::StartsWith(head + "Rows: 2 ("));

  // Once flushed the rows are in a segment, whose size depends on the codec's output.
  ASSERT_TRUE(database_->Flush().ok());
  out_.str("");
  ASSERT_TRUE(Describe("shop", "orders"));
  EXPECT_THAT(out_.str(), ::testing::StartsWith(head + "Rows: 2 (0 in the memtable)\n"));
  EXPECT_THAT(out_.str(),
              ::testing::MatchesRegex(
                  "(.|\n)*\nSegments: 1 \\([0-9]+ bytes compressed, [0-9]+ bytes uncompressed\\)\n"
                  "\n"));
}

TEST_F(DescribeCommandsTest, DescribeViewShowsColumnTypesAndDefinition) {
  CreateShop();
  ASSERT_TRUE(Describe("shop", "big"));
  EXPECT_EQ(out_.str(),
            "      View \"shop.big\"\n"
            " Column |  Type  | Nullable \n"
            "--------+--------+----------\n"
            " id     | bigint | \n"
            " who    | text   | \n"
            "View definition:\n"
            " SELECT id, customer AS who FROM shop.orders WHERE id > 1\n"
            "\n");
}

TEST_F(DescribeCommandsTest, DescribeTableListsCheckConstraintsByName) {
  Exec(
      "CREATE TABLE items (price numeric CHECK (price > 0), lo int, hi int, CHECK (lo < hi), "
      "CONSTRAINT a_first CHECK (items.lo >= 0))");
  ASSERT_TRUE(Describe("default", "items"));
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("Check constraints:\n"
                                               "    \"a_first\" CHECK (lo >= 0)\n"
                                               "    \"items_check\" CHECK (lo < hi)\n"
                                               "    \"items_price_check\" CHECK (price > 0)\n"
                                               "Codec: lz4\n"));
  out_.str("");
  Exec("ALTER TABLE items DROP CONSTRAINT a_first");
  Exec("ALTER TABLE items DROP CONSTRAINT items_check");
  Exec("ALTER TABLE items DROP CONSTRAINT items_price_check");
  ASSERT_TRUE(Describe("default", "items"));
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr("Check constraints:")));
}

TEST_F(DescribeCommandsTest, DescribeSomethingMissingFindsNothing) {
  CreateShop();
  EXPECT_FALSE(Describe("shop", "nothing"));
  EXPECT_FALSE(Describe("nowhere", "orders"));
  EXPECT_EQ(out_.str(), "");
}

}  // namespace
}  // namespace boyodb::tools::cli
