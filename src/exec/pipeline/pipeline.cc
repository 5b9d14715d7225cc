#include "exec/pipeline/pipeline.h"

#include <atomic>

#include "common/sqlstate.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

namespace {

// One driver's operators and sink; the first driver uses the pipeline's own.
struct Driver {
  std::vector<std::unique_ptr<Operator>> owned_operators;
  std::vector<Operator*> operators;
  std::unique_ptr<Sink> owned_sink;
  Sink* sink = nullptr;
};

// Pushes a chunk through operators [first, end) and into the sink.
Status Push(Driver& driver, size_t first, columnar::Chunk chunk, uint64_t sequence,
            ExecContext& context) {
  if (chunk.num_rows() == 0) return Status::OK();
  if (first == driver.operators.size()) {
    return driver.sink->ConsumeMorsel(std::move(chunk), sequence, context);
  }
  return driver.operators[first]->ProcessInPieces(
      std::move(chunk), context, [&](columnar::Chunk piece) {
        return Push(driver, first + 1, std::move(piece), sequence, context);
      });
}

// Between chunks is where a statement notices a cancel request, whatever its pipelines
// read: tables, or rows an earlier pipeline (a sort, a join's build side) holds.
Status CheckCancelled(const ExecContext& context) {
  if (context.eval.cancelled == nullptr ||
      !context.eval.cancelled->load(std::memory_order_relaxed)) {
    return Status::OK();
  }
  return Status(StatusCode::kCancelled, sqlstate::kQueryCanceled,
                "canceling statement due to user request");
}

bool AnyDone(const Driver& driver) {
  for (const Operator* op : driver.operators) {
    if (op->Done()) return true;
  }
  return false;
}

Driver FirstDriver(Pipeline& pipeline) {
  Driver driver;
  for (const auto& op : pipeline.operators) driver.operators.push_back(op.get());
  driver.sink = pipeline.sink.get();
  return driver;
}

// One driver: morsels until the source is exhausted, then what its operators hold back. In a
// parallel pipeline the chunks keep their morsel's number; on one thread they are numbered in
// arrival order (rows an operator releases at the end come last).
Status Drive(Pipeline& pipeline, Driver& driver, bool parallel, const std::atomic<bool>& stop,
             ExecContext& context) {
  uint64_t arrival = 0;
  while (!AnyDone(driver) && !stop.load(std::memory_order_relaxed)) {
    BOYO_RETURN_IF_ERROR(CheckCancelled(context));
    uint64_t sequence = 0;
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk,
                          pipeline.source->NextMorsel(context, &sequence));
    if (!chunk.has_value()) break;
    BOYO_RETURN_IF_ERROR(
        Push(driver, 0, std::move(*chunk), parallel ? sequence : arrival++, context));
  }
  // Operators that hold rows back release them in order, each through the operators after it.
  for (size_t i = 0; i < driver.operators.size(); ++i) {
    BOYO_ASSIGN_OR_RETURN(std::vector<columnar::Chunk> tail, driver.operators[i]->Finish(context));
    for (columnar::Chunk& chunk : tail) {
      BOYO_RETURN_IF_ERROR(CheckCancelled(context));
      BOYO_RETURN_IF_ERROR(Push(driver, i + 1, std::move(chunk), arrival++, context));
    }
  }
  if (parallel && !stop.load(std::memory_order_relaxed)) {
    BOYO_RETURN_IF_ERROR(driver.sink->FinishDriver(context));
  }
  return Status::OK();
}

// The drivers besides the first, when the pipeline can run on several threads.
std::vector<Driver> MoreDrivers(Pipeline& pipeline, int threads) {
  std::vector<Driver> drivers;
  if (threads <= 1 || !pipeline.source->parallel()) return drivers;
  const int64_t morsels = pipeline.source->morsels_left();
  if (morsels >= 0) threads = static_cast<int>(std::min<int64_t>(threads, morsels));
  for (int d = 1; d < threads; ++d) {
    Driver driver;
    for (const auto& op : pipeline.operators) {
      std::unique_ptr<Operator> clone = op->Clone();
      if (clone == nullptr) return {};
      driver.operators.push_back(clone.get());
      driver.owned_operators.push_back(std::move(clone));
    }
    driver.owned_sink = pipeline.sink->NewLocal();
    if (driver.owned_sink == nullptr) return {};
    driver.sink = driver.owned_sink.get();
    drivers.push_back(std::move(driver));
  }
  return drivers;
}

}  // namespace

Status RunPipeline(Pipeline& pipeline, ExecContext& context) {
  Driver first = FirstDriver(pipeline);
  std::vector<Driver> more = MoreDrivers(pipeline, context.threads);
  std::atomic<bool> stop{false};
  if (more.empty()) {
    BOYO_RETURN_IF_ERROR(Drive(pipeline, first, false, stop, context));
    return pipeline.sink->Finalize(context);
  }
  // Every driver runs on this thread or a pool worker; the first error stops them all.
  std::vector<Driver*> drivers{&first};
  for (Driver& driver : more) drivers.push_back(&driver);
  std::vector<Status> results(drivers.size(), Status::OK());
  RunInParallel(context.threads, drivers.size(), [&](size_t d) {
    results[d] = Drive(pipeline, *drivers[d], true, stop, context);
    if (!results[d].ok()) stop.store(true);
  });
  for (const Status& result : results) BOYO_RETURN_IF_ERROR(result);
  for (Driver& driver : more) {
    BOYO_RETURN_IF_ERROR(pipeline.sink->Absorb(*driver.sink, context));
  }
  return pipeline.sink->Finalize(context);
}

bool ParallelSafe(const sql::BoundExpr& expr) {
  if (expr.kind == sql::BoundKind::kCall && expr.volatility == sql::Volatility::kVolatile) {
    return false;
  }
  for (const sql::BoundExprPtr& child : expr.children) {
    if (!ParallelSafe(*child)) return false;
  }
  return true;
}

columnar::SchemaPtr SchemaOf(const std::vector<sql::OutputColumn>& columns) {
  std::vector<types::Field> fields;
  fields.reserve(columns.size());
  for (const sql::OutputColumn& column : columns) fields.emplace_back(column.name, column.type);
  return std::make_shared<const types::Schema>(std::move(fields));
}

}  // namespace boyodb::exec
