// TableMutation: deletes through per-segment delete files, UPDATE's delete + insert, and their
// durability across restarts and WAL replay.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "columnar/builder.h"
#include "common/file_system.h"
#include "engine/database.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

using columnar::Chunk;
using types::DataType;
using types::Field;
using types::Value;

Chunk Ids(int64_t first, int64_t count) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<Field>{Field("id", DataType::Int64(), false), Field("tag", DataType::String())});
  std::vector<std::vector<Value>> rows;
  for (int64_t id = first; id < first + count; ++id) {
    rows.push_back({Value::Int64(id), Value::String("t" + std::to_string(id % 3))});
  }
  return *columnar::ChunkFromRows(schema, rows);
}

class TableMutationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Reopen();
    ASSERT_TRUE(db_->CreateDatabase("app").ok());
    ASSERT_TRUE(db_->CreateTable("app", "t",
                                 types::Schema({Field("id", DataType::Int64(), false),
                                                Field("tag", DataType::String())}))
                    .ok());
  }
  void Reopen() {
    db_.reset();
    DatabaseOptions options;
    options.memtable_flush_rows = 1000;
    options.direct_segment_rows = 3000;
    options.segment_batch_rows = 100;
    options.memtable_flush_age_ms = 0;
    auto opened = Database::Open(dir_.path(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }

  std::set<int64_t> LiveIds() {
    auto scan = db_->Scan("app", "t", ScanSpec{{"id"}, {}});
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    auto all = ReadAll(**scan);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    std::set<int64_t> ids;
    for (int64_t i = 0; i < all->num_rows(); ++i) {
      EXPECT_TRUE(ids.insert(all->column(0)->values<int64_t>()[i]).second) << "duplicate row";
    }
    return ids;
  }

  // Deletes the rows whose id satisfies `doomed` and returns the count Commit reported.
  template <typename Pred>
  int64_t DeleteWhere(Pred doomed, const Chunk* inserted = nullptr) {
    auto mutation = db_->BeginMutation("app", "t");
    EXPECT_TRUE(mutation.ok()) << mutation.status().ToString();
    ScanSpec spec{{"id"}, {}};
    spec.with_row_ids = true;
    auto scan = (*mutation)->Scan(spec);
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    auto all = ReadAll(**scan);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    EXPECT_EQ(all->num_columns(), 2u);
    std::vector<int64_t> row_ids;
    for (int64_t i = 0; i < all->num_rows(); ++i) {
      if (doomed(all->column(0)->values<int64_t>()[i])) {
        row_ids.push_back(all->column(1)->values<int64_t>()[i]);
      }
    }
    auto committed = (*mutation)->Commit(row_ids, inserted);
    EXPECT_TRUE(committed.ok()) << committed.status().ToString();
    return committed.ok() ? *committed : -1;
  }

  std::set<int64_t> Expected(int64_t count, const std::set<int64_t>& removed) {
    std::set<int64_t> ids;
    for (int64_t id = 0; id < count; ++id) {
      if (removed.count(id) == 0) ids.insert(id);
    }
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(TableMutationTest, DeletesAcrossSegmentsBatchesAndMemtableSurviveRestart) {
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 5000)).ok());    // a direct segment
  ASSERT_TRUE(db_->Append("app", "t", Ids(5000, 500)).ok());  // memtable rows
  std::set<int64_t> removed;
  for (int64_t id = 0; id < 5500; id += 7) removed.insert(id);
  EXPECT_EQ(DeleteWhere([](int64_t id) { return id % 7 == 0; }),
            static_cast<int64_t>(removed.size()));
  EXPECT_EQ(LiveIds(), Expected(5500, removed));
  // Deleting already deleted rows again changes nothing.
  EXPECT_EQ(DeleteWhere([](int64_t id) { return id % 7 == 0; }), 0);
  // A second delete adds to the first.
  for (int64_t id = 0; id < 5500; id += 11) removed.insert(id);
  DeleteWhere([](int64_t id) { return id % 11 == 0; });
  EXPECT_EQ(LiveIds(), Expected(5500, removed));
  auto info = db_->DescribeTable("app", "t");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->total_rows, 5500 - static_cast<int64_t>(removed.size()));
  Reopen();
  EXPECT_EQ(LiveIds(), Expected(5500, removed));
  EXPECT_TRUE(db_->Verify().ok());
}

TEST_F(TableMutationTest, DeletingEverySegmentRowDropsTheSegmentAndItsFiles) {
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 4000)).ok());
  ASSERT_TRUE(db_->Append("app", "t", Ids(4000, 4000)).ok());
  EXPECT_EQ(DeleteWhere([](int64_t id) { return id < 4000; }), 4000);
  auto info = db_->DescribeTable("app", "t");
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->segments.size(), 1u);
  EXPECT_EQ(info->total_rows, 4000);
  Reopen();
  EXPECT_EQ(LiveIds().size(), 4000u);
  EXPECT_TRUE(db_->Verify().ok());
}

TEST_F(TableMutationTest, UpdateReplacesRowsAtomically) {
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 1000)).ok());
  const Chunk replacements = Ids(10000, 10);  // the new versions of rows 0..9
  EXPECT_EQ(DeleteWhere([](int64_t id) { return id < 10; }, &replacements), 10);
  std::set<int64_t> expected = Expected(1000, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  for (int64_t id = 10000; id < 10010; ++id) expected.insert(id);
  EXPECT_EQ(LiveIds(), expected);
  Reopen();
  EXPECT_EQ(LiveIds(), expected);
}

TEST_F(TableMutationTest, RowsAppendedDuringAMutationAreNotPartOfIt) {
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 100)).ok());
  auto mutation = db_->BeginMutation("app", "t");
  ASSERT_TRUE(mutation.ok());
  ASSERT_TRUE(db_->Append("app", "t", Ids(100, 50)).ok());
  ScanSpec spec;
  spec.with_row_ids = true;
  auto rows = ReadAll(**(*mutation)->Scan(spec));
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->num_rows(), 100);
  std::vector<int64_t> all_ids(rows->column(2)->values<int64_t>(),
                               rows->column(2)->values<int64_t>() + rows->num_rows());
  ASSERT_TRUE((*mutation)->Commit(all_ids, nullptr).ok());
  EXPECT_EQ(LiveIds().size(), 50u);
}

TEST_F(TableMutationTest, RowIdsAreOnlyOfferedToMutations) {
  ScanSpec spec;
  spec.with_row_ids = true;
  EXPECT_FALSE(db_->Scan("app", "t", spec).ok());
}

TEST_F(TableMutationTest, WalReplayReappliesDeletesOverAnOlderManifest) {
  // Rows written straight to a segment are named by an AddSegment WAL record; deleting all of
  // them must not let a replay of that record bring them back.
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 3000)).ok());
  ASSERT_TRUE(db_->Append("app", "t", Ids(3000, 1000)).ok());
  ASSERT_TRUE(db_->Flush().ok());
  const std::string manifest = dir_.path() + "/manifest.json";
  auto before = ReadWholeFile(*DefaultFileSystem(), manifest);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(DeleteWhere([](int64_t id) { return id < 3000 || id % 2 == 0; }), 3500);
  const std::set<int64_t> expected = LiveIds();
  ASSERT_EQ(expected.size(), 500u);
  db_.reset();
  // The older manifest has a checkpoint before the DeleteRows record, so opening replays it.
  ASSERT_TRUE(WriteFileAtomically(*DefaultFileSystem(), manifest, *before).ok());
  Reopen();
  EXPECT_EQ(LiveIds(), expected);
}

TEST_F(TableMutationTest, ACorruptDeleteFileIsAnErrorNamingIt) {
  ASSERT_TRUE(db_->Append("app", "t", Ids(0, 1000)).ok());
  DeleteWhere([](int64_t id) { return id % 2 == 0; });
  auto info = db_->DescribeTable("app", "t");
  ASSERT_TRUE(info.ok());
  const std::string segment_dir = ParentDir(info->segments.front().path);
  auto files = DefaultFileSystem()->ListDir(segment_dir);
  ASSERT_TRUE(files.ok());
  std::string del;
  for (const std::string& file : *files) {
    if (file.ends_with(".del")) del = JoinPath(segment_dir, file);
  }
  ASSERT_FALSE(del.empty());
  {
    std::fstream f(del, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(2);
    f.put('\x7f');
  }
  Reopen();
  auto scan = db_->Scan("app", "t", ScanSpec{});
  ASSERT_TRUE(scan.ok());
  auto all = ReadAll(**scan);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().ToString().find(del), std::string::npos) << all.status().ToString();
  EXPECT_FALSE(db_->Verify().ok());
}

}  // namespace
}  // namespace boyodb::engine
