// Collecting .test files (recursive, sorted, missing paths) and running several files in
// parallel with results reported in file order.
#include "tools/slt/suite_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace boyodb::tools::slt {
namespace {

class SltSuiteRunnerTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& relative, const std::string& content) {
    const std::filesystem::path path = std::filesystem::path(dir_.path()) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
    return path.string();
  }

  testing::TempDir dir_;
};

TEST_F(SltSuiteRunnerTest, CollectsTestFilesRecursivelyAndSorted) {
  const std::string b = Write("tree/b.test", "");
  const std::string a = Write("tree/sub/a.test", "");
  const std::string c = Write("tree/c.test", "");
  Write("tree/notes.txt", "");
  const std::string other = Write("other.test", "");
  Result<std::vector<std::string>> files =
      CollectTestFiles({dir_.Join("tree"), other, dir_.Join("tree/b.test")});
  ASSERT_TRUE(files.ok()) << files.error().ToString();
  EXPECT_EQ(*files, (std::vector<std::string>{other, b, c, a}));
}

TEST_F(SltSuiteRunnerTest, MissingPathIsNotFound) {
  Result<std::vector<std::string>> files = CollectTestFiles({dir_.Join("nothing")});
  ASSERT_FALSE(files.ok());
  EXPECT_TRUE(files.error().IsNotFound());
}

TEST_F(SltSuiteRunnerTest, RunsFilesInParallelAndReportsInOrder) {
  // A one-line engine: every request succeeds with no columns.
  const std::string engine =
      Write("engine.sh",
            "while read -r line; do echo '{\"ok\":true,\"columns\":[],\"rows\":[]}'; done\n");
  std::vector<std::string> files;
  for (int i = 0; i < 5; ++i) {
    std::string script;
    for (int j = 0; j <= i; ++j) script += "statement ok\nX\n\nstatement error\nY\n\n";
    script += "onlyif mysql\nstatement ok\nZ\n";
    files.push_back(Write("f" + std::to_string(i) + ".test", script));
  }
  FileRunOptions options;
  options.engine.command = "/bin/sh " + engine;
  std::vector<std::string> reported;
  const SuiteTotals totals =
      RunSuite(files, options, 3, [&](const FileResult& file) { reported.push_back(file.path); });
  EXPECT_EQ(reported, files);
  EXPECT_EQ(totals.num_passed, 15);
  EXPECT_EQ(totals.num_failed, 15);
  EXPECT_EQ(totals.num_skipped, 5);
}

}  // namespace
}  // namespace boyodb::tools::slt
