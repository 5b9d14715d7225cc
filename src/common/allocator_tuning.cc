#include "common/allocator_tuning.h"

#include <malloc.h>

namespace boyodb {

void TuneAllocatorForAnalytics() {
  // 32 MiB is the largest mmap threshold glibc accepts on 64-bit (half its heap size).
  constexpr int kMmapThreshold = 32 << 20;
  constexpr int kTrimThreshold = 256 << 20;
  // Failures leave glibc's defaults, which are correct, only slower.
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
}

}  // namespace boyodb
