// TempDir: a fresh directory under the system temp dir, removed with everything in it when the
// object goes out of scope (unless BOYO_KEEP_TEST_DIRS is set, to inspect a failure).
// Thread safety: not shared between threads.
#pragma once

#include <string>

namespace boyodb::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// path()/name.
  std::string Join(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace boyodb::testing
