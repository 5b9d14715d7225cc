// CREATE / ALTER / DROP USER and ROLE, GRANT / REVOKE role: the catalog entries they make
// (durable across a reopen, passwords only as hashes), PostgreSQL's errors, and who may do what.
#include <gtest/gtest.h>

#include "security/password_hash.h"
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

class RolesSessionTest : public SessionTest {
 protected:
  // A second session that runs as `user`, as a server's session does after login.
  std::unique_ptr<Session> SessionAs(const std::string& user) {
    auto session = std::make_unique<Session>(*database_, functions::FunctionRegistry::Builtins());
    EXPECT_TRUE(session->Init().ok());
    session->SetIdentity(user, "boyodb");
    return session;
  }
  static Status ErrorOf(Session& session, std::string_view sql) {
    Result<std::vector<StatementResult>> results = session.Execute(sql);
    EXPECT_FALSE(results.ok()) << sql;
    return results.ok() ? Status::OK() : results.status();
  }
};

TEST_F(RolesSessionTest, UsersAndRolesAreKeptWithHashedPasswordsAcrossAReopen) {
  Exec("CREATE USER alice WITH PASSWORD 'Secret-123' CREATEDB");
  Exec("CREATE ROLE analysts");
  Exec("GRANT analysts TO alice");
  Reopen();
  const std::optional<UserInfo> alice = database_->FindUser("alice");
  ASSERT_TRUE(alice.has_value());
  EXPECT_TRUE(alice->login);
  EXPECT_TRUE(alice->create_db);
  EXPECT_FALSE(alice->superuser);
  EXPECT_EQ(alice->member_of, std::vector<std::string>{"analysts"});
  EXPECT_TRUE(alice->password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_TRUE(alice->scram_verifier.starts_with("SCRAM-SHA-256$4096:"));
  EXPECT_EQ(alice->password_hash.find("Secret-123"), std::string::npos);
  EXPECT_TRUE(security::VerifyPassword("Secret-123", alice->password_hash));
  EXPECT_FALSE(security::VerifyPassword("secret-123", alice->password_hash));
  const std::optional<UserInfo> analysts = database_->FindUser("analysts");
  ASSERT_TRUE(analysts.has_value());
  EXPECT_FALSE(analysts->login);
  EXPECT_TRUE(analysts->password_hash.empty());

  Exec("ALTER USER alice PASSWORD 'Other-456' NOCREATEDB");
  EXPECT_TRUE(security::VerifyPassword("Other-456", database_->FindUser("alice")->password_hash));
  EXPECT_FALSE(database_->FindUser("alice")->create_db);
  Exec("ALTER ROLE alice PASSWORD NULL");
  EXPECT_TRUE(database_->FindUser("alice")->password_hash.empty());
  Exec("DROP ROLE analysts");
  EXPECT_TRUE(database_->FindUser("alice")->member_of.empty());
  Exec("DROP USER alice");
  Exec("DROP USER IF EXISTS alice");
  EXPECT_TRUE(database_->ListUsers().empty());
}

TEST_F(RolesSessionTest, MistakesGetPostgresqlErrors) {
  Exec("CREATE ROLE r1");
  EXPECT_EQ(Error("CREATE ROLE r1").sqlstate(), "42710");
  EXPECT_EQ(Error("CREATE ROLE r1").message(), "role \"r1\" already exists");
  EXPECT_EQ(Error("DROP ROLE nobody").message(), "role \"nobody\" does not exist");
  EXPECT_EQ(Error("ALTER ROLE nobody LOGIN").sqlstate(), "42704");
  EXPECT_EQ(Error("GRANT nobody TO r1").sqlstate(), "42704");
  const Status weak = Error("CREATE USER u1 PASSWORD 'short'");
  EXPECT_EQ(weak.sqlstate(), "22023");
  EXPECT_EQ(weak.message(), "password must be at least 8 characters long");
  EXPECT_EQ(Error("CREATE USER u1 PASSWORD 'alllowercase'").sqlstate(), "22023");
  EXPECT_EQ(Error("CREATE USER u1 PASSWORD 'U1-u1-u1-u1'").message(),
            "password must not contain the user name");
  EXPECT_EQ(Error("CREATE USER u1 CONNECTION LIMIT 5").sqlstate(), "0A000");
  EXPECT_EQ(Error("CREATE USER u1 LOGIN NOLOGIN").message(), "conflicting or redundant options");
  Exec("CREATE ROLE r2 IN ROLE r1");
  EXPECT_EQ(Error("GRANT r2 TO r1").sqlstate(), "0LP01");
  EXPECT_EQ(Error("GRANT r1 TO r1").sqlstate(), "0LP01");
  Exec("BEGIN");
  EXPECT_EQ(Error("CREATE ROLE r3").sqlstate(), "25001");
  Exec("ROLLBACK");
  EXPECT_FALSE(database_->FindUser("u1").has_value());
}

TEST_F(RolesSessionTest, OnlyRoleManagersManageRolesAndOnlySuperusersTouchSuperusers) {
  Exec("CREATE USER bob PASSWORD 'Blue-sky-1'");
  Exec("CREATE USER carol PASSWORD 'Red-rose-1' CREATEROLE");
  Exec("CREATE USER root PASSWORD 'Green-tea-1' SUPERUSER");
  const auto bob = SessionAs("bob");
  EXPECT_EQ(ErrorOf(*bob, "CREATE ROLE x").sqlstate(), "42501");
  EXPECT_EQ(ErrorOf(*bob, "ALTER USER bob CREATEDB").sqlstate(), "42501");
  EXPECT_EQ(ErrorOf(*bob, "ALTER USER carol PASSWORD 'Hijack-123'").sqlstate(), "42501");
  ASSERT_TRUE(bob->Execute("ALTER USER bob PASSWORD 'Blue-sky-2'").ok());
  EXPECT_TRUE(security::VerifyPassword("Blue-sky-2", database_->FindUser("bob")->password_hash));

  const auto carol = SessionAs("carol");
  ASSERT_TRUE(carol->Execute("CREATE ROLE readers; GRANT readers TO bob").ok());
  EXPECT_EQ(ErrorOf(*carol, "CREATE ROLE boss SUPERUSER").message(),
            "must be superuser to create superusers");
  EXPECT_EQ(ErrorOf(*carol, "ALTER USER root PASSWORD 'Taken-over-1'").sqlstate(), "42501");
  EXPECT_EQ(ErrorOf(*carol, "DROP USER root").sqlstate(), "42501");
  EXPECT_EQ(ErrorOf(*carol, "DROP USER carol").message(), "current user cannot be dropped");

  const auto root = SessionAs("root");
  ASSERT_TRUE(root->Execute("ALTER USER carol SUPERUSER").ok());
  EXPECT_TRUE(database_->FindUser("carol")->superuser);

  // A session whose user was dropped may do nothing.
  Exec("DROP USER bob");
  EXPECT_EQ(ErrorOf(*bob, "ALTER USER bob PASSWORD 'Blue-sky-3'").sqlstate(), "28000");
}

}  // namespace
}  // namespace boyodb::engine
