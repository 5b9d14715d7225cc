#include "tools/slt/file_runner.h"

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace boyodb::tools::slt {
namespace {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("could not open file \"" + path + "\" for reading");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::IOError("could not read file \"" + path + "\"");
  return content.str();
}

Result<std::string> MakeDataDirectory(std::string_view prefix = "boyodb-slt") {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" +
                        std::string(prefix) + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::FromErrno(errno, "mkdtemp", pattern);
  }
  return pattern;
}

// Replaces every __TEST_DIR__ of the script by `directory`.
std::string ReplaceTestDir(std::string script, const std::string& directory) {
  static constexpr std::string_view kPlaceholder = "__TEST_DIR__";
  size_t position = 0;
  while ((position = script.find(kPlaceholder, position)) != std::string::npos) {
    script.replace(position, kPlaceholder.size(), directory);
    position += directory.size();
  }
  return script;
}

FileResult NotRun(FileResult file, const Status& status) {
  ++file.result.num_failed;
  file.result.notes.push_back("not run: " + status.FullMessage());
  return file;
}

}  // namespace

FileResult RunFile(const std::string& path, const FileRunOptions& options) {
  FileResult file;
  file.path = path;
  Result<std::string> script = ReadWholeFile(path);
  if (!script.ok()) return NotRun(std::move(file), script.error());
  Result<std::string> directory = MakeDataDirectory();
  if (!directory.ok()) return NotRun(std::move(file), directory.error());
  // Files the script's statements write and read (COPY) go to a directory of their own.
  Result<std::string> files = MakeDataDirectory("boyodb-slt-files");
  if (!files.ok()) return NotRun(std::move(file), files.error());
  *script = ReplaceTestDir(std::move(*script), *files);

  Result<std::unique_ptr<EngineProcess>> engine = EngineProcess::Start(options.engine, *directory);
  if (engine.ok()) {
    ScriptOptions script_options;
    script_options.engine_names = options.engine_names;
    script_options.max_failures_kept = options.max_failures_kept;
    file.result = RunScript(ParseScript(*script), **engine, script_options);
    (*engine)->Close();
  } else {
    file = NotRun(std::move(file), engine.error());
  }
  if (options.keep_dirs) {
    file.result.notes.push_back("data directory kept: " + *directory);
    file.result.notes.push_back("test file directory kept: " + *files);
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(*directory, ignored);
    std::filesystem::remove_all(*files, ignored);
  }
  return file;
}

}  // namespace boyodb::tools::slt
