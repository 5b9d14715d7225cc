// The memory allocator's settings for BoyoDB's programs (boyodb-server, boyodb-cli), which
// are linked with jemalloc (ARCHITECTURE.md section 8) instead of glibc's allocator. jemalloc
// reads this variable when the process first allocates; MALLOC_CONF in the environment,
// read after it, overrides any of them (MALLOC_CONF=dirty_decay_ms:10000 gives memory back
// after ten idle seconds).
//
// Why jemalloc: a query's drivers allocate and free many small objects per chunk (arrays,
// selections, shared pointers). glibc's allocator either gives every thread an arena of its
// own, whose heaps it unmaps as soon as they are free (the next query's hash tables faulted
// in afresh: hits Q16 2.2 s through the server against 0.95 s), or one arena for all, whose
// lock the drivers then take tens of thousands of times per query (TPC-H q07 ran slower on
// two threads than on one). jemalloc's per-thread caches and arenas avoid both.
//
// - dirty_decay_ms, muzzy_decay_ms: -1 keeps freed memory in the process for the next query,
//   as analytical databases do: returning it costs page faults and zeroing in the kernel
//   again (with 10 s decay, hits Q32 took 2.2 s instead of 1.0 s).
// - thp, metadata_thp: always backs the heap with transparent huge pages where the kernel
//   gives them on request: one fault per 2 MiB instead of per 4 KiB, which on virtual machines
//   cost microseconds each (a hash table of a million groups took 100 thousand).
// - lg_extent_max_active_fit: 30 lets a request reuse a kept free extent of any larger size
//   (by default at most 64 times its size). Otherwise a query whose tables grow by doubling
//   next to many small buffers found no kept extent of the right size and mapped about 100
//   MB afresh per run of hits Q31 (53 huge-page faults), which the kept ones then never
//   served: 340 ms a run against 190.
extern "C" {
const char* malloc_conf =
    "dirty_decay_ms:-1,muzzy_decay_ms:-1,thp:always,metadata_thp:always,"
    "lg_extent_max_active_fit:30";
}
