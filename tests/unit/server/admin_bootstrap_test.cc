#include "server/admin_bootstrap.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace boyodb::server {
namespace {

class AdminBootstrapTest : public ::testing::Test {
 protected:
  void SetUp() override { database_ = *engine::Database::Open(dir_.path()); }
  void TearDown() override { ASSERT_TRUE(database_->Close().ok()); }

  std::string ReadPasswordFile() {
    std::ifstream in(dir_.Join(kAdminPasswordFile));
    std::string password;
    std::getline(in, password);
    return password;
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Database> database_;
  security::PasswordPolicy policy_;
};

TEST_F(AdminBootstrapTest, FirstStartGeneratesAPasswordInAFileOnlyTheOwnerReads) {
  const Result<std::string> file = BootstrapAdmin(*database_, dir_.path(), std::nullopt, policy_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*file, dir_.Join(kAdminPasswordFile));
  struct stat info;
  ASSERT_EQ(::stat(file->c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const std::string password = ReadPasswordFile();
  EXPECT_EQ(password.size(), 24u);
  const std::optional<engine::UserInfo> admin = database_->FindUser(kAdminUser);
  ASSERT_TRUE(admin.has_value());
  EXPECT_TRUE(admin->superuser);
  EXPECT_TRUE(admin->login);
  EXPECT_TRUE(security::VerifyPassword(password, admin->password_hash));
  EXPECT_TRUE(admin->scram_verifier.starts_with("SCRAM-SHA-256$4096:"));

  // Once users exist, later starts change nothing.
  EXPECT_EQ(*BootstrapAdmin(*database_, dir_.path(), std::nullopt, policy_), "");
  EXPECT_EQ(ReadPasswordFile(), password);
  EXPECT_EQ(database_->ListUsers().size(), 1u);
}

TEST_F(AdminBootstrapTest, APasswordFileLeftByACutOffStartIsUsed) {
  std::ofstream(dir_.Join(kAdminPasswordFile)) << "Left-behind-42\n";
  ASSERT_TRUE(BootstrapAdmin(*database_, dir_.path(), std::nullopt, policy_).ok());
  EXPECT_TRUE(
      security::VerifyPassword("Left-behind-42", database_->FindUser(kAdminUser)->password_hash));
}

TEST_F(AdminBootstrapTest, TheEnvironmentsPasswordIsUsedAndMustPassThePolicy) {
  const Result<std::string> weak = BootstrapAdmin(*database_, dir_.path(), "admin", policy_);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.status().sqlstate(), "22023");
  EXPECT_NE(weak.status().FullMessage().find(kAdminPasswordVariable), std::string::npos);
  EXPECT_TRUE(database_->ListUsers().empty());

  const Result<std::string> set =
      BootstrapAdmin(*database_, dir_.path(), "Given-by-ops-1", policy_);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*set, "");
  EXPECT_FALSE(std::ifstream(dir_.Join(kAdminPasswordFile)).good());
  EXPECT_TRUE(
      security::VerifyPassword("Given-by-ops-1", database_->FindUser(kAdminUser)->password_hash));
}

}  // namespace
}  // namespace boyodb::server
