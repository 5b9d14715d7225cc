// Pipelines: the executor's unit of work. A pipeline pulls chunks (morsels) from its source,
// pushes each through its operators, and into its sink. Operators that must see all their
// input (aggregation, sort, the build side of a join) are sinks of one pipeline and sources of
// the next, through a state both share. Pipelines run after the pipelines they depend on.
// Thread safety: today a pipeline runs on one thread; sources hand out morsels and sinks keep
// per-thread state so that parallel drivers (issue 5) can run one pipeline on many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "exec/exec_context.h"

namespace boyodb::exec {

class Source {
 public:
  virtual ~Source() = default;
  /// The next morsel, or nullopt when the source is exhausted.
  virtual Result<std::optional<columnar::Chunk>> Next(ExecContext& context) = 0;
};

class Operator {
 public:
  virtual ~Operator() = default;
  /// Transforms one chunk; an empty result (0 rows) is dropped by the driver.
  virtual Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) = 0;
  /// Rows the operator emits after its input ends (unmatched rows of an outer join).
  virtual Result<std::vector<columnar::Chunk>> Finish(ExecContext& context) {
    (void)context;
    return std::vector<columnar::Chunk>{};
  }
  /// True once no further input can change the output (a LIMIT that is full).
  virtual bool Done() const { return false; }
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Consume(columnar::Chunk input, ExecContext& context) = 0;
  /// Called once after the last Consume.
  virtual Status Finalize(ExecContext& context) {
    (void)context;
    return Status::OK();
  }
};

struct Pipeline {
  std::unique_ptr<Source> source;
  std::vector<std::unique_ptr<Operator>> operators;
  std::unique_ptr<Sink> sink;
};

/// Runs one pipeline to completion.
Status RunPipeline(Pipeline& pipeline, ExecContext& context);

/// The schema of chunks with these output columns.
columnar::SchemaPtr SchemaOf(const std::vector<sql::OutputColumn>& columns);

}  // namespace boyodb::exec
