// Database::AlterSequence and CYCLE sequences: PostgreSQL's checks of new settings, the exact
// position logged by a change (so a restart neither repeats nor skips a value), wrapping at
// the bound, and the change replayed from the WAL over a manifest that never saw it.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/sqlstate.h"
#include "engine/database.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

// An alteration that only sets what `edit` changes, restarting at `restart` if given.
std::function<Result<SequenceAlteration>(const SequenceInfo&)> Alter(
    std::function<void(SequenceInfo&)> edit, std::optional<int64_t> restart = std::nullopt) {
  return [edit = std::move(edit), restart](const SequenceInfo& current) {
    SequenceAlteration out{current, restart};
    edit(out.settings);
    return Result<SequenceAlteration>(out);
  };
}

class AlterSequenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_TRUE(db_->CreateDatabase("app").ok());
    SequenceInfo sequence;
    sequence.database = "app";
    sequence.name = "s";
    ASSERT_TRUE(db_->CreateSequence(sequence, false).ok());
  }
  void Open(const std::string& dir = "") {
    db_.reset();
    DatabaseOptions options;
    options.memtable_flush_age_ms = 0;
    auto opened = Database::Open(dir.empty() ? dir_.path() : dir, options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  std::vector<int64_t> Next(int64_t count) {
    Result<std::vector<int64_t>> values = db_->NextSequenceValues("app", "s", count);
    EXPECT_TRUE(values.ok()) << values.status().ToString();
    return values.ok() ? *values : std::vector<int64_t>{};
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AlterSequenceTest, ChangesHoldAcrossReopenAndCrash) {
  EXPECT_EQ(Next(3), (std::vector<int64_t>{1, 2, 3}));
  ASSERT_TRUE(
      db_->AlterSequence("app", "s", Alter([](SequenceInfo& s) { s.increment = 10; })).ok());
  EXPECT_EQ(Next(1), std::vector<int64_t>{13});
  // The copy is what a kill leaves: nextval's logged bound, after the change's exact position.
  testing::TempDir crashed;
  std::filesystem::copy(
      dir_.path(), crashed.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(db_->AlterSequence("app", "s", Alter([](SequenceInfo&) {}, 100)).ok());
  Open();
  EXPECT_EQ(Next(2), (std::vector<int64_t>{100, 110}));
  Open(crashed.path());
  const std::vector<int64_t> after_crash = Next(1);
  ASSERT_EQ(after_crash.size(), 1u);
  EXPECT_GT(after_crash[0], 13);  // never a value handed out before the crash
  EXPECT_EQ(db_->FindSequence("app", "s")->increment, 10);
}

TEST_F(AlterSequenceTest, TheWalRecordAloneRedoesTheChange) {
  EXPECT_EQ(Next(1), std::vector<int64_t>{1});
  const std::filesystem::path manifest = std::filesystem::path(dir_.path()) / "manifest.json";
  const std::string saved = manifest.string() + ".saved";
  std::filesystem::copy_file(manifest, saved);
  ASSERT_TRUE(db_->AlterSequence("app", "s",
                                 Alter(
                                     [](SequenceInfo& s) {
                                       s.max_value = 50;
                                       s.cycle = true;
                                     },
                                     49))
                  .ok());
  db_.reset();
  std::filesystem::copy_file(saved, manifest, std::filesystem::copy_options::overwrite_existing);
  Open();
  const std::optional<SequenceInfo> sequence = db_->FindSequence("app", "s");
  ASSERT_TRUE(sequence.has_value());
  EXPECT_EQ(sequence->max_value, 50);
  EXPECT_TRUE(sequence->cycle);
  EXPECT_EQ(Next(3), (std::vector<int64_t>{49, 50, 1}));
}

TEST_F(AlterSequenceTest, CycleWrapsBothWaysAndPlainSequencesStop) {
  ASSERT_TRUE(db_->AlterSequence("app", "s",
                                 Alter(
                                     [](SequenceInfo& s) {
                                       s.increment = -2;
                                       s.min_value = -5;
                                       s.max_value = 0;
                                       s.start = 0;
                                       s.cycle = true;
                                     },
                                     0))
                  .ok());
  EXPECT_EQ(Next(5), (std::vector<int64_t>{0, -2, -4, 0, -2}));
  ASSERT_TRUE(db_->AlterSequence("app", "s", Alter([](SequenceInfo& s) { s.cycle = false; })).ok());
  EXPECT_EQ(Next(1), std::vector<int64_t>{-4});
  const Status at_bound = db_->NextSequenceValues("app", "s", 1).status();
  EXPECT_EQ(at_bound.sqlstate(), sqlstate::kSequenceGeneratorLimitExceeded);
  EXPECT_EQ(at_bound.message(), "nextval: reached minimum value of sequence \"s\" (-5)");
}

TEST_F(AlterSequenceTest, BadSettingsChangeNothing) {
  EXPECT_EQ(Next(2), (std::vector<int64_t>{1, 2}));
  const auto message = [&](std::function<void(SequenceInfo&)> edit,
                           std::optional<int64_t> restart = std::nullopt) {
    const Status status = db_->AlterSequence("app", "s", Alter(std::move(edit), restart));
    EXPECT_EQ(status.sqlstate(), sqlstate::kInvalidParameterValue);
    return std::string(status.message());
  };
  EXPECT_EQ(message([](SequenceInfo& s) { s.increment = 0; }), "INCREMENT must not be zero");
  EXPECT_EQ(message([](SequenceInfo& s) { s.min_value = s.max_value; }),
            "MINVALUE (9223372036854775807) must be less than MAXVALUE (9223372036854775807)");
  EXPECT_EQ(message([](SequenceInfo& s) { s.start = 0; }),
            "START value (0) cannot be less than MINVALUE (1)");
  EXPECT_EQ(message([](SequenceInfo& s) { s.max_value = 1; }),
            "MINVALUE (1) must be less than MAXVALUE (1)");
  EXPECT_EQ(message([](SequenceInfo& s) {
              s.min_value = 0;
              s.max_value = 1;
              s.start = 5;
            }),
            "START value (5) cannot be greater than MAXVALUE (1)");
  EXPECT_EQ(message([](SequenceInfo& s) {
              s.min_value = 0;
              s.max_value = 1;
            }),
            "RESTART value (2) cannot be greater than MAXVALUE (1)");
  EXPECT_EQ(message([](SequenceInfo&) {}, 0), "RESTART value (0) cannot be less than MINVALUE (1)");
  EXPECT_EQ(db_->AlterSequence("app", "missing", Alter([](SequenceInfo&) {})).sqlstate(),
            sqlstate::kUndefinedTable);
  EXPECT_EQ(Next(1), std::vector<int64_t>{3});
}

}  // namespace
}  // namespace boyodb::engine
