// Joins: the right input is the build side, collected by a sink into a hash table on the
// equality keys of the join condition (a GroupKeyMap numbering the distinct keys, and per key
// the chain of its build rows in input order); the left input streams through a probe
// operator that emits matching pairs, checks the rest of the condition on them, and adds
// NULL-extended rows for outer joins. Without equality keys the probe compares every pair
// (nested loop). Pairs are made and emitted in pieces of at most kPairsPerPiece, so a join
// with many matches per row streams instead of filling memory.
// Thread safety: the build side's rows arrive on many drivers (each its own local sink) and
// are put back in input order before the table is built; the table is read-only while many
// probe operators (Clone) read it. RIGHT and FULL joins, which flag matched build rows, probe
// on one thread.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <atomic>

#include "exec/operators/group_keys.h"
#include "exec/operators/streaming.h"
#include "storage/scan/key_filter.h"

namespace boyodb::exec {

struct JoinState {
  const sql::LogicalOperator* plan = nullptr;
  int32_t left_width = 0;
  std::vector<sql::BoundExprPtr> left_keys;   // over the left input
  std::vector<sql::BoundExprPtr> right_keys;  // over the right input (indices rebased)
  std::vector<sql::BoundExprPtr> residual;    // over the joined row
  OrderedChunks build_chunks;
  columnar::Chunk build;              // all build rows
  std::unique_ptr<GroupKeyMap> keys;  // the build rows' distinct keys
  std::vector<int64_t> first_row;     // per key: its first build row (-1: none)
  std::vector<int64_t> next_row;      // per build row: the next with its key (-1: none)
  std::vector<uint8_t> build_matched;
  // A semi or anti join built from its left input (plan.build_left, with equality keys): the
  // right rows stream through a SemiJoinMarkSink, which marks per key (no residual) or per
  // build row (with one) what they matched.
  bool build_left = false;
  std::vector<int64_t> build_key_of_row;
  std::unique_ptr<std::atomic<uint8_t>[]> marks;
  // Filters that scans under the probe side apply (join_key_filters.h), per build key index;
  // the build publishes each from that key's values.
  std::vector<std::pair<size_t, std::shared_ptr<storage::KeyFilter>>> key_filters;

  /// The keys over the input the table is built from, and over the one that probes it.
  const std::vector<sql::BoundExprPtr>& build_keys() const {
    return build_left ? left_keys : right_keys;
  }
  const std::vector<sql::BoundExprPtr>& probe_keys() const {
    return build_left ? right_keys : left_keys;
  }
};

/// Splits the plan's condition into equality keys and the residual.
std::shared_ptr<JoinState> MakeJoinState(const sql::LogicalOperator& join);

/// The columns of a left row and its right match side by side (a semi or anti join's pairs
/// too, although it outputs the left row alone).
std::vector<sql::OutputColumn> JoinPairColumns(const sql::LogicalOperator& join);

/// `left`'s columns then `right`'s (the same number of rows), under `schema`.
columnar::Chunk ConcatenateColumns(const columnar::SchemaPtr& schema, const columnar::Chunk& left,
                                   const columnar::Chunk& right);

/// Which pairs (rows of JoinPairColumns) satisfy the join's residual condition.
Result<columnar::SelectionVector> CheckResidual(const JoinState& state,
                                                const columnar::Chunk& pairs, ExecContext& context);

/// Whether any of the key columns is NULL at `row`.
bool AnyKeyNull(const std::vector<columnar::ArrayPtr>& keys, int64_t row);

/// Pairs a probe makes before it checks and emits them.
constexpr size_t kJoinPairsPerPiece = 64 * 1024;

class JoinBuildSink final : public Sink {
 public:
  explicit JoinBuildSink(std::shared_ptr<JoinState> state) : state_(std::move(state)) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  Status Absorb(Sink& local, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  std::shared_ptr<JoinState> state_;
  OrderedChunks local_;  // a local sink's rows (the first sink adds to the state's)
  bool is_local_ = false;
  uint64_t arrival_ = 0;
};

class JoinProbeOperator final : public Operator {
 public:
  explicit JoinProbeOperator(std::shared_ptr<JoinState> state);
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;
  Status ProcessInPieces(columnar::Chunk input, ExecContext& context,
                         const EmitChunk& emit) override;
  Result<std::vector<columnar::Chunk>> Finish(ExecContext& context) override;
  std::unique_ptr<Operator> Clone() const override;

 private:
  std::shared_ptr<JoinState> state_;
  columnar::SchemaPtr schema_;
};

}  // namespace boyodb::exec
