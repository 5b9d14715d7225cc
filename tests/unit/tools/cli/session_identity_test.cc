// current_user, session_user, current_database(), current_schema() and current_schemas():
// values tests/sql cannot check against PostgreSQL, whose user and schema differ there.
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class SessionIdentityTest : public SessionTest {};

TEST_F(SessionIdentityTest, UserAndDatabaseComeFromTheSession) {
  EXPECT_EQ(Run("SELECT current_user, session_user, current_role, user, current_database(), "
                "current_catalog"),
            R"([["boyodb", "boyodb", "boyodb", "boyodb", "boyodb", "boyodb"]])");
  session_->SetIdentity("alice", "sales");
  EXPECT_EQ(Run("SELECT current_user, current_database()"), R"([["alice", "sales"]])");
  EXPECT_EQ(Run("SHOW session_authorization"), R"([["alice"]])");
}

TEST_F(SessionIdentityTest, SchemaFollowsTheSearchPath) {
  EXPECT_EQ(Run("SELECT current_schema(), current_schema"), R"([["public", "public"]])");
  EXPECT_EQ(Run("SELECT current_schemas(true), current_schemas(false)"),
            R"([["{pg_catalog,public}", "{public}"]])");
  Exec("CREATE SCHEMA analytics");
  Exec("SET search_path TO analytics, public");
  EXPECT_EQ(Run("SELECT current_schema()"), R"([["analytics"]])");
  Exec("SET search_path TO public");
  EXPECT_EQ(Run("SELECT current_schema()"), R"([["public"]])");
}

}  // namespace
}  // namespace boyodb::engine
