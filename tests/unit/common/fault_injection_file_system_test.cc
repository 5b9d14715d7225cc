#include "tests/support/fault_injection_file_system.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/support/temp_dir.h"

namespace boyodb::testing {
namespace {

using CrashMode = FaultInjectionFileSystem::CrashMode;

std::string Read(const std::string& path) {
  auto contents = ReadWholeFile(*DefaultFileSystem(), path);
  return contents.ok() ? *contents : "<" + contents.status().ToString() + ">";
}

bool Exists(const std::string& path) { return *DefaultFileSystem()->Exists(path); }

// Creates path through fs with `synced` made durable (file and directory entry) and then
// `unsynced` appended.
void WriteFile(FaultInjectionFileSystem& fs, const std::string& path, std::string_view synced,
               std::string_view unsynced) {
  auto file = *fs.OpenWritable(path, OpenMode::kTruncate);
  ASSERT_TRUE(file->Append(synced).ok());
  ASSERT_TRUE(file->Sync().ok());
  ASSERT_TRUE(fs.SyncDir(ParentDir(path)).ok());
  ASSERT_TRUE(file->Append(unsynced).ok());
  ASSERT_TRUE(file->Close().ok());
}

TEST(FaultInjectionFileSystemTest, CrashDropsUnsyncedBytes) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("f"), "abc", "def");
  EXPECT_EQ(Read(dir.Join("f")), "abcdef");
  EXPECT_EQ(fs.SyncedSize(dir.Join("f")), 3u);
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("f")), "abc");
}

TEST(FaultInjectionFileSystemTest, TornCrashKeepsASeededPrefixOfTheUnsyncedBytes) {
  TempDir dir;
  std::set<size_t> sizes;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    FaultInjectionFileSystem fs;
    WriteFile(fs, dir.Join("f"), "abc", "defghij");
    ASSERT_TRUE(fs.SimulateCrash(CrashMode::kKeepRandomPrefix, seed).ok());
    const std::string contents = Read(dir.Join("f"));
    ASSERT_GE(contents.size(), 3u);
    EXPECT_EQ(contents, std::string("abcdefghij").substr(0, contents.size()));
    sizes.insert(contents.size());
  }
  EXPECT_GT(sizes.size(), 3u);  // the prefix really varies with the seed

  // The same seed gives the same prefix.
  std::string first;
  for (int run = 0; run < 2; ++run) {
    FaultInjectionFileSystem fs;
    WriteFile(fs, dir.Join("g"), "abc", "defghij");
    ASSERT_TRUE(fs.SimulateCrash(CrashMode::kKeepRandomPrefix, 7).ok());
    if (run == 0) first = Read(dir.Join("g"));
    EXPECT_EQ(Read(dir.Join("g")), first);
  }
}

TEST(FaultInjectionFileSystemTest, ZeroCrashKeepsTheSizeButZeroesUnsyncedBytes) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("f"), "abc", "def");
  ASSERT_TRUE(fs.SimulateCrash(CrashMode::kZeroUnsynced).ok());
  EXPECT_EQ(Read(dir.Join("f")), std::string("abc\0\0\0", 6));
}

TEST(FaultInjectionFileSystemTest, CreationWithoutDirectorySyncIsUndone) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(fs.CreateDirs(dir.Join("a")).ok());
  ASSERT_TRUE(fs.CreateDirs(dir.Join("b")).ok());
  {
    auto file = *fs.OpenWritable(dir.Join("a/new"), OpenMode::kCreateNew);
    ASSERT_TRUE(file->Append("data").ok());
    ASSERT_TRUE(file->Sync().ok());  // the data is durable, the name is not
  }
  {
    auto file = *fs.OpenWritable(dir.Join("b/kept"), OpenMode::kCreateNew);
    ASSERT_TRUE(file->Append("data").ok());
    ASSERT_TRUE(file->Sync().ok());
    ASSERT_TRUE(fs.SyncDir(dir.Join("b/")).ok());  // a trailing slash names the same directory
  }
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_FALSE(Exists(dir.Join("a/new")));
  EXPECT_EQ(Read(dir.Join("b/kept")), "data");
}

TEST(FaultInjectionFileSystemTest, RenameWithoutDirectorySyncIsUndone) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(WriteFileAtomically(fs, dir.Join("manifest"), "old").ok());
  // WriteFileAtomically's steps without the final directory sync.
  WriteFile(fs, dir.Join("manifest.tmp"), "new", "");
  ASSERT_TRUE(fs.Rename(dir.Join("manifest.tmp"), dir.Join("manifest")).ok());
  EXPECT_EQ(Read(dir.Join("manifest")), "new");
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("manifest")), "old");
  EXPECT_EQ(Read(dir.Join("manifest.tmp")), "new");  // its creation was made durable

  ASSERT_TRUE(WriteFileAtomically(fs, dir.Join("manifest"), "newer").ok());
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("manifest")), "newer");
  EXPECT_FALSE(Exists(dir.Join("manifest.tmp")));
}

TEST(FaultInjectionFileSystemTest, RemovalWithoutDirectorySyncIsUndone) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("a"), "durable", "lost");
  WriteFile(fs, dir.Join("b"), "durable", "");
  ASSERT_TRUE(fs.RemoveFile(dir.Join("a")).ok());
  ASSERT_TRUE(fs.RemoveFile(dir.Join("b")).ok());
  ASSERT_TRUE(fs.SyncDir(dir.path()).ok());
  ASSERT_TRUE(WriteFileAtomically(*DefaultFileSystem(), dir.Join("c"), "untracked").ok());
  ASSERT_TRUE(fs.RemoveFile(dir.Join("c")).ok());
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_FALSE(Exists(dir.Join("a")));
  EXPECT_FALSE(Exists(dir.Join("b")));
  EXPECT_EQ(Read(dir.Join("c")), "untracked");
}

TEST(FaultInjectionFileSystemTest, HandlesFromBeforeACrashFail) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("f"), "abc", "");
  auto writable = *fs.OpenWritable(dir.Join("f"), OpenMode::kAppend);
  auto readable = *fs.OpenReadable(dir.Join("f"));
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_TRUE(writable->Append("x").IsIOError());
  EXPECT_TRUE(writable->Sync().IsIOError());
  char byte;
  EXPECT_FALSE(readable->ReadAt(0, 1, &byte).ok());
  auto reopened = *fs.OpenWritable(dir.Join("f"), OpenMode::kAppend);
  EXPECT_TRUE(reopened->Append("def").ok());
  EXPECT_EQ(Read(dir.Join("f")), "abcdef");
}

TEST(FaultInjectionFileSystemTest, WriteErrorWritesNothing) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  auto file = *fs.OpenWritable(dir.Join("f"), OpenMode::kTruncate);
  fs.SetWriteError(Status::IOError("injected"));
  EXPECT_EQ(file->Append("abc").message(), "injected");
  EXPECT_EQ(Read(dir.Join("f")), "");
  fs.ClearErrors();
  EXPECT_TRUE(file->Append("abc").ok());
  EXPECT_EQ(fs.bytes_written(), 3u);
}

TEST(FaultInjectionFileSystemTest, DiskFullAfterBytesWritesAPrefixThenFails) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  auto file = *fs.OpenWritable(dir.Join("f"), OpenMode::kTruncate);
  fs.FailWritesAfterBytes(5, Status::DiskFull("no space left on device"));
  EXPECT_TRUE(file->Append("abc").ok());
  const Status crossing = file->Append("defg");
  EXPECT_EQ(crossing.code(), StatusCode::kDiskFull);
  EXPECT_EQ(crossing.sqlstate(), "53100");
  EXPECT_EQ(Read(dir.Join("f")), "abcde");
  EXPECT_EQ(file->size(), 5u);
  EXPECT_EQ(file->Append("h").code(), StatusCode::kDiskFull);
  EXPECT_EQ(fs.bytes_written(), 5u);
  fs.ClearErrors();
  EXPECT_TRUE(file->Append("h").ok());
  EXPECT_EQ(Read(dir.Join("f")), "abcdeh");
}

TEST(FaultInjectionFileSystemTest, SyncErrorMakesNothingDurable) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("f"), "abc", "");
  auto file = *fs.OpenWritable(dir.Join("f"), OpenMode::kAppend);
  ASSERT_TRUE(file->Append("def").ok());
  fs.SetSyncError(Status::IOError("injected fsync failure"));
  EXPECT_EQ(file->Sync().message(), "injected fsync failure");
  EXPECT_EQ(fs.SyncDir(dir.path()).message(), "injected fsync failure");
  EXPECT_EQ(fs.num_syncs(), 2u);      // WriteFile's and this one
  EXPECT_EQ(fs.num_dir_syncs(), 2u);  // WriteFile's and this one
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("f")), "abc");
}

TEST(FaultInjectionFileSystemTest, TruncateLowersTheDurableSize) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  WriteFile(fs, dir.Join("f"), "abcdef", "gh");
  ASSERT_TRUE(fs.Truncate(dir.Join("f"), 4).ok());
  EXPECT_EQ(fs.SyncedSize(dir.Join("f")), 4u);
  auto file = *fs.OpenWritable(dir.Join("f"), OpenMode::kAppend);
  ASSERT_TRUE(file->Append("xy").ok());
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("f")), "abcd");
}

TEST(FaultInjectionFileSystemTest, FilesNotWrittenThroughItAreLeftAlone) {
  TempDir dir;
  ASSERT_TRUE(WriteFileAtomically(*DefaultFileSystem(), dir.Join("f"), "abc").ok());
  FaultInjectionFileSystem fs;
  EXPECT_EQ(fs.SyncedSize(dir.Join("f")), std::nullopt);
  auto file = *fs.OpenWritable(dir.Join("f"), OpenMode::kAppend);
  EXPECT_EQ(fs.SyncedSize(dir.Join("f")), 3u);  // existing bytes count as durable
  ASSERT_TRUE(file->Append("def").ok());
  ASSERT_TRUE(fs.SimulateCrash().ok());
  EXPECT_EQ(Read(dir.Join("f")), "abc");
}

TEST(FaultInjectionFileSystemTest, HelpersFlipTruncateAndExtend) {
  TempDir dir;
  FileSystem& base = *DefaultFileSystem();
  ASSERT_TRUE(WriteFileAtomically(base, dir.Join("f"), "abc").ok());
  ASSERT_TRUE(FaultInjectionFileSystem::FlipByte(base, dir.Join("f"), 1).ok());
  EXPECT_EQ(Read(dir.Join("f")), std::string("a") + static_cast<char>('b' ^ 0xff) + "c");
  const Status past_end = FaultInjectionFileSystem::FlipByte(base, dir.Join("f"), 3);
  EXPECT_EQ(past_end.code(), StatusCode::kOutOfRange);
  ASSERT_TRUE(FaultInjectionFileSystem::TruncateFile(base, dir.Join("f"), 1).ok());
  ASSERT_TRUE(FaultInjectionFileSystem::AppendZeros(base, dir.Join("f"), 2).ok());
  EXPECT_EQ(Read(dir.Join("f")), std::string("a\0\0", 3));
}

TEST(FaultInjectionFileSystemTest, PassesDirectoryCallsThrough) {
  TempDir dir;
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(fs.CreateDirs(dir.Join("a/b")).ok());
  WriteFile(fs, dir.Join("a/b/f"), "abc", "d");
  EXPECT_EQ(*fs.ListDir(dir.Join("a/b")), std::vector<std::string>{"f"});
  EXPECT_EQ(*fs.FileSize(dir.Join("a/b/f")), 4u);
  ASSERT_TRUE(fs.RemoveAll(dir.Join("a")).ok());
  EXPECT_FALSE(*fs.Exists(dir.Join("a")));
  ASSERT_TRUE(fs.SimulateCrash().ok());  // nothing left to restore under the removed tree
  EXPECT_FALSE(*fs.Exists(dir.Join("a")));
}

}  // namespace
}  // namespace boyodb::testing
