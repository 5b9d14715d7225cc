// Hash aggregation: a sink that groups its input by the group expressions and updates each
// group's aggregate states, and a source that emits one row per group (groups, then aggregate
// results). Without GROUP BY there is exactly one group, even for empty input. DISTINCT
// aggregates keep, per group, the set of argument values already seen. Whole-row DISTINCT is
// an aggregation without aggregates. With grouping sets every input row joins one group per
// set; a group's key starts with its set's number, so a group column that a set leaves out (NULL
// in its rows) never meets a NULL of the data.
// Thread safety: one driver thread per sink today; the state is handed to the source after
// Finalize.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "exec/operators/streaming.h"

namespace boyodb::exec {

struct AggregateState {
  const sql::LogicalOperator* plan = nullptr;
  absl::flat_hash_map<std::string, int64_t> group_index;
  /// The group key values, one builder per group expression, in first-seen group order.
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> group_builders;
  std::vector<std::unique_ptr<uint8_t[]>> state_blocks;  // one block per group
  std::vector<int32_t> group_set;                        // per group, its grouping set
  /// The grouping sets as masks over the group expressions (one set of all of them without
  /// GROUPING SETS, ROLLUP or CUBE).
  std::vector<std::vector<bool>> sets;
  std::vector<std::shared_ptr<const sql::AggregateFunction>> functions;
  std::vector<size_t> state_offsets;  // per aggregate, within a block
  size_t block_size = 0;
  /// DISTINCT aggregates: per aggregate, per group, the argument keys seen.
  std::vector<std::vector<absl::flat_hash_set<std::string>>> seen;
  /// The rows of an aggregate with an ORDER BY (its arguments, then its sort keys) and the
  /// group of each, kept until all input has arrived and then fed to the function in order.
  struct OrderedRows {
    std::vector<std::unique_ptr<columnar::ArrayBuilder>> columns;
    std::vector<int64_t> groups;
  };
  std::vector<OrderedRows> ordered;  // per aggregate; empty for those without ORDER BY
  bool finalized = false;
  ~AggregateState();
};

class HashAggregateSink final : public Sink {
 public:
  explicit HashAggregateSink(std::shared_ptr<AggregateState> state);
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  /// Updates the states of ordered aggregate `a` with its buffered rows, in order.
  Status FeedOrdered(size_t a);
  int64_t GroupOf(const std::string& key, int32_t set,
                  const std::vector<columnar::ArrayPtr>& groups, int64_t row);
  std::shared_ptr<AggregateState> state_;
};

class AggregateSource final : public Source {
 public:
  explicit AggregateSource(std::shared_ptr<AggregateState> state) : state_(std::move(state)) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  std::shared_ptr<AggregateState> state_;
  int64_t next_group_ = 0;
};

}  // namespace boyodb::exec
