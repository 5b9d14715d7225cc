#include "server/authenticator.h"

#include <gtest/gtest.h>

#include "security/password_hash.h"
#include "tests/support/temp_dir.h"

namespace boyodb::server {
namespace {

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = *engine::Database::Open(dir_.path());
    SetPassword("Right-pass-1");
  }
  void TearDown() override { ASSERT_TRUE(database_->Close().ok()); }

  void SetPassword(const std::string& password) {
    engine::UserInfo user;
    user.name = "erin";
    user.password_hash = *security::HashPassword(password);
    if (database_->FindUser("erin")) {
      ASSERT_TRUE(database_->ReplaceUser(user).ok());
    } else {
      ASSERT_TRUE(database_->CreateUser(user).ok());
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Database> database_;
};

TEST_F(AuthenticatorTest, WrongPasswordsAndUnknownUsersFailAlike) {
  Authenticator authenticator(*database_, LoginPolicy{});
  EXPECT_EQ(authenticator.CheckPassword("erin", "Right-pass-1")->name, "erin");
  const Status wrong = authenticator.CheckPassword("erin", "Wrong-pass-1").status();
  const Status unknown = authenticator.CheckPassword("frank", "Wrong-pass-1").status();
  EXPECT_EQ(wrong.sqlstate(), "28P01");
  EXPECT_EQ(unknown.sqlstate(), "28P01");
  EXPECT_EQ(wrong.message(), "password authentication failed for user \"erin\"");
  EXPECT_EQ(unknown.message(), "password authentication failed for user \"frank\"");
}

TEST_F(AuthenticatorTest, ARememberedLoginEndsWhenThePasswordChanges) {
  Authenticator authenticator(*database_, LoginPolicy{});
  ASSERT_TRUE(authenticator.CheckPassword("erin", "Right-pass-1").ok());
  ASSERT_TRUE(authenticator.CheckPassword("erin", "Right-pass-1").ok());  // remembered
  SetPassword("Newer-pass-2");
  EXPECT_FALSE(authenticator.CheckPassword("erin", "Right-pass-1").ok());
  EXPECT_TRUE(authenticator.CheckPassword("erin", "Newer-pass-2").ok());
}

TEST_F(AuthenticatorTest, FailuresInARowLockTheUserAndASuccessResetsTheCount) {
  LoginPolicy policy;
  policy.max_failures = 3;
  Authenticator authenticator(*database_, policy);
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(authenticator.CheckPassword("erin", "Nope-1234").ok());
  EXPECT_TRUE(authenticator.CheckPassword("erin", "Right-pass-1").ok());
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(authenticator.CheckPassword("erin", "Nope-1234").ok());
  EXPECT_TRUE(authenticator.CheckNotLocked("erin").ok());
  EXPECT_FALSE(authenticator.CheckPassword("erin", "Nope-1234").ok());
  const Status locked = authenticator.CheckPassword("erin", "Right-pass-1").status();
  EXPECT_EQ(locked.sqlstate(), "28000");
  EXPECT_EQ(locked.message(),
            "role \"erin\" is locked after too many failed logins; try again in 300 seconds");
  EXPECT_FALSE(authenticator.CheckNotLocked("erin").ok());
  EXPECT_TRUE(authenticator.CheckNotLocked("someone_else").ok());
}

TEST_F(AuthenticatorTest, RolesThatMayNotLogInAreRefused) {
  engine::UserInfo role = *database_->FindUser("erin");
  role.login = false;
  ASSERT_TRUE(database_->ReplaceUser(role).ok());
  Authenticator authenticator(*database_, LoginPolicy{});
  const Status refused = authenticator.CheckPassword("erin", "Right-pass-1").status();
  EXPECT_EQ(refused.sqlstate(), "28000");
  EXPECT_EQ(refused.message(), "role \"erin\" is not permitted to log in");
}

}  // namespace
}  // namespace boyodb::server
