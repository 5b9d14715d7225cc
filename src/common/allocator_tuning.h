// Process-wide settings of the C library's allocator for an analytical workload.
// Thread safety: call once at process start, before other threads exist.
#pragma once

namespace boyodb {

/// Keeps freed memory in the process for reuse. By default glibc serves allocations above its
/// (dynamic) mmap threshold with mappings of their own and returns them to the kernel on free,
/// so every chunk's multi-megabyte buffers, and every query's hash tables, cost page faults
/// and page zeroing in the kernel again: queries spent a fifth of their time there, and
/// aggregations of millions of groups more than half. All allocations come from the heap
/// instead, which is trimmed only when more than 2 GiB at its top are free; as in other
/// analytical databases, memory a large query used stays with the process for the next one.
/// All threads share that heap (one arena), since other arenas' heaps are unmapped when free.
void TuneAllocatorForAnalytics();

/// Has glibc's allocator back the heap with transparent huge pages (its
/// glibc.malloc.hugetlb=1 tunable), when the environment does not already choose: restarts
/// the program (execv of itself, same process id, arguments and open files) with that tunable
/// added to GLIBC_TUNABLES, since glibc reads it only when a process starts. Most machines
/// give huge pages only to memory that asks for them; with 4 KiB pages a query that builds
/// a hash table of a million groups took 100 thousand page faults, which on virtual machines
/// cost several microseconds each (TPC-H Q18: 1.4 s, against 0.4 s with huge pages).
/// GLIBC_TUNABLES=glibc.malloc.hugetlb=0 in the environment turns this off. Returns (and
/// changes nothing) when the restart fails.
void UseTransparentHugePages(char** argv);

}  // namespace boyodb
