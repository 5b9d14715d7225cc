// Database::RenameTable: rows in segments and in the memtable carry over, segment files stay
// where they are, the old name is free (its new table gets a directory of its own), and the
// rename survives a clean reopen, a crash before the next checkpoint, and a replay of its WAL
// record over a manifest that never saw it.
#include <gtest/gtest.h>

#include <filesystem>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "engine/database.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

using types::DataType;
using types::Field;
using types::Value;

// Every row of app.`table`, each as text "v1|v2", sorted.
std::vector<std::string> AllRows(Database& db, const std::string& table) {
  auto scan = db.Scan("app", table, ScanSpec{});
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  if (!scan.ok()) return {};
  auto all = ReadAll(**scan);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  std::vector<std::string> out;
  for (int64_t row = 0; row < all->num_rows(); ++row) {
    out.push_back(all->column(0)->GetValue(row).ToString() + "|" +
                  all->column(1)->GetValue(row).ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The files under DATA/segments, relative to it, sorted.
std::vector<std::string> SegmentFiles(const std::string& dir) {
  std::vector<std::string> files;
  const std::filesystem::path root = std::filesystem::path(dir) / "segments";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files.push_back(std::filesystem::relative(entry.path(), root).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class RenameTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_TRUE(db_->CreateDatabase("app").ok());
    ASSERT_TRUE(db_->CreateTable("app", "t", schema_).ok());
  }
  void Open(const std::string& dir = "") {
    db_.reset();
    DatabaseOptions options;
    options.memtable_flush_age_ms = 0;
    auto opened = Database::Open(dir.empty() ? dir_.path() : dir, options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  void Add(const std::string& table, int64_t id, const std::string& name) {
    const Status appended =
        db_->Append("app", table,
                    *columnar::ChunkFromRows(std::make_shared<const types::Schema>(schema_),
                                             {{Value::Int64(id), Value::String(name)}}));
    ASSERT_TRUE(appended.ok()) << appended.ToString();
  }

  testing::TempDir dir_;
  const types::Schema schema_{
      {Field("id", DataType::Int64(), false), Field("name", DataType::String())}};
  std::unique_ptr<Database> db_;
};

TEST_F(RenameTableTest, RowsFollowAndSegmentsStayWhereTheyAre) {
  Add("t", 1, "a");
  ASSERT_TRUE(db_->Flush().ok());  // a segment
  Add("t", 2, "b");                // memtable rows
  const std::vector<std::string> files = SegmentFiles(dir_.path());
  ASSERT_TRUE(db_->RenameTable("app", "t", "u").ok());
  const std::vector<std::string> expected = {"1|a", "2|b"};
  EXPECT_EQ(AllRows(*db_, "u"), expected);
  EXPECT_EQ(db_->DescribeTable("app", "t").status().sqlstate(), sqlstate::kUndefinedTable);
  EXPECT_EQ(SegmentFiles(dir_.path()), files);
  // The old name takes a new table whose rows are its own, in a directory of its own.
  ASSERT_TRUE(db_->CreateTable("app", "t", schema_).ok());
  Add("t", 3, "c");
  ASSERT_TRUE(db_->Flush().ok());
  EXPECT_EQ(AllRows(*db_, "t"), std::vector<std::string>{"3|c"});
  Open();
  EXPECT_EQ(AllRows(*db_, "u"), expected);
  EXPECT_EQ(AllRows(*db_, "t"), std::vector<std::string>{"3|c"});
  // Dropping one removes its own directory only.
  ASSERT_TRUE(db_->DropTable("app", "t").ok());
  Open();
  EXPECT_EQ(AllRows(*db_, "u"), expected);
  Add("u", 4, "d");
  ASSERT_TRUE(db_->RenameTable("app", "u", "t").ok());
  Open();
  EXPECT_EQ(AllRows(*db_, "t"), (std::vector<std::string>{"1|a", "2|b", "4|d"}));
}

TEST_F(RenameTableTest, ACrashBeforeTheCheckpointReplaysTheRename) {
  Add("t", 1, "a");
  ASSERT_TRUE(db_->RenameTable("app", "t", "u").ok());
  Add("u", 2, "b");
  // The directory as a kill would leave it: the memtable rows keep the checkpoint before
  // the rename, so reopening replays it from the WAL.
  testing::TempDir crashed;
  std::filesystem::copy(
      dir_.path(), crashed.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  Open(crashed.path());
  EXPECT_EQ(AllRows(*db_, "u"), (std::vector<std::string>{"1|a", "2|b"}));
  EXPECT_FALSE(db_->DescribeTable("app", "t").ok());
}

TEST_F(RenameTableTest, TheWalRecordAloneRedoesTheRename) {
  Add("t", 1, "a");
  ASSERT_TRUE(db_->Flush().ok());
  // A crash after the rename's WAL record but before its manifest: keep the manifest of now.
  const std::filesystem::path manifest = std::filesystem::path(dir_.path()) / "manifest.json";
  const std::string saved = manifest.string() + ".saved";
  std::filesystem::copy_file(manifest, saved);
  ASSERT_TRUE(db_->RenameTable("app", "t", "u").ok());
  // A new "t" takes the old name while the renamed table keeps its directory.
  ASSERT_TRUE(db_->CreateTable("app", "t", schema_).ok());
  Add("t", 9, "z");
  Add("u", 2, "b");
  db_.reset();
  std::filesystem::copy_file(saved, manifest, std::filesystem::copy_options::overwrite_existing);
  Open();
  EXPECT_EQ(AllRows(*db_, "u"), (std::vector<std::string>{"1|a", "2|b"}));
  EXPECT_EQ(AllRows(*db_, "t"), std::vector<std::string>{"9|z"});
  // Replaying again (the manifest now shows the rename) changes nothing.
  ASSERT_TRUE(db_->Flush().ok());
  Open();
  EXPECT_EQ(AllRows(*db_, "u"), (std::vector<std::string>{"1|a", "2|b"}));
  EXPECT_EQ(AllRows(*db_, "t"), std::vector<std::string>{"9|z"});
}

TEST_F(RenameTableTest, IndexesAndOwnedSequencesFollow) {
  IndexInfo index;
  index.database = "app";
  index.name = "t_pkey";
  index.table = "t";
  index.columns = {"id"};
  index.method = "minmax";
  index.unique = true;
  ASSERT_TRUE(db_->CreateIndex(index, false).ok());
  SequenceInfo sequence;
  sequence.database = "app";
  sequence.name = "t_id_seq";
  sequence.owner_table = "t";
  sequence.owner_column = "id";
  ASSERT_TRUE(db_->CreateSequence(sequence, false).ok());
  ASSERT_TRUE(db_->RenameTable("app", "t", "u").ok());
  Open();
  const std::vector<IndexInfo> indexes = db_->ListIndexes("app", "u");
  ASSERT_EQ(indexes.size(), 1u);
  EXPECT_EQ(indexes[0].name, "t_pkey");
  EXPECT_EQ(db_->FindSequence("app", "t_id_seq")->owner_table, "u");
  // The sequence goes with its table.
  ASSERT_TRUE(db_->DropTable("app", "u").ok());
  EXPECT_FALSE(db_->FindSequence("app", "t_id_seq").has_value());
}

TEST_F(RenameTableTest, ErrorsNameTheProblem) {
  ASSERT_TRUE(db_->CreateTable("app", "taken", schema_).ok());
  EXPECT_EQ(db_->RenameTable("app", "t", "taken").sqlstate(), sqlstate::kDuplicateTable);
  EXPECT_EQ(db_->RenameTable("app", "t", "t").sqlstate(), sqlstate::kDuplicateTable);
  EXPECT_EQ(db_->RenameTable("app", "missing", "x").sqlstate(), sqlstate::kUndefinedTable);
  EXPECT_EQ(db_->RenameTable("app", "t", "bad name").sqlstate(), sqlstate::kInvalidName);
  EXPECT_EQ(db_->RenameTable("nowhere", "t", "x").sqlstate(), sqlstate::kInvalidCatalogName);
}

}  // namespace
}  // namespace boyodb::engine
