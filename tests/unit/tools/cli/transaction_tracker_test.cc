// Following a server session's transaction block from command tags and failures: BEGIN and
// START TRANSACTION open it, COMMIT and ROLLBACK close it, a failing COMMIT closes it too, other
// failures leave it open.
#include "tools/cli/transaction_tracker.h"

#include <gtest/gtest.h>

namespace boyodb::tools::cli {
namespace {

TEST(TransactionTrackerTest, BeginOpensAndCommitOrRollbackClose) {
  TransactionTracker tracker;
  EXPECT_FALSE(tracker.in_transaction());
  tracker.Succeeded("BEGIN");
  EXPECT_TRUE(tracker.in_transaction());
  tracker.Succeeded("INSERT 0 1");
  EXPECT_TRUE(tracker.in_transaction());
  tracker.Succeeded("COMMIT");
  EXPECT_FALSE(tracker.in_transaction());
  tracker.Succeeded("START TRANSACTION");
  EXPECT_TRUE(tracker.in_transaction());
  // ABORT and a COMMIT of a failed block answer ROLLBACK.
  tracker.Succeeded("ROLLBACK");
  EXPECT_FALSE(tracker.in_transaction());
  // COMMIT outside a block (a warning on the server) changes nothing.
  tracker.Succeeded("COMMIT");
  EXPECT_FALSE(tracker.in_transaction());
}

TEST(TransactionTrackerTest, FailuresInsideABlockKeepItOpen) {
  TransactionTracker tracker;
  tracker.Succeeded("BEGIN");
  tracker.Failed("SELECT 1/0");
  EXPECT_TRUE(tracker.in_transaction());
  tracker.Failed("SELECT 1");  // refused in the failed block: still open
  EXPECT_TRUE(tracker.in_transaction());
  // Text that does not parse never ran, even if it starts like a COMMIT.
  tracker.Failed("COMMIT garbage");
  EXPECT_TRUE(tracker.in_transaction());
  tracker.Succeeded("ROLLBACK");
  EXPECT_FALSE(tracker.in_transaction());
}

TEST(TransactionTrackerTest, AFailingCommitEndsTheBlock) {
  for (const char* commit : {"COMMIT", "commit", "END", "COMMIT WORK"}) {
    TransactionTracker tracker;
    tracker.Succeeded("BEGIN");
    tracker.Failed(commit);  // e.g. a unique key that another session added first
    EXPECT_FALSE(tracker.in_transaction()) << commit;
  }
  TransactionTracker outside;
  outside.Failed("BEGIN");
  EXPECT_FALSE(outside.in_transaction());
}

}  // namespace
}  // namespace boyodb::tools::cli
