#include "common/allocator_tuning.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace boyodb {

void TuneAllocatorForAnalytics() {
  // No allocation gets a mapping of its own: a freed mapping goes back to the kernel, and the
  // next query's hash tables would be faulted in and zeroed afresh. From the heap, freed
  // memory serves the next allocations.
  constexpr int kTrimThreshold = std::numeric_limits<int>::max();
  // Failures leave glibc's defaults, which are correct, only slower.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
  // Every thread allocates from the main heap. Threads other than the first get arenas of
  // their own, whose heaps are mappings that glibc unmaps as soon as they are free, whatever
  // the trim threshold: the server runs every query on such threads, and its aggregations
  // paid the page faults again on every query (hits Q16 2.2 s through the server against 0.95
  // s with one arena; Q13 0.55 against 0.27 s). Small allocations come from each thread's
  // cache without the arena's lock; large ones are per chunk, not per row.
  mallopt(M_ARENA_MAX, 1);
}

void UseTransparentHugePages(char** argv) {
  constexpr const char* kTunable = "glibc.malloc.hugetlb";
  const char* current = std::getenv("GLIBC_TUNABLES");
  // Also what stops the restarted program from restarting again.
  if (current != nullptr && std::strstr(current, kTunable) != nullptr) return;
  std::string tunables = current != nullptr && *current != '\0' ? std::string(current) + ":" : "";
  tunables += std::string(kTunable) + "=1";
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the restart failed, so this process goes on as it is, without the setting.
  if (current != nullptr) {
    setenv("GLIBC_TUNABLES", current, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace boyodb
