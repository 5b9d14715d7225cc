#include "sql/parser/view_query_text.h"

#include <gtest/gtest.h>

namespace boyodb::sql {
namespace {

TEST(ViewQueryTextTest, IsTheTextAfterTheViewsAs) {
  EXPECT_EQ(ViewQueryText("CREATE VIEW v AS SELECT a FROM t"), "SELECT a FROM t");
  EXPECT_EQ(ViewQueryText("create or replace view v as\n  select a as b from t;"),
            "select a as b from t");
}

TEST(ViewQueryTextTest, SkipsColumnListsAndOptionsWhoseParenthesesHoldAs) {
  EXPECT_EQ(ViewQueryText("CREATE VIEW v (x, y) WITH (security_barrier) AS SELECT 1 AS x, 2"),
            "SELECT 1 AS x, 2");
  EXPECT_EQ(ViewQueryText("CREATE VIEW \"as\" AS WITH w AS (SELECT 1) SELECT * FROM w"),
            "WITH w AS (SELECT 1) SELECT * FROM w");
}

TEST(ViewQueryTextTest, LeavesOutTheCheckOption) {
  EXPECT_EQ(ViewQueryText("CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION"),
            "SELECT a FROM t WHERE a > 0");
  EXPECT_EQ(ViewQueryText("CREATE VIEW v AS SELECT a FROM t WITH LOCAL CHECK OPTION;"),
            "SELECT a FROM t");
}

TEST(ViewQueryTextTest, AnythingElseComesBackWhole) {
  EXPECT_EQ(ViewQueryText("SELECT 1"), "SELECT 1");
}

}  // namespace
}  // namespace boyodb::sql
