#include "common/file_system.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace boyodb {
namespace {

TEST(PosixFileSystemTest, WriteAtomicallyThenReadBack) {
  testing::TempDir dir;
  FileSystem& fs = *DefaultFileSystem();
  const std::string path = dir.Join("manifest.json");
  ASSERT_TRUE(WriteFileAtomically(fs, path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(fs, path, "second").ok());
  EXPECT_EQ(*ReadWholeFile(fs, path), "second");
  EXPECT_FALSE(*fs.Exists(path + ".tmp"));
}

TEST(PosixFileSystemTest, MissingFileIsNotFoundNamingThePath) {
  testing::TempDir dir;
  const auto result = DefaultFileSystem()->OpenReadable(dir.Join("absent"));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().IsNotFound());
  EXPECT_NE(result.error().message().find("absent"), std::string_view::npos);
}

TEST(PosixFileSystemTest, AppendModeKeepsExistingBytes) {
  testing::TempDir dir;
  FileSystem& fs = *DefaultFileSystem();
  const std::string path = dir.Join("log");
  {
    auto file = *fs.OpenWritable(path, OpenMode::kTruncate);
    ASSERT_TRUE(file->Append("abc").ok());
    ASSERT_TRUE(file->Close().ok());
  }
  auto file = *fs.OpenWritable(path, OpenMode::kAppend);
  EXPECT_EQ(file->size(), 3u);
  ASSERT_TRUE(file->Append("def").ok());
  ASSERT_TRUE(file->Sync().ok());
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(*ReadWholeFile(fs, path), "abcdef");
  ASSERT_TRUE(fs.Truncate(path, 2).ok());
  EXPECT_EQ(*ReadWholeFile(fs, path), "ab");
}

TEST(PosixFileSystemTest, ReadExactlyReportsTruncation) {
  testing::TempDir dir;
  FileSystem& fs = *DefaultFileSystem();
  ASSERT_TRUE(WriteFileAtomically(fs, dir.Join("f"), "12345").ok());
  auto file = *fs.OpenReadable(dir.Join("f"));
  char buffer[8];
  EXPECT_TRUE(ReadExactly(*file, 1, 4, buffer).ok());
  const Status short_read = ReadExactly(*file, 3, 4, buffer);
  EXPECT_TRUE(short_read.IsCorruption());
  EXPECT_NE(short_read.message().find("offset 3"), std::string_view::npos);
}

TEST(PosixFileSystemTest, ListDirIsSortedAndCreateDirsIsIdempotent) {
  testing::TempDir dir;
  FileSystem& fs = *DefaultFileSystem();
  ASSERT_TRUE(fs.CreateDirs(dir.Join("a/b")).ok());
  ASSERT_TRUE(fs.CreateDirs(dir.Join("a/b")).ok());
  ASSERT_TRUE(WriteFileAtomically(fs, dir.Join("a/z"), "").ok());
  EXPECT_EQ(*fs.ListDir(dir.Join("a")), (std::vector<std::string>{"b", "z"}));
  ASSERT_TRUE(fs.RemoveAll(dir.Join("a")).ok());
  EXPECT_FALSE(*fs.Exists(dir.Join("a")));
}

}  // namespace
}  // namespace boyodb
