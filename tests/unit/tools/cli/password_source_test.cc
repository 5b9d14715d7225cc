// Where a server login's password comes from: the environment first, then a password file (its
// first line, without the line end), and the errors when there is none or the file is missing
// or empty.
#include "tools/cli/password_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::cli {
namespace {

class PasswordSourceTest : public ::testing::Test {
 protected:
  std::string WriteFile(const std::string& name, const std::string& contents) {
    const std::string path = dir_.Join(name);
    std::ofstream(path) << contents;
    return path;
  }

  testing::TempDir dir_;
};

TEST_F(PasswordSourceTest, PasswordFileGivesItsFirstLineWithoutTheLineEnd) {
  EXPECT_EQ(ReadPasswordFile(WriteFile("unix", "Pw-s3cret\n")).value(), "Pw-s3cret");
  EXPECT_EQ(ReadPasswordFile(WriteFile("dos", "Pw-s3cret\r\nignored\n")).value(), "Pw-s3cret");
  EXPECT_EQ(ReadPasswordFile(WriteFile("bare", "with blanks ")).value(), "with blanks ");
}

TEST_F(PasswordSourceTest, MissingOrEmptyPasswordFilesAreErrors) {
  Result<std::string> missing = ReadPasswordFile(dir_.Join("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().sqlstate(), "58P01");
  EXPECT_EQ(missing.status().message(), "could not open password file \"" + dir_.Join("nope") +
                                            "\": No such file or directory");
  Result<std::string> empty = ReadPasswordFile(WriteFile("empty", "\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().sqlstate(), "28000");
  EXPECT_EQ(empty.status().message(), "password file \"" + dir_.Join("empty") + "\" is empty");
}

TEST_F(PasswordSourceTest, TheEnvironmentComesBeforeTheFile) {
  const std::string file = WriteFile("password", "from-file\n");
  EXPECT_EQ(FindPassword("from-env", file, "admin").value(), "from-env");
  EXPECT_EQ(FindPassword(nullptr, file, "admin").value(), "from-file");
  // An empty variable is a password too (the server decides whether it is the right one).
  EXPECT_EQ(FindPassword("", file, "admin").value(), "");
}

TEST_F(PasswordSourceTest, WithoutATerminalNoPasswordIsAnError) {
  if (::isatty(STDIN_FILENO)) GTEST_SKIP() << "stdin is a terminal: FindPassword would prompt";
  Result<std::string> none = FindPassword(nullptr, "", "admin");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().sqlstate(), "28000");
  EXPECT_EQ(none.status().message(),
            "no password supplied: set BOYODB_PASSWORD, pass --password-file FILE, or run on a "
            "terminal to be asked");
}

}  // namespace
}  // namespace boyodb::tools::cli
