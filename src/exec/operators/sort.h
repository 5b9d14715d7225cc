// Sort: a sink that collects its input and, at the end, orders it by the sort keys (ASC/DESC,
// NULLS FIRST/LAST) into a buffer that a BufferSource emits. The sort is stable, so rows with
// equal keys keep their input order, unless that order is arbitrary (ties_by_row).
// At the end the rows are put back in input order (so ties keep it) and sorted on all
// threads: by their normalized keys (normalized_keys.h) in a parallel merge sort
// (parallel_sort.h), by the keys themselves where those words tie and stop short.
// Thread safety: drivers collect rows in local sinks; Finalize runs on the worker pool.
#pragma once

#include <functional>
#include <vector>

#include "exec/operators/streaming.h"

namespace boyodb::exec {

/// The sort keys' values over `rows`.
Result<std::vector<columnar::ArrayPtr>> EvaluateSortKeys(const std::vector<sql::SortKey>& order,
                                                         const columnar::Chunk& rows,
                                                         ExecContext& context);

/// Compares rows x and y of the evaluated sort `keys` in `order`'s directions and NULL
/// placement: negative when x goes first, 0 when they tie.
int CompareByKeys(const std::vector<columnar::ArrayPtr>& keys,
                  const std::vector<sql::SortKey>& order, int64_t x, int64_t y);

/// Compares rows x and y of `rows` column by column, ascending, NULLs last: how Sort and
/// TopN order rows whose keys tie when their input order means nothing (ties_by_row).
int CompareRows(const columnar::Chunk& rows, int64_t x, int64_t y);

/// Appends every column of `rows` to the sort `keys` and `order`, ascending with NULLs last:
/// rows whose sort keys tie then sort as CompareRows orders them, by normalized keys too.
void AppendRowsAsKeys(const columnar::Chunk& rows, std::vector<columnar::ArrayPtr>* keys,
                      std::vector<sql::SortKey>* order);

/// Rows [0, num_rows) of the evaluated sort `keys` in `order`'s order, sorted on up to
/// `threads` threads by their normalized keys (normalized_keys.h) where the keys have them;
/// rows whose keys tie are ordered by `tie`, which must never find two rows equal.
std::vector<uint32_t> SortedRows(const std::vector<columnar::ArrayPtr>& keys,
                                 const std::vector<sql::SortKey>& order, int64_t num_rows,
                                 int threads, const std::function<int(uint32_t, uint32_t)>& tie);

class SortSink final : public Sink {
 public:
  /// `ties_by_row`: rows whose keys tie are ordered by their values (CompareRows) rather
  /// than by input order, for an input whose order is arbitrary (a parallel aggregation's
  /// groups), so that the result does not depend on it.
  SortSink(std::vector<sql::SortKey> keys, std::shared_ptr<ChunkBuffer> output,
           bool ties_by_row = false)
      : keys_(std::move(keys)), output_(std::move(output)), ties_by_row_(ties_by_row) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  Status Absorb(Sink& local, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  std::vector<sql::SortKey> keys_;
  std::shared_ptr<ChunkBuffer> output_;
  bool ties_by_row_;
  OrderedChunks input_;
  uint64_t arrival_ = 0;
};

}  // namespace boyodb::exec
