// generate_series(start, stop, step) in FROM: a source of integers produced a chunk at a time,
// so a LIMIT above stops a long series early. An argument that is NULL gives no rows, as in
// PostgreSQL; a step of zero is an error (22023).
// Thread safety: one thread.
#pragma once

#include "exec/pipeline/pipeline.h"

namespace boyodb::exec {

class SeriesSource final : public Source {
 public:
  explicit SeriesSource(const sql::LogicalOperator& plan) : plan_(plan) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  const sql::LogicalOperator& plan_;
  bool started_ = false;
  bool done_ = false;
  __int128 next_ = 0;
  __int128 stop_ = 0;
  __int128 step_ = 1;
};

}  // namespace boyodb::exec
