#include "engine/database.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

using columnar::Chunk;
using storage::ColumnPredicate;
using storage::CompareOp;
using types::DataType;
using types::Field;
using types::Value;

types::Schema EventSchema() {
  return types::Schema({Field("id", DataType::Int64(), false), Field("name", DataType::String()),
                        Field("score", DataType::Float64())});
}

Chunk Rows(int64_t first_id, int64_t count) {
  auto schema = std::make_shared<const types::Schema>(EventSchema());
  std::vector<std::vector<Value>> rows;
  for (int64_t id = first_id; id < first_id + count; ++id) {
    rows.push_back({Value::Int64(id),
                    id % 5 == 0 ? Value::Null(DataType::String())
                                : Value::String("name" + std::to_string(id % 7)),
                    Value::Float64(static_cast<double>(id) / 2)});
  }
  return *columnar::ChunkFromRows(schema, rows);
}

DatabaseOptions SmallOptions() {
  DatabaseOptions options;
  options.memtable_flush_rows = 1000;
  options.direct_segment_rows = 5000;
  options.segment_batch_rows = 256;
  options.memtable_flush_age_ms = 0;
  return options;
}

int64_t CountRows(Database& db, const ScanSpec& spec = {}) {
  auto scan = db.Scan("app", "events", spec);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  auto all = ReadAll(**scan);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all->num_rows();
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    db_.reset();
    auto opened = Database::Open(dir_.path(), SmallOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  void CreateEvents(TableOptions options = {}) {
    ASSERT_TRUE(db_->CreateDatabase("app", true).ok());
    const Status created = db_->CreateTable("app", "events", EventSchema(), options);
    ASSERT_TRUE(created.ok()) << created.ToString();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, SequenceValuesAreNeverHandedOutTwiceAcrossACrash) {
  ASSERT_TRUE(db_->CreateDatabase("app", true).ok());
  SequenceInfo sequence;
  sequence.database = "app";
  sequence.name = "ids";
  ASSERT_TRUE(db_->CreateSequence(sequence, false).ok());
  EXPECT_EQ(db_->NextSequenceValues("app", "ids", 5)->front(), 1);
  EXPECT_EQ(db_->NextSequenceValues("app", "ids", 1)->front(), 6);
  // The directory as a crash would leave it: nextval goes on above every value handed out.
  testing::TempDir crashed;
  std::filesystem::copy(
      dir_.path(), crashed.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  {
    auto reopened = Database::Open(crashed.path(), SmallOptions());
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    const Result<std::vector<int64_t>> after_crash =
        (*reopened)->NextSequenceValues("app", "ids", 1);
    ASSERT_TRUE(after_crash.ok()) << after_crash.status().ToString();
    EXPECT_GT(after_crash->front(), 6);
  }
  // A clean close records where the sequence got to: no gap.
  EXPECT_EQ(db_->NextSequenceValues("app", "ids", 1)->front(), 7);
  Reopen();
  EXPECT_EQ(db_->NextSequenceValues("app", "ids", 2)->front(), 8);
  ASSERT_TRUE(db_->SetSequenceValue("app", "ids", 100, true).ok());
  Reopen();
  EXPECT_EQ(db_->NextSequenceValues("app", "ids", 1)->front(), 101);
}

TEST_F(DatabaseTest, SequencesStopAtTheirBound) {
  ASSERT_TRUE(db_->CreateDatabase("app", true).ok());
  SequenceInfo sequence;
  sequence.database = "app";
  sequence.name = "small";
  sequence.max_value = 3;
  ASSERT_TRUE(db_->CreateSequence(sequence, false).ok());
  EXPECT_EQ(db_->NextSequenceValues("app", "small", 4).status().sqlstate(),
            sqlstate::kSequenceGeneratorLimitExceeded);
  EXPECT_EQ(db_->NextSequenceValues("app", "small", 3)->front(), 1);
  const Status at_bound = db_->NextSequenceValues("app", "small", 1).status();
  EXPECT_EQ(at_bound.sqlstate(), sqlstate::kSequenceGeneratorLimitExceeded);
  EXPECT_EQ(at_bound.message(), "nextval: reached maximum value of sequence \"small\" (3)");
  EXPECT_EQ(db_->SetSequenceValue("app", "small", 4, true).sqlstate(),
            sqlstate::kNumericValueOutOfRange);
  EXPECT_EQ(db_->NextSequenceValues("app", "nothing", 1).status().sqlstate(),
            sqlstate::kUndefinedTable);
}

TEST_F(DatabaseTest, CatalogSurvivesRestart) {
  CreateEvents();
  ASSERT_TRUE(db_->CreateDatabase("other").ok());
  Reopen();
  EXPECT_EQ(db_->ListDatabases(), (std::vector<std::string>{"app", "other"}));
  EXPECT_EQ(*db_->ListTables("app"), (std::vector<std::string>{"events"}));
  auto info = db_->DescribeTable("app", "events");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->schema, EventSchema());
}

TEST_F(DatabaseTest, ErrorsCarryPostgresSqlstates) {
  CreateEvents();
  EXPECT_EQ(db_->CreateDatabase("app").sqlstate(), sqlstate::kDuplicateDatabase);
  EXPECT_EQ(db_->CreateTable("app", "events", EventSchema()).sqlstate(), sqlstate::kDuplicateTable);
  EXPECT_EQ(db_->CreateTable("nope", "t", EventSchema()).sqlstate(), sqlstate::kInvalidCatalogName);
  EXPECT_EQ(db_->DropTable("app", "missing").sqlstate(), sqlstate::kUndefinedTable);
  EXPECT_TRUE(db_->DropTable("app", "missing", /*if_exists=*/true).ok());
  EXPECT_EQ(db_->CreateDatabase("1bad").sqlstate(), sqlstate::kInvalidName);
  const types::Schema duplicate({Field("a", DataType::Int32()), Field("a", DataType::Int32())});
  EXPECT_EQ(db_->CreateTable("app", "dup", duplicate).sqlstate(), sqlstate::kDuplicateColumn);
  auto scan = db_->Scan("app", "events", ScanSpec{{"nope"}, {}});
  EXPECT_EQ(scan.status().sqlstate(), sqlstate::kUndefinedColumn);
}

TEST_F(DatabaseTest, AppendRejectsNullsInNotNullColumnsAndWrongTypes) {
  CreateEvents();
  auto schema = std::make_shared<const types::Schema>(EventSchema());
  auto with_null = columnar::ChunkFromRows(
      schema, {{Value::Null(DataType::Int64()), Value::String("x"), Value::Float64(1)}});
  EXPECT_EQ(db_->Append("app", "events", *with_null).sqlstate(), sqlstate::kNotNullViolation);
  auto wrong_schema =
      std::make_shared<const types::Schema>(std::vector<Field>{Field("id", DataType::Int32())});
  auto wrong = columnar::ChunkFromRows(wrong_schema, {{Value::Int32(1)}});
  EXPECT_EQ(db_->Append("app", "events", *wrong).sqlstate(), sqlstate::kDatatypeMismatch);
  EXPECT_EQ(CountRows(*db_), 0);
}

TEST_F(DatabaseTest, RowsFromMemtableWalAndSegmentsAreAllVisibleOnceAcrossRestarts) {
  CreateEvents();
  int64_t next = 0;
  for (int i = 0; i < 30; ++i) {  // small appends: memtable + flushes at 1000 rows
    ASSERT_TRUE(db_->Append("app", "events", Rows(next, 97)).ok());
    next += 97;
  }
  ASSERT_TRUE(db_->Append("app", "events", Rows(next, 6000)).ok());  // direct segment
  next += 6000;
  EXPECT_EQ(CountRows(*db_), next);
  Reopen();  // unflushed rows come back from the WAL
  EXPECT_EQ(CountRows(*db_), next);
  ASSERT_TRUE(db_->Flush().ok());
  Reopen();
  EXPECT_EQ(CountRows(*db_), next);
  auto all = ReadAll(**db_->Scan("app", "events", ScanSpec{{"id"}, {}}));
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < all->num_rows(); ++i) ids.push_back(all->column(0)->values<int64_t>()[i]);
  std::sort(ids.begin(), ids.end());
  for (int64_t i = 0; i < next; ++i) ASSERT_EQ(ids[static_cast<size_t>(i)], i);
}

TEST_F(DatabaseTest, PredicatesFilterAndPruneBatches) {
  CreateEvents(TableOptions{formats::CompressionCodec::kZstd, {"id"}});
  // Segments get bloom filters for the columns of bloom indexes.
  ASSERT_TRUE(
      db_->CreateIndex(IndexInfo{"app", "events_name", "events", {"name"}, "bloom"}, false).ok());
  ASSERT_TRUE(db_->Append("app", "events", Rows(0, 10000)).ok());
  ScanSpec spec;
  spec.columns = {"id", "name"};
  spec.predicates = {ColumnPredicate{"id", CompareOp::kGe, Value::Int64(9000)},
                     ColumnPredicate{"id", CompareOp::kLt, Value::Int64(9100)}};
  auto scan = *db_->Scan("app", "events", spec);
  auto rows = ReadAll(*scan);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->num_rows(), 100);
  EXPECT_GT(scan->stats().batches_skipped, 30);  // 256-row batches, sorted by id
  EXPECT_EQ(rows->schema()->field(1).name, "name");

  EXPECT_EQ(CountRows(*db_, ScanSpec{{}, {ColumnPredicate{"name", CompareOp::kIsNull, {}}}}), 2000);
  EXPECT_EQ(
      CountRows(*db_,
                ScanSpec{{}, {ColumnPredicate{"name", CompareOp::kEq, Value::String("name3")}}}),
      1143);  // ids = 3 (mod 7) less those = 0 (mod 5)
  // Equality on a value no segment holds is answered by the bloom filter.
  auto miss =
      *db_->Scan("app", "events",
                 ScanSpec{{}, {ColumnPredicate{"name", CompareOp::kEq, Value::String("zzz")}}});
  EXPECT_EQ(ReadAll(*miss)->num_rows(), 0);
  EXPECT_EQ(miss->stats().segments_scanned, 0);
  // A constant of the wrong type is a clear error.
  auto bad = db_->Scan("app", "events",
                       ScanSpec{{}, {ColumnPredicate{"id", CompareOp::kEq, Value::String("x")}}});
  EXPECT_EQ(bad.status().sqlstate(), sqlstate::kDatatypeMismatch);
}

TEST_F(DatabaseTest, TruncateAndDropAreDurable) {
  CreateEvents();
  ASSERT_TRUE(db_->Append("app", "events", Rows(0, 500)).ok());
  ASSERT_TRUE(db_->Append("app", "events", Rows(500, 6000)).ok());
  ASSERT_TRUE(db_->TruncateTable("app", "events").ok());
  ASSERT_TRUE(db_->Append("app", "events", Rows(0, 10)).ok());
  Reopen();
  EXPECT_EQ(CountRows(*db_), 10);
  ASSERT_TRUE(db_->DropTable("app", "events").ok());
  ASSERT_TRUE(db_->CreateTable("app", "events", EventSchema()).ok());
  Reopen();
  EXPECT_EQ(CountRows(*db_), 0);
  ASSERT_TRUE(db_->DropDatabase("app").ok());
  Reopen();
  EXPECT_TRUE(db_->ListDatabases().empty());
}

TEST_F(DatabaseTest, ConcurrentAppendersAreAllAcknowledgedAndVisible) {
  CreateEvents();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(db_->Append("app", "events", Rows(t * 100000 + i * 40, 40)).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(CountRows(*db_), 4 * 50 * 40);
  Reopen();
  EXPECT_EQ(CountRows(*db_), 4 * 50 * 40);
  EXPECT_TRUE(db_->Verify().ok());
}

// Files in the table's segment directory (segments and their .idx files).
size_t SegmentFiles(const std::string& data_dir) {
  const std::filesystem::path dir = std::filesystem::path(data_dir) / "segments" / "app" / "events";
  if (!std::filesystem::exists(dir)) return 0;
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                           std::filesystem::directory_iterator()));
}

TEST_F(DatabaseTest, BulkLoadIsInvisibleUntilCommitThenEveryRowAppearsAtOnce) {
  CreateEvents();
  ASSERT_TRUE(db_->Append("app", "events", Rows(0, 10)).ok());
  auto load = db_->BeginBulkAppend("app", "events");
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  for (int i = 0; i < 9; ++i) {  // 6300 rows: segments of 1000+ rows written as they fill
    ASSERT_TRUE((*load)->Add(Rows(10 + i * 700, 700)).ok());
  }
  EXPECT_EQ((*load)->num_rows(), 6300);
  EXPECT_GT(SegmentFiles(dir_.path()), 0u);  // written already...
  EXPECT_EQ(CountRows(*db_), 10);            // ...but not visible
  const Status committed = (*load)->Commit();
  ASSERT_TRUE(committed.ok()) << committed.ToString();
  EXPECT_EQ(CountRows(*db_), 6310);
  ScanSpec spec;
  spec.predicates.push_back(ColumnPredicate{"id", CompareOp::kGe, Value::Int64(6000)});
  EXPECT_EQ(CountRows(*db_, spec), 310);
  load->reset();
  Reopen();
  EXPECT_EQ(CountRows(*db_), 6310);
  EXPECT_TRUE(db_->Verify().ok());
}

TEST_F(DatabaseTest, AbandonedBulkLoadLeavesTheTableAndRemovesItsFiles) {
  CreateEvents();
  {
    auto load = db_->BeginBulkAppend("app", "events");
    ASSERT_TRUE(load.ok());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE((*load)->Add(Rows(i * 900, 900)).ok());
    EXPECT_GT(SegmentFiles(dir_.path()), 0u);
  }
  EXPECT_EQ(SegmentFiles(dir_.path()), 0u);
  EXPECT_EQ(CountRows(*db_), 0);
  Reopen();
  EXPECT_EQ(CountRows(*db_), 0);
}

TEST_F(DatabaseTest, SmallBulkLoadGoesThroughTheMemtable) {
  CreateEvents();
  auto load = db_->BeginBulkAppend("app", "events");
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->Add(Rows(0, 300)).ok());
  ASSERT_TRUE((*load)->Add(Rows(300, 200)).ok());
  ASSERT_TRUE((*load)->Commit().ok());
  EXPECT_EQ(SegmentFiles(dir_.path()), 0u);
  EXPECT_EQ(CountRows(*db_), 500);
  Reopen();
  EXPECT_EQ(CountRows(*db_), 500);
}

TEST_F(DatabaseTest, BulkLoadChecksRowsAndTheTable) {
  CreateEvents();
  EXPECT_EQ(db_->BeginBulkAppend("app", "missing").status().sqlstate(), sqlstate::kUndefinedTable);
  auto load = db_->BeginBulkAppend("app", "events");
  ASSERT_TRUE(load.ok());
  auto schema = std::make_shared<const types::Schema>(EventSchema());
  auto with_null = columnar::ChunkFromRows(
      schema, {{Value::Null(DataType::Int64()), Value::String("x"), Value::Float64(1)}});
  EXPECT_EQ((*load)->Add(*with_null).sqlstate(), sqlstate::kNotNullViolation);
  // The table dropped before the commit: the load fails and its segments go.
  ASSERT_TRUE((*load)->Add(Rows(0, 2500)).ok());
  ASSERT_TRUE(db_->DropTable("app", "events").ok());
  EXPECT_EQ((*load)->Commit().sqlstate(), sqlstate::kUndefinedTable);
  load->reset();
  EXPECT_EQ(SegmentFiles(dir_.path()), 0u);
}

TEST_F(DatabaseTest, TheAddSegmentsRecordAloneRedoesABulkLoad) {
  CreateEvents();
  // A crash after the load's WAL record but before its manifest: keep the manifest of now.
  const std::filesystem::path manifest = std::filesystem::path(dir_.path()) / "manifest.json";
  const std::string saved = manifest.string() + ".saved";
  std::filesystem::copy_file(manifest, saved);
  auto load = db_->BeginBulkAppend("app", "events");
  ASSERT_TRUE(load.ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*load)->Add(Rows(i * 1000, 1000)).ok());
  ASSERT_TRUE((*load)->Commit().ok());
  load->reset();
  db_.reset();
  std::filesystem::copy_file(saved, manifest, std::filesystem::copy_options::overwrite_existing);
  Reopen();
  EXPECT_EQ(CountRows(*db_), 4000);
  EXPECT_TRUE(db_->Verify().ok());
  Reopen();  // replay is idempotent
  EXPECT_EQ(CountRows(*db_), 4000);
}

}  // namespace
}  // namespace boyodb::engine
