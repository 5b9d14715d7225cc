// Suite runner: collects the .test files under the paths given and runs them, several at a
// time if asked, reporting each file's result in file order.
// Thread safety: RunSuite starts its own worker threads and reports from the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "tools/slt/file_runner.h"

namespace boyodb::tools::slt {

/// The files to run: each path that is a file, and every `*.test` file under each path that is
/// a directory (searched recursively), sorted byte-wise and without duplicates. Returns
/// NotFound naming the first path that does not exist.
Result<std::vector<std::string>> CollectTestFiles(const std::vector<std::string>& paths);

struct SuiteTotals {
  std::int64_t num_passed = 0;
  std::int64_t num_failed = 0;
  std::int64_t num_skipped = 0;
};

/// Runs every file with RunFile, num_jobs files at a time (at least one), and calls
/// on_file_done on the calling thread for each file in the order of files, as soon as it and the
/// files before it are done. Returns the sums over all files.
SuiteTotals RunSuite(const std::vector<std::string>& files, const FileRunOptions& options,
                     int num_jobs, const std::function<void(const FileResult&)>& on_file_done);

}  // namespace boyodb::tools::slt
