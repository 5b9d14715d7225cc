#include "tests/support/temp_dir.h"

#include <cstdlib>
#include <filesystem>

#include "common/check.h"

namespace boyodb::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/boyodb-test-XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  BOYO_CHECK(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  if (std::getenv("BOYO_KEEP_TEST_DIRS") != nullptr) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Join(const std::string& name) const { return path_ + "/" + name; }

}  // namespace boyodb::testing
