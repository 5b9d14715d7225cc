// boyodb-slt: runs sqllogictest files against an engine that speaks the JSONL contract
// (docs/testing/slt.md). Prints, with -v, one line per file, then always a last line
// `N passed, N failed, N skipped`.
//
// Exit status: 0, also when records failed; 1 when fewer records passed than --min-passed;
// 2 for a path that does not exist; CLI11's own non-zero codes for a bad command line.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "tools/slt/file_runner.h"
#include "tools/slt/script_runner.h"
#include "tools/slt/suite_runner.h"

namespace {

std::string ToLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  namespace slt = boyodb::tools::slt;
  CLI::App app{"boyodb-slt: runs sqllogictest files against a JSONL engine", "boyodb-slt"};
  std::string command;
  std::vector<std::string> engine_names = {"boyodb"};
  std::vector<std::string> also_names = {"postgresql"};
  double timeout_seconds = 30;
  int num_jobs = 1;
  bool verbose = false;
  int64_t num_shown = 0;
  int64_t min_passed = 0;
  int64_t max_failed = -1;
  bool keep_dirs = false;
  std::string engine_log;
  std::vector<std::string> paths;
  app.add_option("--cmd", command,
                 "The engine's shell command; {dir} becomes each file's new data directory")
      ->required();
  app.add_option("--engine", engine_names,
                 "Name for skipif/onlyif (repeatable or comma-separated; replaces the default)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--also", also_names,
                 "More names for skipif/onlyif (repeatable; '' for none; replaces the default)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--timeout", timeout_seconds, "Seconds per record, 0 for no limit")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--jobs", num_jobs, "Files run in parallel")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_flag("-v,--verbose", verbose, "Print one line per file");
  app.add_option("--show", num_shown, "Print the first N failures with SQL, expected and actual")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--min-passed", min_passed, "Exit 1 when fewer records pass")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-failed", max_failed, "Exit 1 when more records fail (-1: any number)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{-1}, std::numeric_limits<int64_t>::max()));
  app.add_flag("--keep-dirs", keep_dirs, "Keep each file's data directory");
  app.add_option("--engine-log", engine_log, "Append the engine's stderr to this file");
  app.add_option("paths", paths, ".test files, or directories searched for *.test")->required();
  CLI11_PARSE(app, argc, argv);

  slt::FileRunOptions options;
  options.engine.command = command;
  options.engine.timeout_seconds = timeout_seconds;
  options.engine.engine_log = engine_log;
  options.keep_dirs = keep_dirs;
  options.max_failures_kept = static_cast<size_t>(num_shown);
  options.engine_names.clear();
  for (const std::vector<std::string>* names : {&engine_names, &also_names}) {
    for (const std::string& name : *names) {
      if (!name.empty()) options.engine_names.insert(ToLower(name));
    }
  }
  if (const boyodb::Status valid = options.engine.Validate(); !valid.ok()) {
    std::cerr << "boyodb-slt: " << valid.FullMessage() << '\n';
    return 2;
  }
  boyodb::Result<std::vector<std::string>> files = slt::CollectTestFiles(paths);
  if (!files.ok()) {
    std::cerr << "boyodb-slt: " << files.error().FullMessage() << '\n';
    return 2;
  }

  int64_t num_failures_left = num_shown;
  const slt::SuiteTotals totals =
      slt::RunSuite(*files, options, num_jobs, [&](const slt::FileResult& file) {
        for (const slt::FailureDetail& failure : file.result.failures) {
          if (num_failures_left <= 0) break;
          --num_failures_left;
          std::cout << slt::FormatFailure(file.path, failure);
        }
        if (verbose) {
          std::cout << file.path << ": " << file.result.num_passed << " passed, "
                    << file.result.num_failed << " failed, " << file.result.num_skipped
                    << " skipped\n";
          for (const std::string& note : file.result.notes) {
            std::cout << "  note: " << note << '\n';
          }
        }
        std::cout.flush();
      });
  std::cout << totals.num_passed << " passed, " << totals.num_failed << " failed, "
            << totals.num_skipped << " skipped" << std::endl;
  const bool too_many_failed = max_failed >= 0 && totals.num_failed > max_failed;
  return totals.num_passed < min_passed || too_many_failed ? 1 : 0;
}
