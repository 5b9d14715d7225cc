// Process-wide settings of the C library's allocator for an analytical workload.
// Thread safety: call once at process start, before other threads exist.
#pragma once

namespace boyodb {

/// Keeps freed column buffers in the heap for reuse. By default glibc serves allocations above
/// its (dynamic) mmap threshold with fresh mappings and returns them on free, so every chunk's
/// multi-megabyte buffers cost page faults and page zeroing in the kernel; queries spent a
/// fifth of their time there. Raising the mmap threshold to its maximum and trimming the heap
/// only above 256 MiB free keeps that memory mapped between chunks.
void TuneAllocatorForAnalytics();

}  // namespace boyodb
