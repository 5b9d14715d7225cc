// File runner: runs one .test file from start to end against a new engine process on a new
// empty data directory (docs/testing/slt.md).
// Thread safety: RunFile may be called from several threads at once, for distinct files.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "tools/slt/engine_process.h"
#include "tools/slt/script_runner.h"

namespace boyodb::tools::slt {

struct FileRunOptions {
  EngineOptions engine;
  /// Names skipif/onlyif compare with, lowercase.
  std::set<std::string> engine_names = {"boyodb", "postgresql"};
  /// How many failures per file keep their details.
  size_t max_failures_kept = 0;
  /// Keep each file's data directory instead of removing it at the end.
  bool keep_dirs = false;
};

struct FileResult {
  std::string path;
  ScriptResult result;
};

/// Reads and parses path, makes a new directory under $TMPDIR (or /tmp), starts the engine on
/// it, runs the script and closes the engine. A file that cannot be read, or whose engine
/// cannot be started, counts as one failed record with a note saying why.
FileResult RunFile(const std::string& path, const FileRunOptions& options);

}  // namespace boyodb::tools::slt
