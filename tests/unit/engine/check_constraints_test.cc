// CHECK constraints below SQL: PostgreSQL's names for unnamed ones, binding errors, the
// vectorized check of a chunk (NULL passes), and the Database enforcing them on every write
// path (append, bulk load, mutation) and keeping them across reopen and WAL replay.
#include "engine/check_constraints.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "engine/database.h"
#include "functions/function_registry.h"
#include "sql/parser/parser.h"
#include "tests/support/temp_dir.h"

namespace boyodb::engine {
namespace {

using types::DataType;
using types::Field;
using types::Value;

const types::Schema kSchema({Field("lo", DataType::Int32()), Field("hi", DataType::Int32())});

columnar::Chunk Rows(const std::vector<std::vector<Value>>& rows) {
  return *columnar::ChunkFromRows(std::make_shared<const types::Schema>(kSchema), rows);
}

Value Int(int32_t value) { return Value::Int32(value); }
Value Null() { return Value::Null(DataType::Int32()); }

// BindCheck's status for `text` over kSchema as table "t".
Status BindError(const std::string& text) {
  Result<std::vector<sql::ast::Statement>> parsed = sql::Parse("SELECT " + text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return BindCheck(*parsed->front().select->items[0].expr, "t", kSchema,
                   functions::FunctionRegistry::Builtins())
      .status();
}

TEST(CheckConstraintsTest, NamesFollowPostgres) {
  EXPECT_EQ(*ChooseCheckName("t", "lo > 0", {}), "t_lo_check");
  EXPECT_EQ(*ChooseCheckName("t", "t.lo > 0 AND lo < 9", {}), "t_lo_check");
  EXPECT_EQ(*ChooseCheckName("t", "lo < hi", {}), "t_check");
  EXPECT_EQ(*ChooseCheckName("t", "true", {}), "t_check");
  EXPECT_EQ(*ChooseCheckName("t", "lo > 0", {"t_lo_check", "t_lo_check1"}), "t_lo_check2");
  // 63 characters at most: the longer name gives way.
  const std::string table(60, 'x');
  const std::string name = *ChooseCheckName(table, "lo > 0", {});
  EXPECT_EQ(name, std::string(54, 'x') + "_lo_check");
  EXPECT_EQ(name.size(), 63u);
}

TEST(CheckConstraintsTest, BindingRefusesWhatPostgresRefuses) {
  EXPECT_TRUE(BindError("lo < hi").ok());
  EXPECT_TRUE(BindError("t.lo > 0").ok());
  EXPECT_TRUE(BindError("NULL").ok());
  EXPECT_EQ(BindError("lo > (SELECT 1)").sqlstate(), sqlstate::kFeatureNotSupported);
  EXPECT_EQ(BindError("lo > (SELECT 1)").message(), "cannot use subquery in check constraint");
  EXPECT_EQ(BindError("lo > sum(hi)").message(),
            "aggregate functions are not allowed in check constraints");
  EXPECT_EQ(BindError("lo > sum(hi)").sqlstate(), sqlstate::kGroupingError);
  EXPECT_EQ(BindError("lo > row_number() OVER ()").sqlstate(), sqlstate::kWindowingError);
  EXPECT_EQ(BindError("generate_series(1, 2) > lo").message(),
            "set-returning functions are not allowed in check constraints");
  EXPECT_EQ(BindError("nope > 0").sqlstate(), sqlstate::kUndefinedColumn);
  EXPECT_EQ(BindError("other.lo > 0").sqlstate(), sqlstate::kUndefinedTable);
  EXPECT_EQ(BindError("lo + 1").message(),
            "argument of CHECK must be type boolean, not type integer");
}

TEST(CheckConstraintsTest, OnlyFalseFailsAndTheFirstFailingConstraintIsNamed) {
  const Result<CheckConstraints> checks =
      CheckConstraints::Bind("t", kSchema, {{"ordered", "lo < hi"}, {"positive", "lo > 0"}},
                             functions::FunctionRegistry::Builtins());
  ASSERT_TRUE(checks.ok()) << checks.status().ToString();
  using Kind = CheckConstraints::Rows;
  EXPECT_TRUE(
      checks->Check(Rows({{Int(1), Int(2)}, {Null(), Int(1)}, {Int(5), Null()}}), Kind::kNew).ok());
  const Status unordered = checks->Check(Rows({{Int(1), Int(2)}, {Int(3), Int(2)}}), Kind::kNew);
  EXPECT_EQ(unordered.sqlstate(), sqlstate::kCheckViolation);
  EXPECT_EQ(unordered.message(),
            "new row for relation \"t\" violates check constraint \"ordered\"");
  const Status negative = checks->Check(Rows({{Int(-2), Int(2)}}), Kind::kExisting);
  EXPECT_EQ(negative.message(),
            "check constraint \"positive\" of relation \"t\" is violated by some row");
  // Errors of the expression itself pass through.
  const Result<CheckConstraints> dividing = CheckConstraints::Bind(
      "t", kSchema, {{"d", "10 / lo > 0"}}, functions::FunctionRegistry::Builtins());
  ASSERT_TRUE(dividing.ok());
  EXPECT_EQ(dividing->Check(Rows({{Int(0), Int(1)}}), Kind::kNew).sqlstate(),
            sqlstate::kDivisionByZero);
}

class CheckedTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    ASSERT_TRUE(db_->CreateDatabase("app").ok());
    TableOptions options;
    options.check_constraints = {{"t_check", "lo < hi"}};
    ASSERT_TRUE(db_->CreateTable("app", "t", kSchema, options).ok());
  }
  void Open() {
    db_.reset();
    DatabaseOptions options;
    options.memtable_flush_age_ms = 0;
    options.direct_segment_rows = 3;  // bulk rows go straight to a segment
    auto opened = Database::Open(dir_.path(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  int64_t Count() {
    auto scan = db_->Scan("app", "t", ScanSpec{});
    EXPECT_TRUE(scan.ok());
    return ReadAll(**scan)->num_rows();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(CheckedTableTest, EveryWritePathChecks) {
  EXPECT_EQ(db_->Append("app", "t", Rows({{Int(2), Int(1)}})).sqlstate(),
            sqlstate::kCheckViolation);
  // A direct segment too.
  EXPECT_EQ(db_->Append("app", "t", Rows({{Int(1), Int(2)}, {Int(1), Int(2)}, {Int(2), Int(1)}}))
                .sqlstate(),
            sqlstate::kCheckViolation);
  auto load = db_->BeginBulkAppend("app", "t");
  ASSERT_TRUE(load.ok());
  EXPECT_EQ((*load)->Add(Rows({{Int(9), Int(0)}})).sqlstate(), sqlstate::kCheckViolation);
  ASSERT_TRUE(db_->Append("app", "t", Rows({{Int(1), Int(2)}})).ok());
  auto mutation = db_->BeginMutation("app", "t");
  ASSERT_TRUE(mutation.ok());
  const columnar::Chunk bad = Rows({{Int(5), Int(5)}});
  EXPECT_EQ((*mutation)->Commit({}, &bad).status().sqlstate(), sqlstate::kCheckViolation);
  EXPECT_EQ(Count(), 1);
}

TEST_F(CheckedTableTest, AddConstraintChecksRowsInSegmentsAndMemtable) {
  ASSERT_TRUE(db_->Append("app", "t", Rows({{Int(-1), Int(2)}})).ok());
  ASSERT_TRUE(db_->Flush().ok());
  ASSERT_TRUE(db_->Append("app", "t", Rows({{Int(1), Int(20)}})).ok());
  ColumnChange positive;
  positive.kind = ColumnChange::Kind::kAddCheck;
  positive.check = {"positive", "lo > 0"};
  const Status failed = db_->AlterTable("app", "t", positive);
  EXPECT_EQ(failed.sqlstate(), sqlstate::kCheckViolation);
  EXPECT_EQ(failed.message(),
            "check constraint \"positive\" of relation \"t\" is violated by some row");
  ColumnChange small;
  small.kind = ColumnChange::Kind::kAddCheck;
  small.check = {"small", "hi < 10"};
  EXPECT_EQ(db_->AlterTable("app", "t", small).sqlstate(), sqlstate::kCheckViolation);
  small.check.expression = "hi < 100";
  ASSERT_TRUE(db_->AlterTable("app", "t", small).ok());
  EXPECT_EQ(db_->AlterTable("app", "t", small).sqlstate(), sqlstate::kDuplicateObject);
  EXPECT_EQ(db_->Append("app", "t", Rows({{Int(1), Int(200)}})).sqlstate(),
            sqlstate::kCheckViolation);
  EXPECT_EQ(Count(), 2);
  ColumnChange drop;
  drop.kind = ColumnChange::Kind::kDropCheck;
  drop.name = "missing";
  EXPECT_EQ(db_->AlterTable("app", "t", drop).sqlstate(), sqlstate::kUndefinedObject);
}

TEST_F(CheckedTableTest, ABulkLoadCheckedBeforeAConstraintCameIsRefused) {
  auto load = db_->BeginBulkAppend("app", "t");
  ASSERT_TRUE(load.ok());
  // Three rows make a segment of their own (direct_segment_rows), checked by Add only.
  ASSERT_TRUE((*load)->Add(Rows({{Int(1), Int(200)}, {Int(1), Int(2)}, {Int(1), Int(3)}})).ok());
  ColumnChange small;
  small.kind = ColumnChange::Kind::kAddCheck;
  small.check = {"small", "hi < 100"};
  ASSERT_TRUE(db_->AlterTable("app", "t", small).ok());  // the load's rows are not visible yet
  const Status committed = (*load)->Commit();
  EXPECT_EQ(committed.sqlstate(), sqlstate::kObjectNotInPrerequisiteState);
  EXPECT_EQ(committed.message(),
            "check constraint \"small\" was added to relation \"t\" while rows were being "
            "loaded; load them again");
  EXPECT_EQ(Count(), 0);
}

TEST_F(CheckedTableTest, ConstraintsSurviveReopenAndReplay) {
  ASSERT_TRUE(db_->Append("app", "t", Rows({{Int(1), Int(2)}})).ok());
  // A crash after ADD CONSTRAINT's WAL record but before its manifest.
  const std::filesystem::path manifest = std::filesystem::path(dir_.path()) / "manifest.json";
  const std::string saved = manifest.string() + ".saved";
  std::filesystem::copy_file(manifest, saved);
  ColumnChange small;
  small.kind = ColumnChange::Kind::kAddCheck;
  small.check = {"small", "hi < 100"};
  ASSERT_TRUE(db_->AlterTable("app", "t", small).ok());
  db_.reset();
  std::filesystem::copy_file(saved, manifest, std::filesystem::copy_options::overwrite_existing);
  Open();
  const std::vector<storage::CheckConstraint> expected = {{"t_check", "lo < hi"},
                                                          {"small", "hi < 100"}};
  EXPECT_EQ(db_->DescribeTable("app", "t")->options.check_constraints, expected);
  EXPECT_EQ(db_->Append("app", "t", Rows({{Int(1), Int(200)}})).sqlstate(),
            sqlstate::kCheckViolation);
  EXPECT_EQ(Count(), 1);
  Open();
  EXPECT_EQ(db_->DescribeTable("app", "t")->options.check_constraints, expected);
}

}  // namespace
}  // namespace boyodb::engine
