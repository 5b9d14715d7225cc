// KeyFilter: the key values of a hash join's build side, handed to the table scan on its probe
// side (a runtime filter, as DuckDB and ClickHouse call it). A probe row whose key the build
// side lacks joins nothing, so the scan drops it before any operator copies or hashes it:
// batches whose zone map lies outside the keys' [min, max] are skipped, and rows are tested
// against the keys themselves. The test may let a row through that the join then rejects
// (it is a bloom filter when the keys are sparse), never the other way round.
// Integer-domain keys (integers, dates, times, timestamps) are compared as 64-bit values, so a
// probe column narrower than the key (widened by a cast before the join) is tested as it is
// stored. Text keys are tested by their bytes' hash. NULL keys never pass: the join compares
// with `=`, which no NULL satisfies.
// A filter that lets nearly every row through stops testing, so a join whose build side holds
// every probe key costs little.
// Thread safety: Publish once, before any scan reads the filter (the join's build pipeline runs
// before the pipeline that scans its probe side); after that any number of scans may use it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "columnar/array.h"
#include "columnar/selection_vector.h"
#include "storage/scan/predicate.h"

namespace boyodb::storage {

class KeyFilter {
 public:
  /// Whether key values of `type` can be filtered (both the build side's keys and the probe
  /// column must be of such a type, and integer or text alike).
  static bool Supports(const types::DataType& type);

  /// Runs task(0) ... task(tasks - 1), each once, possibly on several threads at once.
  using TaskRunner = std::function<void(size_t tasks, const std::function<void(size_t)>& task)>;

  /// Sets the keys: every non-NULL value of `keys` (rows [0, keys.length())). With `run`, a
  /// large input is read in ranges that `run` may run at once. Requires:
  /// Supports(keys.type()); called once.
  void Publish(const columnar::Array& keys, const TaskRunner& run = nullptr);

  /// Whether Publish has run; an unpublished filter passes everything.
  bool published() const { return published_.load(std::memory_order_acquire); }

  /// False only when no row the zone map summarizes can hold one of the keys.
  bool ZoneMayMatch(const ZoneMap& zone) const;

  /// Narrows `selection` (row indices into `column`) to rows whose value may be a key.
  /// `column`'s type must be in the same domain as the published keys (integer or text).
  void FilterRows(const columnar::Array& column, columnar::SelectionVector* selection) const;

  /// Rows tested and rows that passed, over every scan that used the filter.
  int64_t rows_tested() const { return tested_.load(std::memory_order_relaxed); }
  int64_t rows_passed() const { return passed_.load(std::memory_order_relaxed); }

 private:
  // Each value (an integer's value, a text's hash) may be a key: exact over a dense integer
  // range, a one-word-per-probe bloom filter otherwise.
  bool MayContain(uint64_t value) const;

  std::atomic<bool> published_{false};
  bool text_ = false;
  bool empty_ = false;  // no non-NULL key: nothing passes
  int64_t min_ = 0;     // integer keys' range
  int64_t max_ = 0;
  bool exact_ = false;          // bits_ is a bitmap over [min_, max_]
  std::vector<uint64_t> bits_;  // the bitmap, or the bloom filter's words
  uint64_t word_mask_ = 0;      // bloom: number of words - 1 (a power of two)
  mutable std::atomic<int64_t> tested_{0};
  mutable std::atomic<int64_t> passed_{0};
  mutable std::atomic<bool> given_up_{false};  // passes nearly everything: no longer tested
};

}  // namespace boyodb::storage
