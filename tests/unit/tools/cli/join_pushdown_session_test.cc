// Where the optimizer puts WHERE conditions around joins, seen through EXPLAIN: what
// tests/sql cannot show, since a cross product filtered afterwards gives the same rows, only
// (much) later.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class JoinPushdownSessionTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    Exec("CREATE TABLE a (x INTEGER, u TEXT)");
    Exec("CREATE TABLE b (y INTEGER, w TEXT)");
    Exec("CREATE TABLE c (z INTEGER)");
  }
  std::string Plan(std::string_view query) { return Run("EXPLAIN " + std::string(query)); }
};

TEST_F(JoinPushdownSessionTest, CommaJoinBecomesAnEquiJoinWithFiltersOnItsSides) {
  const std::string plan = Plan("SELECT * FROM a, b WHERE a.x = b.y AND a.u = 'k' AND b.y > 3");
  EXPECT_NE(plan.find("Inner Join on (#0 = #2)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Cross Join"), std::string::npos) << plan;
  // Each side's condition sits over its own scan (and reaches the storage engine).
  EXPECT_NE(plan.find("Scan default.a [x, u] filter u = k"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Scan default.b [y, w] filter y > 3"), std::string::npos) << plan;
}

TEST_F(JoinPushdownSessionTest, ThreeTablesJoinPairwise) {
  const std::string plan = Plan("SELECT * FROM a, b, c WHERE a.x = b.y AND b.y = c.z");
  EXPECT_EQ(plan.find("Cross Join"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Inner Join on (#2 = #4)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Inner Join on (#0 = #2)"), std::string::npos) << plan;
}

TEST_F(JoinPushdownSessionTest, OuterJoinsKeepConditionsOnTheirNullableSide) {
  // The WHERE reads b, which the LEFT JOIN NULL-extends: it stays above the join.
  const std::string where = Plan("SELECT * FROM a LEFT JOIN b ON a.x = b.y WHERE b.w IS NULL");
  EXPECT_LT(where.find("Filter"), where.find("Left Join")) << where;
  // An ON condition over b only filters b's rows: it goes below the join, onto b.
  const std::string on = Plan("SELECT * FROM a LEFT JOIN b ON a.x = b.y AND b.w = 'k'");
  EXPECT_NE(on.find("Scan default.b [y, w] filter w = k"), std::string::npos) << on;
  // An ON condition over a must stay in the join: rows of a it rejects are still kept.
  const std::string kept = Plan("SELECT * FROM a LEFT JOIN b ON a.x = b.y AND a.u = 'k'");
  EXPECT_EQ(kept.find("filter u = k"), std::string::npos) << kept;
}

TEST_F(JoinPushdownSessionTest, ConditionsWithSubqueriesOrVolatileCallsStay) {
  const std::string plan = Plan("SELECT * FROM a, b WHERE a.x = b.y AND random() < 0.5");
  EXPECT_NE(plan.find("Inner Join on (#0 = #2)"), std::string::npos) << plan;
  EXPECT_LT(plan.find("random"), plan.find("Inner Join")) << plan;
}

}  // namespace
}  // namespace boyodb::engine
