// ParallelSort: a merge sort on the worker pool. The items are cut into one run per thread,
// the runs sorted at once, then merged pairwise round by round; each merge is itself cut into
// pieces that threads merge at once, each piece's start in both runs found by a binary search
// ("merge path"), so the last merges do not fall to one thread.
// `less` must be a strict total order (no two items equal), so that any split of the work
// gives the one sorted order.
// Thread safety: runs on the worker pool; `less` is called from several threads at once.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

namespace parallel_sort_internal {

// How many of the first k items of merging a[0, na) and b[0, nb) come from a.
template <typename T, typename Less>
size_t TakenFromFirst(const T* a, size_t na, const T* b, size_t nb, size_t k, const Less& less) {
  size_t low = k > nb ? k - nb : 0;
  size_t high = std::min(k, na);
  while (low < high) {
    const size_t mid = low + (high - low) / 2;
    // a[mid] is among the first k when it goes before b[k - mid - 1].
    if (less(a[mid], b[k - mid - 1])) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

}  // namespace parallel_sort_internal

/// Sorts `items` by `less` on up to `threads` threads.
template <typename T, typename Less>
void ParallelSort(std::vector<T>& items, int threads, const Less& less) {
  constexpr size_t kMinItemsPerRun = 4096;
  const size_t count = items.size();
  const size_t runs = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)),
                                       std::max<size_t>(1, count / kMinItemsPerRun));
  if (runs <= 1) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  std::vector<size_t> bounds;
  for (size_t r = 0; r <= runs; ++r) bounds.push_back(count * r / runs);
  RunInParallel(threads, runs, [&](size_t r) {
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(bounds[r]),
              items.begin() + static_cast<std::ptrdiff_t>(bounds[r + 1]), less);
  });
  std::vector<T> spare(count);
  T* from = items.data();
  T* to = spare.data();
  while (bounds.size() > 2) {
    const size_t num_runs = bounds.size() - 1;
    const size_t pairs = num_runs / 2;
    const size_t pieces = std::max<size_t>(1, static_cast<size_t>(threads) / pairs);
    // Tasks: every piece of every pair's merge, and the copy of an odd last run.
    const size_t tasks = pairs * pieces + (num_runs % 2);
    RunInParallel(threads, tasks, [&](size_t task) {
      if (task == pairs * pieces) {
        std::copy(from + bounds[num_runs - 1], from + bounds[num_runs], to + bounds[num_runs - 1]);
        return;
      }
      const size_t pair = task / pieces;
      const size_t piece = task % pieces;
      const T* a = from + bounds[2 * pair];
      const size_t na = bounds[2 * pair + 1] - bounds[2 * pair];
      const T* b = from + bounds[2 * pair + 1];
      const size_t nb = bounds[2 * pair + 2] - bounds[2 * pair + 1];
      const size_t first = (na + nb) * piece / pieces;
      const size_t last = (na + nb) * (piece + 1) / pieces;
      const size_t a_first = parallel_sort_internal::TakenFromFirst(a, na, b, nb, first, less);
      const size_t a_last = parallel_sort_internal::TakenFromFirst(a, na, b, nb, last, less);
      std::merge(a + a_first, a + a_last, b + (first - a_first), b + (last - a_last),
                 to + bounds[2 * pair] + first, less);
    });
    std::vector<size_t> merged;
    for (size_t r = 0; r < num_runs; r += 2) merged.push_back(bounds[r]);
    merged.push_back(count);
    bounds = std::move(merged);
    std::swap(from, to);
  }
  if (from != items.data()) items.swap(spare);
}

}  // namespace boyodb::exec
