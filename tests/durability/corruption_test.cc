// Damage to the files of a data directory, through the embedded API: a torn WAL tail is cut and
// everything acknowledged before it survives; a corrupt segment fails scans of its table with
// XX001 naming the file while other tables stay readable and Verify lists it; a corrupt
// manifest.json is replaced by its backup at open, which open_report() records.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/database.h"
#include "tests/durability/durability_rows.h"
#include "tests/support/fault_injection_file_system.h"
#include "tests/support/temp_dir.h"

namespace boyodb::durability {
namespace {

using testing::FaultInjectionFileSystem;

FileSystem& Fs() { return *DefaultFileSystem(); }

// Options that keep every row in the memtable and the WAL until an explicit Flush or Close.
engine::DatabaseOptions WalOnlyOptions(FileSystem* fs = nullptr) {
  engine::DatabaseOptions options;
  options.file_system = fs;
  options.memtable_flush_rows = 1'000'000;
  options.direct_segment_rows = 1'000'000;
  options.memtable_flush_age_ms = 0;
  return options;
}

std::unique_ptr<engine::Database> OpenOrDie(const std::string& dir,
                                            engine::DatabaseOptions options = {}) {
  auto database = engine::Database::Open(dir, std::move(options));
  EXPECT_TRUE(database.ok()) << database.error().ToString();
  return database.ok() ? std::move(database).value() : nullptr;
}

columnar::SchemaPtr Schema() { return std::make_shared<const types::Schema>(EventsSchema()); }

void CreateTable(engine::Database& database, std::string_view table) {
  ASSERT_TRUE(database.CreateDatabase(kDatabase, /*if_not_exists=*/true).ok());
  ASSERT_TRUE(database.CreateTable(kDatabase, table, EventsSchema()).ok());
}

void AppendBatches(engine::Database& database, std::string_view table, int64_t first, int64_t count,
                   int32_t rows) {
  for (int64_t batch = first; batch < first + count; ++batch) {
    const Status status = database.Append(kDatabase, table, MakeEventsBatch(Schema(), batch, rows));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
}

// Rows per batch id in the table, after checking every cell against durability_rows.h.
// An error if the scan fails.
Result<std::map<int64_t, int64_t>> CountRows(const engine::Database& database,
                                             std::string_view table) {
  BOYO_ASSIGN_OR_RETURN(auto scan, database.Scan(kDatabase, table, engine::ScanSpec{}));
  BOYO_ASSIGN_OR_RETURN(const columnar::Chunk all, engine::ReadAll(*scan));
  std::map<int64_t, int64_t> counts;
  for (int64_t i = 0; i < all.num_rows(); ++i) {
    const int64_t batch_id = all.column(0)->values<int64_t>()[i];
    const int32_t row = all.column(1)->values<int32_t>()[i];
    const std::optional<std::string> payload = ExpectedPayload(batch_id, row);
    const columnar::Array& payloads = *all.column(2);
    EXPECT_EQ(payloads.IsValid(i), payload.has_value()) << "batch " << batch_id << " row " << row;
    if (payload && payloads.IsValid(i)) {
      EXPECT_EQ(payloads.GetView(i), *payload);
    }
    EXPECT_EQ(all.column(3)->values<double>()[i], ExpectedValue(batch_id, row));
    ++counts[batch_id];
  }
  return counts;
}

std::map<int64_t, int64_t> Batches(int64_t first, int64_t count, int64_t rows) {
  std::map<int64_t, int64_t> batches;
  for (int64_t batch = first; batch < first + count; ++batch) batches[batch] = rows;
  return batches;
}

// The newest WAL file of a data directory.
std::string LastWalFile(const std::string& data_dir) {
  const std::string wal_dir = JoinPath(data_dir, "wal");
  auto names = Fs().ListDir(wal_dir);
  EXPECT_TRUE(names.ok());
  std::vector<std::string> logs;
  for (const std::string& name : *names) {
    if (name.starts_with("wal-") && name.ends_with(".log")) logs.push_back(name);
  }
  EXPECT_FALSE(logs.empty()) << "no WAL file in " << wal_dir;
  std::sort(logs.begin(), logs.end());
  return logs.empty() ? "" : JoinPath(wal_dir, logs.back());
}

bool Mentions(const Status& status, std::string_view text) {
  return status.FullMessage().find(text) != std::string::npos;
}

// Writes 10 batches of 50 rows into the WAL only, then "crashes": the process state is
// abandoned (every later write and fsync fails, so closing cannot flush), leaving exactly
// what an acknowledged-then-killed process leaves on disk.
void WriteBatchesAndCrash(const std::string& data_dir) {
  FaultInjectionFileSystem fs;
  {
    auto database = OpenOrDie(data_dir, WalOnlyOptions(&fs));
    ASSERT_NE(database, nullptr);
    CreateTable(*database, kTable);
    AppendBatches(*database, kTable, 0, 10, 50);
    ASSERT_TRUE(fs.SimulateCrash().ok());
    fs.SetWriteError(Status::IOError("injected: the process is gone"));
    fs.SetSyncError(Status::IOError("injected: the process is gone"));
  }
}

enum class TailDamage { kCutLastRecord, kPartialRecordAppended, kZerosAppended };

class TornWalTailTest : public ::testing::TestWithParam<TailDamage> {};

TEST_P(TornWalTailTest, OpenCutsTheTornTailAndKeepsEverythingBeforeIt) {
  testing::TempDir dir;
  const std::string data_dir = dir.Join("data");
  WriteBatchesAndCrash(data_dir);
  const std::string wal = LastWalFile(data_dir);
  ASSERT_FALSE(wal.empty());
  const uint64_t size = *Fs().FileSize(wal);

  std::map<int64_t, int64_t> expected = Batches(0, 10, 50);
  switch (GetParam()) {
    case TailDamage::kCutLastRecord:
      // The last record is batch 9's ingest record, far longer than 7 bytes.
      ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), wal, size - 7).ok());
      expected.erase(9);
      break;
    case TailDamage::kPartialRecordAppended: {
      // A record header claiming 1000 payload bytes followed by only 20: an interrupted write.
      std::string tail = {'\xe8', '\x03', '\x00', '\x00', '\x01', '\x12', '\x34', '\x56', '\x78'};
      tail.append(20, '\x5a');
      auto file = Fs().OpenWritable(wal, OpenMode::kAppend);
      ASSERT_TRUE(file.ok());
      ASSERT_TRUE((*file)->Append(tail).ok());
      ASSERT_TRUE((*file)->Close().ok());
      break;
    }
    case TailDamage::kZerosAppended:
      ASSERT_TRUE(FaultInjectionFileSystem::AppendZeros(Fs(), wal, 4096).ok());
      break;
  }

  {
    auto database = OpenOrDie(data_dir, WalOnlyOptions());
    ASSERT_NE(database, nullptr);
    auto counts = CountRows(*database, kTable);
    ASSERT_TRUE(counts.ok()) << counts.error().ToString();
    EXPECT_EQ(*counts, expected);
    // The log continues after the cut: new rows survive the next restart.
    AppendBatches(*database, kTable, 100, 2, 30);
  }
  expected[100] = 30;
  expected[101] = 30;
  auto database = OpenOrDie(data_dir);
  ASSERT_NE(database, nullptr);
  auto counts = CountRows(*database, kTable);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(*counts, expected);
  EXPECT_TRUE(database->Verify().ok());
}

INSTANTIATE_TEST_SUITE_P(Damage, TornWalTailTest,
                         ::testing::Values(TailDamage::kCutLastRecord,
                                           TailDamage::kPartialRecordAppended,
                                           TailDamage::kZerosAppended),
                         [](const ::testing::TestParamInfo<TailDamage>& info) {
                           switch (info.param) {
                             case TailDamage::kCutLastRecord:
                               return "CutLastRecord";
                             case TailDamage::kPartialRecordAppended:
                               return "PartialRecordAppended";
                             case TailDamage::kZerosAppended:
                               return "ZerosAppended";
                           }
                           return "Unknown";
                         });

TEST(CorruptSegmentTest, ScanOfTheDamagedTableFailsNamingTheFileAndOtherTablesStillWork) {
  testing::TempDir dir;
  const std::string data_dir = dir.Join("data");
  {
    auto database = OpenOrDie(data_dir);
    ASSERT_NE(database, nullptr);
    CreateTable(*database, "damaged");
    CreateTable(*database, "intact");
    AppendBatches(*database, "damaged", 0, 4, 2000);
    AppendBatches(*database, "intact", 0, 4, 2000);
    ASSERT_TRUE(database->Flush().ok());
    ASSERT_TRUE(database->Close().ok());
  }
  std::string segment_path;
  std::string segment_name;
  {
    auto database = OpenOrDie(data_dir);
    ASSERT_NE(database, nullptr);
    auto info = database->DescribeTable(kDatabase, "damaged");
    ASSERT_TRUE(info.ok());
    ASSERT_FALSE(info->segments.empty());
    segment_path = info->segments[0].path;
    segment_name = segment_path.substr(segment_path.find_last_of('/') + 1);
    ASSERT_TRUE(segment_name.ends_with(".seg")) << segment_path;
  }
  // The middle of the file is inside a column's buffers.
  const uint64_t size = *Fs().FileSize(segment_path);
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), segment_path, size / 2).ok());

  auto database = OpenOrDie(data_dir);
  ASSERT_NE(database, nullptr);
  auto damaged = CountRows(*database, "damaged");
  ASSERT_FALSE(damaged.ok()) << "a scan over a corrupt segment succeeded";
  EXPECT_EQ(damaged.error().code(), StatusCode::kCorruption) << damaged.error().ToString();
  EXPECT_EQ(damaged.error().sqlstate(), "XX001") << damaged.error().ToString();
  EXPECT_TRUE(Mentions(damaged.error(), segment_name)) << damaged.error().ToString();

  auto intact = CountRows(*database, "intact");
  ASSERT_TRUE(intact.ok()) << intact.error().ToString();
  EXPECT_EQ(*intact, Batches(0, 4, 2000));

  const engine::IntegrityReport report = database->Verify();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].sqlstate(), "XX001");
  EXPECT_TRUE(Mentions(report.problems[0], segment_name)) << report.problems[0].ToString();
}

enum class ManifestDamage { kFlippedByte, kTruncated, kEmpty };

class CorruptManifestTest : public ::testing::TestWithParam<ManifestDamage> {};

TEST_P(CorruptManifestTest, OpenFallsBackToTheBackupAndReportsIt) {
  testing::TempDir dir;
  const std::string data_dir = dir.Join("data");
  {
    auto database = OpenOrDie(data_dir);
    ASSERT_NE(database, nullptr);
    CreateTable(*database, "first");
    CreateTable(*database, "second");
    AppendBatches(*database, "first", 0, 3, 1000);
    ASSERT_TRUE(database->Flush().ok());
    AppendBatches(*database, "first", 3, 2, 500);
    AppendBatches(*database, "second", 0, 2, 700);
    ASSERT_TRUE(database->Close().ok());
  }
  const std::string manifest = JoinPath(data_dir, "manifest.json");
  const uint64_t size = *Fs().FileSize(manifest);
  switch (GetParam()) {
    case ManifestDamage::kFlippedByte:
      ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(Fs(), manifest, size / 2).ok());
      break;
    case ManifestDamage::kTruncated:
      ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), manifest, size / 2).ok());
      break;
    case ManifestDamage::kEmpty:
      ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(Fs(), manifest, 0).ok());
      break;
  }

  auto database = OpenOrDie(data_dir);
  ASSERT_NE(database, nullptr);
  const engine::IntegrityReport& report = database->open_report();
  ASSERT_FALSE(report.ok()) << "open did not report the corrupt manifest";
  EXPECT_TRUE(std::any_of(report.problems.begin(), report.problems.end(), [](const Status& s) {
    return Mentions(s, "manifest.json");
  })) << report.problems[0].ToString();

  std::map<int64_t, int64_t> first = Batches(0, 3, 1000);
  first[3] = first[4] = 500;
  auto first_counts = CountRows(*database, "first");
  ASSERT_TRUE(first_counts.ok()) << first_counts.error().ToString();
  EXPECT_EQ(*first_counts, first);
  auto second_counts = CountRows(*database, "second");
  ASSERT_TRUE(second_counts.ok()) << second_counts.error().ToString();
  EXPECT_EQ(*second_counts, Batches(0, 2, 700));
  EXPECT_TRUE(database->Verify().ok());
}

INSTANTIATE_TEST_SUITE_P(Damage, CorruptManifestTest,
                         ::testing::Values(ManifestDamage::kFlippedByte, ManifestDamage::kTruncated,
                                           ManifestDamage::kEmpty),
                         [](const ::testing::TestParamInfo<ManifestDamage>& info) {
                           switch (info.param) {
                             case ManifestDamage::kFlippedByte:
                               return "FlippedByte";
                             case ManifestDamage::kTruncated:
                               return "Truncated";
                             case ManifestDamage::kEmpty:
                               return "Empty";
                           }
                           return "Unknown";
                         });

}  // namespace
}  // namespace boyodb::durability
