// The probe side of a semi or anti join whose hash table holds its left input (the optimizer
// chose it as the smaller, LogicalOperator::build_left). The right input's rows stream into a
// SemiJoinMarkSink, which looks each one's key up and marks what it matched: the key, or
// with a residual condition each left row of the key that the condition accepts with it.
// When the right input ends, the left rows that were marked (semi) or were not (anti) go,
// in the left input's order, into a buffer that the join's output pipeline reads.
// Thread safety: the marks are atomic bytes set by many drivers at once (each its own local
// sink over the shared JoinState); the table itself is read-only by then. A residual that is
// not safe to evaluate in parallel keeps the probe on one thread.
#pragma once

#include "exec/operators/hash_join.h"

namespace boyodb::exec {

class SemiJoinMarkSink final : public Sink {
 public:
  SemiJoinMarkSink(std::shared_ptr<JoinState> state, std::shared_ptr<ChunkBuffer> output)
      : state_(std::move(state)), output_(std::move(output)) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  Status Finalize(ExecContext& context) override;

 private:
  // Marks the left rows that `input`'s rows match under the residual condition.
  Status MarkPairs(const columnar::Chunk& input, const std::vector<int64_t>& key_of_row,
                   ExecContext& context);

  std::shared_ptr<JoinState> state_;
  std::shared_ptr<ChunkBuffer> output_;
};

}  // namespace boyodb::exec
