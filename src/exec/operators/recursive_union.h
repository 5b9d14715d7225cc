// WITH RECURSIVE: a source that runs the non-recursive term once and then the recursive term
// round after round, each round reading (through the work table) the rows the previous round
// added, until a round adds none. Rounds are produced lazily, so a LIMIT above stops an
// endless recursion as it does in PostgreSQL. UNION (without ALL) drops every row already
// produced, which also ends cycles.
// Thread safety: one thread; the rounds run as nested statements on the same context.
#pragma once

#include <absl/container/flat_hash_set.h>

#include <deque>

#include "exec/pipeline/pipeline.h"

namespace boyodb::exec {

class RecursiveUnionSource final : public Source {
 public:
  explicit RecursiveUnionSource(const sql::LogicalOperator& plan);
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  /// Runs the next round into pending_; false when it added no rows (the recursion is over).
  Result<bool> RunRound(ExecContext& context);

  const sql::LogicalOperator& plan_;
  columnar::SchemaPtr schema_;
  bool started_ = false;
  bool done_ = false;
  std::shared_ptr<const std::vector<columnar::Chunk>> working_;
  std::deque<columnar::Chunk> pending_;
  absl::flat_hash_set<std::string> seen_;  // UNION: the keys of every row produced
};

/// Reads the rows of the work table the plan names, as the recursive union left them.
class WorkTableSource final : public Source {
 public:
  explicit WorkTableSource(int32_t work_table_id) : work_table_id_(work_table_id) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  int32_t work_table_id_;
  std::shared_ptr<const std::vector<columnar::Chunk>> rows_;
  size_t next_ = 0;
};

}  // namespace boyodb::exec
