#include "common/status.h"

#include <gtest/gtest.h>

#include "common/result.h"
#include "common/sqlstate.h"

namespace boyodb {
namespace {

TEST(StatusTest, DefaultIsOkAndPrintsOk) {
  const Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.sqlstate(), "00000");
  EXPECT_EQ(status.ToString(), "OK");
}

TEST(StatusTest, ContextAccumulatesInnermostFirst) {
  const Status status = Status::Corruption("bad checksum")
                            .WithContext("record at offset 96")
                            .WithContext("replaying wal-000042.log");
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_EQ(status.sqlstate(), sqlstate::kDataCorrupted);
  EXPECT_EQ(status.FullMessage(), "bad checksum (record at offset 96; replaying wal-000042.log)");
}

TEST(StatusTest, CopiesAreIndependent) {
  const Status original = Status::NotFound("table \"t\" does not exist");
  const Status copy = original.WithContext("extra");
  EXPECT_TRUE(original.context().empty());
  EXPECT_EQ(copy.context().size(), 1u);
}

TEST(StatusTest, DiskFullErrnoMapsToSqlstate53100) {
  const Status status = Status::FromErrno(ENOSPC, "write to file", "/x/y");
  EXPECT_EQ(status.code(), StatusCode::kDiskFull);
  EXPECT_EQ(status.sqlstate(), sqlstate::kDiskFull);
  EXPECT_NE(status.message().find("/x/y"), std::string_view::npos);
}

TEST(StatusTest, SqlStateCanBeNarrowed) {
  const Status status =
      Status::NotFound("table \"t\" does not exist").WithSqlState(sqlstate::kUndefinedTable);
  EXPECT_EQ(status.sqlstate(), "42P01");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd value " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  BOYO_ASSIGN_OR_RETURN(const int half, Half(x));
  BOYO_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  const Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "odd value 3");
}

Status CheckEven(int x) {
  BOYO_RETURN_IF_ERROR(Half(x));
  return Status::OK();
}

TEST(ResultTest, ReturnIfErrorAcceptsResults) {
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(7));
  std::unique_ptr<int> value = std::move(result).value();
  EXPECT_EQ(*value, 7);
}

}  // namespace
}  // namespace boyodb
