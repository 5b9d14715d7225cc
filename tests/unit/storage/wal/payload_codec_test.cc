#include "storage/wal/payload_codec.h"

#include <gtest/gtest.h>

namespace boyodb::storage::wal {
namespace {

using types::DataType;
using types::Field;
using types::Value;

TEST(PayloadCodecTest, IngestRoundTrip) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<Field>{Field("id", DataType::Int64(), false), Field("s", DataType::String())});
  const auto chunk = *columnar::ChunkFromRows(
      schema,
      {{Value::Int64(1), Value::String("a")}, {Value::Int64(2), Value::Null(DataType::String())}});
  const auto payload = EncodeIngest(42, chunk);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  const auto decoded = DecodeIngest(*payload);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->table_id, 42u);
  ASSERT_EQ(decoded->chunks.size(), 1u);
  EXPECT_TRUE(decoded->chunks[0].Equals(chunk));
}

TEST(PayloadCodecTest, ShortOrDamagedPayloadsAreCorruption) {
  EXPECT_TRUE(DecodeTableId("abc").error().IsCorruption());
  EXPECT_FALSE(DecodeIngest(std::string(8, '\0') + "garbage").ok());
  EXPECT_FALSE(DecodeName("").ok());
  EXPECT_FALSE(DecodeAddSegment("{").ok());
  EXPECT_FALSE(DecodeAddSegments("{}").ok());
  EXPECT_FALSE(DecodeAddSegments("[1]").ok());
  EXPECT_FALSE(DecodeAddSegments("[{").ok());
}

TEST(PayloadCodecTest, DdlRoundTrip) {
  TableEntry table;
  table.table_id = 3;
  table.database = "d";
  table.table = "t";
  table.schema = types::Schema({Field("x", DataType::Decimal(10, 2))});
  const auto decoded_table = DecodeCreateTable(EncodeCreateTable(table));
  ASSERT_TRUE(decoded_table.ok()) << decoded_table.status().ToString();
  EXPECT_EQ(decoded_table->schema, table.schema);
  EXPECT_EQ(*DecodeTableId(EncodeTableId(1ull << 40)), 1ull << 40);
  EXPECT_EQ(*DecodeName(EncodeName("analytics")), "analytics");
  SegmentEntry segment;
  segment.segment_id = 9;
  segment.checksum = 77;
  const auto decoded_segment = DecodeAddSegment(EncodeAddSegment(segment));
  ASSERT_TRUE(decoded_segment.ok());
  EXPECT_EQ(decoded_segment->segment_id, 9u);
  EXPECT_EQ(decoded_segment->checksum, 77u);
}

TEST(PayloadCodecTest, AddSegmentsRoundTripsEveryEntryInOrder) {
  std::vector<SegmentEntry> segments(3);
  for (size_t i = 0; i < segments.size(); ++i) {
    segments[i].segment_id = 10 + i;
    segments[i].table_id = 4;
    segments[i].row_count = 1000 * (i + 1);
    segments[i].checksum = static_cast<uint32_t>(i * 7);
  }
  const auto decoded = DecodeAddSegments(EncodeAddSegments(segments));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->size(), 3u);
  for (size_t i = 0; i < segments.size(); ++i) {
    EXPECT_EQ((*decoded)[i].segment_id, 10 + i);
    EXPECT_EQ((*decoded)[i].table_id, 4u);
    EXPECT_EQ((*decoded)[i].row_count, 1000 * (i + 1));
    EXPECT_EQ((*decoded)[i].checksum, i * 7);
  }
  const auto empty = DecodeAddSegments(EncodeAddSegments({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(PayloadCodecTest, RenameTableRoundTripsWhatFollowsTheTable) {
  RenameTablePayload rename;
  rename.table_id = 12;
  rename.database = "app";
  rename.old_name = "orders";
  rename.new_name = "purchases";
  rename.storage_dir = "orders";
  rename.indexes = {"orders_pkey", "orders_code_key"};
  rename.sequences = {"orders_id_seq"};
  ViewEntry view;
  view.database = "app";
  view.name = "v";
  view.definition = "CREATE VIEW v AS SELECT * FROM purchases orders";
  view.columns = {"id"};
  rename.views = {view};
  const auto decoded = DecodeRenameTable(EncodeRenameTable(rename));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->table_id, 12u);
  EXPECT_EQ(decoded->database, "app");
  EXPECT_EQ(decoded->old_name, "orders");
  EXPECT_EQ(decoded->new_name, "purchases");
  EXPECT_EQ(decoded->storage_dir, "orders");
  EXPECT_EQ(decoded->indexes, rename.indexes);
  EXPECT_EQ(decoded->sequences, rename.sequences);
  ASSERT_EQ(decoded->views.size(), 1u);
  EXPECT_EQ(decoded->views[0].definition, view.definition);
  EXPECT_EQ(decoded->views[0].columns, view.columns);
  EXPECT_TRUE(DecodeRenameTable("{").error().IsCorruption());
  EXPECT_TRUE(DecodeRenameTable("{\"table_id\": 1}").error().IsCorruption());
  EXPECT_TRUE(DecodeRenameTable(R"({"table_id": 1, "database": "a", "old_name": "b",
      "new_name": "c", "storage_dir": "", "indexes": [1], "sequences": [], "views": []})")
                  .error()
                  .IsCorruption());
}

}  // namespace
}  // namespace boyodb::storage::wal
