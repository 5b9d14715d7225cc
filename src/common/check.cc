#include "common/check.h"

#include <cstdio>
#include <cstdlib>

namespace boyodb {

void BoyoCheckFailed(const char* file, int line, const char* condition, const std::string& detail) {
  std::fprintf(stderr, "BOYO_CHECK failed at %s:%d: %s%s%s\n", file, line, condition,
               detail.empty() ? "" : " (", detail.empty() ? "" : (detail + ")").c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace boyodb
