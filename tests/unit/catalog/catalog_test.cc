// catalog::RenameTable: the edit that live RENAME TABLE and WAL replay share.
#include "catalog/catalog.h"

#include <gtest/gtest.h>

namespace boyodb::catalog {
namespace {

storage::Manifest TwoTables() {
  storage::Manifest manifest;
  manifest.databases = {"app"};
  for (const auto& [id, name] : {std::pair<uint64_t, const char*>{1, "t"}, {2, "other"}}) {
    storage::TableEntry table;
    table.table_id = id;
    table.database = "app";
    table.table = name;
    manifest.tables.push_back(table);
    storage::SegmentEntry segment;
    segment.segment_id = id * 10;
    segment.table_id = id;
    segment.database = "app";
    segment.table = name;
    manifest.entries.push_back(segment);
    storage::IndexEntry index;
    index.database = "app";
    index.name = std::string(name) + "_pkey";
    index.table = name;
    manifest.indexes.push_back(index);
  }
  storage::SequenceEntry sequence;
  sequence.database = "app";
  sequence.name = "t_id_seq";
  sequence.owner_table = "t";
  manifest.sequences.push_back(sequence);
  return manifest;
}

TEST(CatalogTest, RenameTableMovesOnlyWhatThePayloadNames) {
  storage::Manifest manifest = TwoTables();
  storage::wal::RenameTablePayload rename;
  rename.table_id = 1;
  rename.database = "app";
  rename.old_name = "t";
  rename.new_name = "u";
  rename.storage_dir = "t";
  rename.indexes = {"t_pkey"};
  rename.sequences = {"t_id_seq"};
  storage::ViewEntry view;
  view.database = "app";
  view.name = "v";
  view.definition = "CREATE VIEW v AS SELECT * FROM u t";
  rename.views = {view};
  view.database = "gone";
  rename.views.push_back(view);
  RenameTable(&manifest, rename);
  const storage::TableEntry* table = manifest.FindTableById(1);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->table, "u");
  EXPECT_EQ(table->SegmentDirName(), "t");
  EXPECT_EQ(manifest.FindTable("app", "t"), nullptr);
  EXPECT_EQ(manifest.entries[0].table, "u");
  EXPECT_EQ(manifest.entries[1].table, "other");
  EXPECT_EQ(manifest.FindIndex("app", "t_pkey")->table, "u");
  EXPECT_EQ(manifest.FindIndex("app", "other_pkey")->table, "other");
  EXPECT_EQ(manifest.FindSequence("app", "t_id_seq")->owner_table, "u");
  // Views of databases that exist are put; the other one is not.
  ASSERT_EQ(manifest.views.size(), 1u);
  EXPECT_EQ(manifest.views[0].definition, "CREATE VIEW v AS SELECT * FROM u t");
  EXPECT_EQ(FindRelation(manifest, "app", "u"), RelationKind::kTable);
  EXPECT_EQ(FindRelation(manifest, "app", "t"), RelationKind::kNone);
}

}  // namespace
}  // namespace boyodb::catalog
