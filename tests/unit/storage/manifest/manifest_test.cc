#include "storage/manifest/manifest.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace boyodb::storage {
namespace {

Manifest Sample(uint64_t version) {
  Manifest manifest;
  manifest.version = version;
  manifest.databases = {"analytics"};
  TableEntry table;
  table.table_id = 7;
  table.database = "analytics";
  table.table = "events";
  table.schema = types::Schema({types::Field("id", types::DataType::Int64(), false)});
  table.compression = formats::CompressionCodec::kZstd;
  table.sort_key = {"id"};
  table.column_defaults = {{"id", "nextval('s')"}, {"note", "'it''s'"}};
  table.replay_from_lsn = 99;
  manifest.tables.push_back(table);
  SegmentEntry entry;
  entry.segment_id = 3;
  entry.database = "analytics";
  entry.table = "events";
  entry.table_id = 7;
  entry.row_count = 10000;
  entry.compressed_bytes = 1234;
  entry.checksum = 3829472634u;
  entry.min_event_time = -5;
  entry.version_added = version;
  manifest.entries.push_back(entry);
  manifest.checkpoint_lsn = 55;
  manifest.next_segment_id = 4;
  manifest.next_table_id = 8;
  return manifest;
}

TEST(ManifestJsonTest, RoundTripKeepsEveryField) {
  const Manifest manifest = Sample(42);
  const std::string json = ManifestToJson(manifest);
  EXPECT_NE(json.find("\"format_version\""), std::string::npos);
  const Result<Manifest> parsed = ManifestFromJson(json, "manifest.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->version, 42u);
  EXPECT_EQ(parsed->checkpoint_lsn, 55u);
  ASSERT_EQ(parsed->tables.size(), 1u);
  EXPECT_EQ(parsed->tables[0].schema, manifest.tables[0].schema);
  EXPECT_EQ(parsed->tables[0].compression, formats::CompressionCodec::kZstd);
  EXPECT_EQ(parsed->tables[0].replay_from_lsn, 99u);
  EXPECT_EQ(parsed->tables[0].sort_key, manifest.tables[0].sort_key);
  EXPECT_EQ(parsed->tables[0].column_defaults, manifest.tables[0].column_defaults);
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].checksum, 3829472634u);
  EXPECT_EQ(parsed->entries[0].min_event_time, -5);
  EXPECT_FALSE(parsed->entries[0].max_event_time.has_value());
}

TEST(ManifestJsonTest, ChecksStorageDirAndCycleRoundTrip) {
  Manifest manifest = Sample(1);
  manifest.tables[0].checks = {{"events_id_check", "id > 0"}, {"named", "id <> 13"}};
  manifest.tables[0].storage_dir = "old_events";
  SequenceEntry sequence;
  sequence.database = "analytics";
  sequence.name = "s";
  sequence.cycle = true;
  manifest.sequences.push_back(sequence);
  const Result<Manifest> parsed = ManifestFromJson(ManifestToJson(manifest), "manifest.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->tables[0].checks, manifest.tables[0].checks);
  EXPECT_EQ(parsed->tables[0].storage_dir, "old_events");
  EXPECT_EQ(parsed->tables[0].SegmentDirName(), "old_events");
  ASSERT_EQ(parsed->sequences.size(), 1u);
  EXPECT_TRUE(parsed->sequences[0].cycle);
  // Entries written before these fields existed read as none, the table's name and no CYCLE.
  const Result<Manifest> plain = ManifestFromJson(ManifestToJson(Sample(1)), "manifest.json");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->tables[0].checks.empty());
  EXPECT_EQ(plain->tables[0].SegmentDirName(), "events");
}

TEST(ManifestJsonTest, EveryFlippedByteIsDetected) {
  const std::string json = ManifestToJson(Sample(1));
  for (size_t i = 0; i < json.size(); ++i) {
    std::string damaged = json;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    const Result<Manifest> parsed = ManifestFromJson(damaged, "/d/manifest.json");
    if (parsed.ok()) {
      // Flipping case inside the checksum's own digits can't happen (digits ^ 0x20 are not
      // digits), so any successful parse must be of unchanged content.
      ADD_FAILURE() << "flip at " << i << " was not detected";
      continue;
    }
    EXPECT_NE(parsed.error().message().find("/d/manifest.json"), std::string_view::npos);
  }
}

TEST(ManifestJsonTest, TruncationIsCorruption) {
  const std::string json = ManifestToJson(Sample(1));
  for (size_t length = 0; length < json.size() - 1; length += 7) {
    EXPECT_TRUE(ManifestFromJson(json.substr(0, length), "m").error().IsCorruption()) << length;
  }
}

TEST(ManifestStoreTest, PublishThenReopen) {
  testing::TempDir dir;
  std::optional<Status> problem;
  auto store = ManifestStore::Open(*DefaultFileSystem(), dir.path(), &problem);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->current()->version, 0u);
  for (uint64_t version = 1; version <= 5; ++version) {
    ASSERT_TRUE((*store)->Publish(Sample(version)).ok());
  }
  EXPECT_FALSE((*store)->Publish(Sample(9)).ok());  // versions must be consecutive
  auto reopened = ManifestStore::Open(*DefaultFileSystem(), dir.path(), &problem);
  ASSERT_TRUE(reopened.ok());
  EXPECT_FALSE(problem.has_value());
  EXPECT_EQ((*reopened)->current()->version, 5u);
  // Only the newest backups are kept.
  EXPECT_EQ(DefaultFileSystem()->ListDir(dir.Join("wal"))->size(),
            static_cast<size_t>(ManifestStore::kBackupsKept));
}

TEST(ManifestStoreTest, CorruptManifestFallsBackToBackupAndSaysSo) {
  testing::TempDir dir;
  std::optional<Status> problem;
  {
    auto store = *ManifestStore::Open(*DefaultFileSystem(), dir.path(), &problem);
    ASSERT_TRUE(store->Publish(Sample(1)).ok());
    ASSERT_TRUE(store->Publish(Sample(2)).ok());
  }
  const std::string path = dir.Join("manifest.json");
  std::string text = *ReadWholeFile(*DefaultFileSystem(), path);
  text[text.size() / 2] ^= 1;
  ASSERT_TRUE(WriteFileAtomically(*DefaultFileSystem(), path, text).ok());
  auto store = ManifestStore::Open(*DefaultFileSystem(), dir.path(), &problem);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE(problem.has_value());
  EXPECT_TRUE(problem->IsCorruption());
  EXPECT_NE(problem->message().find("manifest.json"), std::string_view::npos);
  EXPECT_EQ((*store)->current()->version, 2u);
  EXPECT_TRUE(*DefaultFileSystem()->Exists(path + ".corrupt"));
}

}  // namespace
}  // namespace boyodb::storage
