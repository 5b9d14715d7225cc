// Pipelines: the executor's unit of work. A pipeline pulls chunks (morsels) from its source,
// pushes each through its operators, and into its sink. Operators that must see all their
// input (aggregation, sort, the build side of a join) are sinks of one pipeline and sources of
// the next, through a state both share. Pipelines run after the pipelines they depend on.
// Thread safety: a pipeline runs on as many driver threads as ExecContext::threads allows when
// its source hands out morsels to many threads (parallel()), every operator can be cloned for
// another driver, and its sink makes local sinks for the other drivers; otherwise on one. Each
// driver has its own operators and sink; results come back in the order one driver would have
// produced them (chunks carry their morsel's sequence number).
#pragma once

#include <functional>
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
  /// Whether NextMorsel may be called from several threads at once.
  virtual bool parallel() const { return false; }
  /// How many morsels are left, when the source knows it before it is read; -1 otherwise.
  /// No more drivers than that run: one that could find no morsel would only cost waking a
  /// thread and waiting for it (an aggregate answered from metadata is one chunk).
  virtual int64_t morsels_left() const { return -1; }
  /// Next, with the morsel's position in the source's order. Parallel sources override it
  /// (thread-safe); this one numbers Next's chunks (one thread).
  virtual Result<std::optional<columnar::Chunk>> NextMorsel(ExecContext& context,
                                                            uint64_t* sequence) {
    *sequence = next_sequence_++;
    return Next(context);
  }

 private:
  uint64_t next_sequence_ = 0;
};

/// Receives an operator's output piece by piece (the rest of the pipeline).
using EmitChunk = std::function<Status(columnar::Chunk)>;

class Operator {
 public:
  virtual ~Operator() = default;
  /// Transforms one chunk; an empty result (0 rows) is dropped by the driver.
  virtual Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) = 0;
  /// Process for operators whose output for one chunk can be much larger than it (a join's
  /// matches): hands the output to `emit` in pieces of bounded size, in order, so that it
  /// never sits in memory whole. The default emits Process's chunk.
  virtual Status ProcessInPieces(columnar::Chunk input, ExecContext& context,
                                 const EmitChunk& emit) {
    BOYO_ASSIGN_OR_RETURN(columnar::Chunk output, Process(std::move(input), context));
    return emit(std::move(output));
  }
  /// Rows the operator emits after its input ends (unmatched rows of an outer join).
  virtual Result<std::vector<columnar::Chunk>> Finish(ExecContext& context) {
    (void)context;
    return std::vector<columnar::Chunk>{};
  }
  /// True once no further input can change the output (a LIMIT that is full).
  virtual bool Done() const { return false; }
  /// The same operator for another driver thread, sharing what the plan node shares (a
  /// join's hash table); null when the operator needs to see every row in order (LIMIT).
  virtual std::unique_ptr<Operator> Clone() const { return nullptr; }
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Consume(columnar::Chunk input, ExecContext& context) = 0;
  /// Consume, with the sequence number of the morsel the chunk comes from: sinks whose
  /// output keeps their input's order override it.
  virtual Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) {
    (void)sequence;
    return Consume(std::move(input), context);
  }
  /// A sink for another driver thread, folded into this one by Absorb once its driver is
  /// done; null when this sink takes one thread only.
  virtual std::unique_ptr<Sink> NewLocal() { return nullptr; }
  /// Called on a driver's own thread once its input has ended, when the pipeline runs on
  /// several drivers, for this sink and each NewLocal one: what a sink can settle alone (a
  /// top-N's cut of its own rows) then runs on all threads at once, where Absorb and
  /// Finalize run one after another on one thread.
  virtual Status FinishDriver(ExecContext& context) {
    (void)context;
    return Status::OK();
  }
  /// Folds a sink made by NewLocal into this one; called after every driver finished and
  /// before Finalize, one local at a time.
  virtual Status Absorb(Sink& local, ExecContext& context) {
    (void)local;
    (void)context;
    return Status::OK();
  }
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

/// Runs one pipeline to completion, on up to context.threads driver threads.
Status RunPipeline(Pipeline& pipeline, ExecContext& context);

/// Whether an expression may be evaluated on several threads at once: no volatile call
/// (random() and nextval() give their values in row order on one thread).
bool ParallelSafe(const sql::BoundExpr& expr);

/// The schema of chunks with these output columns.
columnar::SchemaPtr SchemaOf(const std::vector<sql::OutputColumn>& columns);

}  // namespace boyodb::exec
