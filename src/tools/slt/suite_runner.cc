#include "tools/slt/suite_runner.h"

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>

namespace boyodb::tools::slt {
namespace {

// Results of the files run by worker threads, handed over to the reporting thread in order.
class ResultSlots {
 public:
  explicit ResultSlots(size_t num_files) : slots_(num_files) {}

  // The next file index to run, or nullopt when every file has been taken.
  std::optional<size_t> TakeNext() {
    absl::MutexLock lock(&mutex_);
    if (next_ >= slots_.size()) return std::nullopt;
    return next_++;
  }

  void Put(size_t index, FileResult result) {
    absl::MutexLock lock(&mutex_);
    slots_[index] = std::move(result);
  }

  // Blocks until file `index` is done and returns its result.
  FileResult Wait(size_t index) {
    absl::MutexLock lock(&mutex_);
    const std::optional<FileResult>* slot = &slots_[index];
    mutex_.Await(absl::Condition(
        +[](const std::optional<FileResult>* s) { return s->has_value(); }, slot));
    FileResult result = std::move(*slots_[index]);
    slots_[index].reset();
    return result;
  }

 private:
  absl::Mutex mutex_;
  std::vector<std::optional<FileResult>> slots_ ABSL_GUARDED_BY(mutex_);
  size_t next_ ABSL_GUARDED_BY(mutex_) = 0;
};

void Add(SuiteTotals& totals, const FileResult& file) {
  totals.num_passed += file.result.num_passed;
  totals.num_failed += file.result.num_failed;
  totals.num_skipped += file.result.num_skipped;
}

}  // namespace

Result<std::vector<std::string>> CollectTestFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      return Status::NotFound("no such file or directory: " + path);
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
         it.increment(error)) {
      if (it->path().extension() == ".test" && !it->is_directory()) {
        files.push_back(it->path().string());
      }
    }
    if (error) return Status::FromErrno(error.value(), "listing", path);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

SuiteTotals RunSuite(const std::vector<std::string>& files, const FileRunOptions& options,
                     int num_jobs, const std::function<void(const FileResult&)>& on_file_done) {
  SuiteTotals totals;
  const size_t num_workers = std::min(files.size(), static_cast<size_t>(std::max(num_jobs, 1)));
  if (num_workers <= 1) {
    for (const std::string& path : files) {
      const FileResult file = RunFile(path, options);
      Add(totals, file);
      on_file_done(file);
    }
    return totals;
  }
  ResultSlots slots(files.size());
  std::vector<std::thread> workers;
  workers.reserve(num_workers);
  for (size_t i = 0; i < num_workers; ++i) {
    workers.emplace_back([&] {
      while (const std::optional<size_t> index = slots.TakeNext()) {
        slots.Put(*index, RunFile(files[*index], options));
      }
    });
  }
  for (size_t index = 0; index < files.size(); ++index) {
    const FileResult file = slots.Wait(index);
    Add(totals, file);
    on_file_done(file);
  }
  for (std::thread& worker : workers) worker.join();
  return totals;
}

}  // namespace boyodb::tools::slt
