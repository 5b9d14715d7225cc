// Top-N: ORDER BY ... LIMIT n as a sink that keeps only the first n rows (limit plus offset)
// in sort order instead of sorting everything. Rows are buffered, and whenever the buffer
// holds several times n rows it is cut back to its first n. Ties go in input order (each row
// keeps its morsel's sequence number and its position as the last sort key), so the rows are
// the ones a full stable sort followed by LIMIT gives; or by their values (ties_by_row).
// With a TopNBound (the first key is a column), each cut publishes the n-th row's first key:
// rows arriving whose first key sorts after that cut-off are dropped on arrival, and a scan
// below that shares the bound skips batches by it (storage/scan/top_n_bound.h).
// Each driver also keeps the n-th row of its last cut: arriving rows that sort strictly after
// it, key by key and then (ties_by_row) value by value, are dropped on arrival too, which
// the first key alone cannot do where many rows tie on it (ORDER BY count(*) DESC over
// groups seen once each).
// Thread safety: each driver keeps its own candidates (NewLocal) and cuts them when its input
// ends (FinishDriver); Absorb merges them.
#pragma once

#include "exec/operators/streaming.h"

namespace boyodb::exec {

class TopNSink final : public Sink {
 public:
  /// `ties_by_row`: as SortSink's.
  TopNSink(std::vector<sql::SortKey> keys, int64_t count, std::shared_ptr<ChunkBuffer> output,
           std::shared_ptr<storage::TopNBound> bound = nullptr, bool ties_by_row = false)
      : keys_(std::move(keys)),
        count_(count),
        output_(std::move(output)),
        bound_(std::move(bound)),
        ties_by_row_(ties_by_row) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  /// Cuts this driver's rows back to the first count_ on its own thread, so that Absorb and
  /// Finalize cut only the drivers' first rows (hits Q38: 15 thousand groups' rows, of which
  /// 1010 are kept, sorted on one thread while the other waited).
  Status FinishDriver(ExecContext& context) override;
  Status Absorb(Sink& local, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  // Rows and, per row, where it came from: (morsel sequence number, row in its chunk).
  struct Candidates {
    columnar::Chunk rows;
    std::vector<std::pair<uint64_t, uint32_t>> origins;
  };
  /// Cuts the buffered rows back to the first count_, sorted.
  Status Compact(ExecContext& context);
  /// The rows of `input` whose first key does not sort after the bound's cut-off.
  columnar::Chunk DropRowsAfterBound(columnar::Chunk input) const;
  /// The rows of `input` that do not sort strictly after cut_row_.
  columnar::Chunk DropRowsAfterCutRow(columnar::Chunk input) const;
  /// Whether cuts leave a cut row (the first key is a column SetCutRow can compare).
  bool CutsByRow() const;
  /// Notes row `row` of `chunk`, whose sort keys are `keys`, as cut_row_.
  void SetCutRow(const columnar::Chunk& chunk, const std::vector<columnar::ArrayPtr>& keys,
                 uint32_t key_row, int64_t row);

  // A column compared as Compact compares rows: the sort keys that are input columns of a
  // type whose predicates order as the sort does, then (ties_by_row, all keys such columns)
  // the input's columns of such types, ascending with NULLs last; up to the first that is not.
  struct CutLevel {
    size_t column;
    bool descending;
    bool nulls_first;
  };

  std::vector<sql::SortKey> keys_;
  int64_t count_;
  std::shared_ptr<ChunkBuffer> output_;
  std::shared_ptr<storage::TopNBound> bound_;  // null: none
  bool ties_by_row_;
  bool cut_ = false;                   // whether this sink offered the bound a key
  std::vector<CutLevel> cut_levels_;   // set with the first cut_row_
  std::vector<types::Value> cut_row_;  // per level, the last cut's n-th row; empty: none yet
  std::vector<Candidates> buffered_;
  int64_t buffered_rows_ = 0;
  uint64_t arrival_ = 0;
};

}  // namespace boyodb::exec
