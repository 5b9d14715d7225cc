// Database::AlterTable and ApplyColumnChange: column mapping of old segments after ADD, DROP
// and RENAME, memtable rows, restarts, and replay of the WAL record when the manifest never
// saw the change.
#include <gtest/gtest.h>

#include <filesystem>

#include "columnar/builder.h"
#include "engine/column_change.h"
#include "engine/database.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

using types::DataType;
using types::Field;
using types::Value;

columnar::Chunk Rows(const types::Schema& schema, const std::vector<std::vector<Value>>& rows) {
  return *columnar::ChunkFromRows(std::make_shared<const types::Schema>(schema), rows);
}

// Every row of app.t, each as text "v1|v2|...", sorted.
std::vector<std::string> AllRows(Database& db) {
  auto scan = db.Scan("app", "t", ScanSpec{});
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  auto all = ReadAll(**scan);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  std::vector<std::string> out;
  for (int64_t row = 0; row < all->num_rows(); ++row) {
    std::string text;
    for (size_t c = 0; c < all->num_columns(); ++c) {
      if (c > 0) text += "|";
      text += all->column(c)->GetValue(row).ToString();
    }
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class AlterTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_TRUE(db_->CreateDatabase("app").ok());
    ASSERT_TRUE(db_->CreateTable("app", "t", schema_).ok());
  }
  void Open() {
    db_.reset();
    DatabaseOptions options;
    options.memtable_flush_age_ms = 0;
    auto opened = Database::Open(dir_.path(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  types::Schema Schema() { return db_->DescribeTable("app", "t")->schema; }

  testing::TempDir dir_;
  const types::Schema schema_{
      {Field("id", DataType::Int64(), false), Field("name", DataType::String())}};
  std::unique_ptr<Database> db_;
};

TEST_F(AlterTableTest, OldSegmentsAndMemtableRowsReadTheNewLayout) {
  ASSERT_TRUE(db_->Append("app", "t", Rows(schema_, {{Value::Int64(1), Value::String("a")}})).ok());
  ASSERT_TRUE(db_->Flush().ok());  // a segment of the first layout
  ASSERT_TRUE(db_->Append("app", "t", Rows(schema_, {{Value::Int64(2), Value::String("b")}})).ok());

  ColumnChange add;
  add.column = Field("score", DataType::Int32());
  add.fill = Value::Int32(5);
  ASSERT_TRUE(db_->AlterTable("app", "t", add).ok());
  EXPECT_EQ(AllRows(*db_), (std::vector<std::string>{"1|a|5", "2|b|5"}));

  ColumnChange drop;
  drop.kind = ColumnChange::Kind::kDrop;
  drop.name = "name";
  ASSERT_TRUE(db_->AlterTable("app", "t", drop).ok());
  // The dropped name returns with another type: old segments' "name" must not show through.
  ColumnChange readd;
  readd.column = Field("name", DataType::Boolean());
  ASSERT_TRUE(db_->AlterTable("app", "t", readd).ok());
  ColumnChange rename;
  rename.kind = ColumnChange::Kind::kRename;
  rename.name = "score";
  rename.new_name = "points";
  ASSERT_TRUE(db_->AlterTable("app", "t", rename).ok());

  const types::Schema now = Schema();
  ASSERT_EQ(now.num_fields(), 3u);
  EXPECT_EQ(now.field(1).name, "points");
  EXPECT_EQ(now.field(2).name, "name");
  ASSERT_TRUE(
      db_->Append("app", "t", Rows(now, {{Value::Int64(3), Value::Int32(9), Value::Boolean(true)}}))
          .ok());
  const std::vector<std::string> expected = {"1|5|NULL", "2|5|NULL", "3|9|t"};
  EXPECT_EQ(AllRows(*db_), expected);
  Open();
  EXPECT_EQ(AllRows(*db_), expected);
  ASSERT_TRUE(db_->Flush().ok());
  Open();
  EXPECT_EQ(AllRows(*db_), expected);
}

TEST_F(AlterTableTest, TheWalRecordAloneRedoesTheChange) {
  ASSERT_TRUE(db_->Append("app", "t", Rows(schema_, {{Value::Int64(1), Value::String("a")}})).ok());
  // A crash after the change's WAL record but before its manifest: keep the manifest of now.
  const std::filesystem::path manifest = std::filesystem::path(dir_.path()) / "manifest.json";
  const std::string saved = manifest.string() + ".saved";
  std::filesystem::copy_file(manifest, saved);
  ColumnChange add;
  add.column = Field("score", DataType::Int32());
  add.fill = Value::Int32(5);
  ASSERT_TRUE(db_->AlterTable("app", "t", add).ok());
  const types::Schema altered = Schema();
  ASSERT_TRUE(db_->Append("app", "t",
                          Rows(altered, {{Value::Int64(2), Value::String("b"), Value::Int32(7)}}))
                  .ok());
  db_.reset();
  std::filesystem::copy_file(saved, manifest, std::filesystem::copy_options::overwrite_existing);
  Open();
  EXPECT_EQ(Schema().num_fields(), 3u);
  EXPECT_EQ(AllRows(*db_), (std::vector<std::string>{"1|a|5", "2|b|7"}));
}

TEST_F(AlterTableTest, ErrorsNameTheProblem) {
  ColumnChange add;
  add.column = Field("id", DataType::Int32());
  EXPECT_EQ(db_->AlterTable("app", "t", add).sqlstate(), "42701");
  ColumnChange drop;
  drop.kind = ColumnChange::Kind::kDrop;
  drop.name = "missing";
  EXPECT_EQ(db_->AlterTable("app", "t", drop).sqlstate(), "42703");
  ASSERT_TRUE(db_->Append("app", "t", Rows(schema_, {{Value::Int64(1), Value::String("a")}})).ok());
  ColumnChange required;
  required.column = Field("required", DataType::Int32(), /*nullable=*/false);
  EXPECT_EQ(db_->AlterTable("app", "t", required).sqlstate(), "23502");
  drop.name = "name";
  ASSERT_TRUE(db_->AlterTable("app", "t", drop).ok());
  drop.name = "id";
  EXPECT_EQ(db_->AlterTable("app", "t", drop).sqlstate(), "0A000");  // the last column
}

TEST(ColumnChangeTest, StorageNamesNeverReuseANameOldSegmentsHold) {
  storage::TableEntry table;
  table.table = "t";
  table.schema = types::Schema({Field("a", DataType::Int64()), Field("b", DataType::String())});
  table.sort_key = {"a"};
  ColumnChange rename;
  rename.kind = ColumnChange::Kind::kRename;
  rename.name = "b";
  rename.new_name = "c";
  Result<AlteredTable> renamed = ApplyColumnChange(table, {}, rename, true);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->entry.StorageName("c"), "b");
  // A new "b" must not read the old segments' "b" (now column c).
  ColumnChange add;
  add.column = Field("b", DataType::Int32());
  Result<AlteredTable> added = ApplyColumnChange(renamed->entry, {}, add, true);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->entry.StorageName("b"), "b#2");
  // Dropping it retires "b#2"; adding "b" again takes "b#3".
  ColumnChange drop;
  drop.kind = ColumnChange::Kind::kDrop;
  drop.name = "b";
  Result<AlteredTable> dropped = ApplyColumnChange(added->entry, {}, drop, true);
  ASSERT_TRUE(dropped.ok());
  Result<AlteredTable> again = ApplyColumnChange(dropped->entry, {}, add, true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->entry.StorageName("b"), "b#3");
  // The sort key column cannot go; a renamed one moves in the sort key and in indexes.
  drop.name = "a";
  EXPECT_EQ(ApplyColumnChange(table, {}, drop, true).status().sqlstate(), "0A000");
  storage::IndexEntry index;
  index.name = "i";
  index.columns = {"a"};
  rename.name = "a";
  rename.new_name = "z";
  Result<AlteredTable> moved = ApplyColumnChange(table, {index}, rename, true);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->entry.sort_key, std::vector<std::string>{"z"});
  EXPECT_EQ(moved->indexes[0].columns, std::vector<std::string>{"z"});
}

}  // namespace
}  // namespace boyodb::engine
