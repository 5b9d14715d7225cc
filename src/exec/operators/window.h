// Window: a sink that collects its input and, at the end, computes every window function of
// the Window operator: rows are ordered by (PARTITION BY, ORDER BY) per function, each row's
// peers and frame are found in that order, and the results are put back in input order as
// columns after the input's. A BufferSource emits the result.
// Thread safety: one driver thread per sink today.
#pragma once

#include "exec/operators/streaming.h"

namespace boyodb::exec {

class WindowSink final : public Sink {
 public:
  WindowSink(std::vector<sql::BoundWindow> windows, columnar::SchemaPtr schema,
             std::shared_ptr<ChunkBuffer> output)
      : windows_(std::move(windows)), schema_(std::move(schema)), output_(std::move(output)) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  std::vector<sql::BoundWindow> windows_;
  columnar::SchemaPtr schema_;
  std::shared_ptr<ChunkBuffer> output_;
  std::vector<columnar::Chunk> input_;
};

}  // namespace boyodb::exec
