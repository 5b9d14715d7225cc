// ExecContext: what a running statement shares with its operators: the evaluation context of
// kernels, parameter values, access to tables, and the runner of (uncorrelated) subqueries.
// Thread safety: set up before execution starts; read-only while pipelines run, except the
// subquery cache, which is guarded.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "columnar/chunk.h"
#include "sql/function/function_api.h"
#include "sql/plan/logical_operator.h"
#include "storage/scan/key_filter.h"
#include "storage/scan/predicate.h"
#include "storage/scan/table_summary.h"
#include "storage/scan/top_n_bound.h"
#include "types/value.h"

namespace boyodb::exec {

struct SubquerySet;  // subquery_membership.cc

/// An uncorrelated subquery one driver is running; the other drivers that need it wait for
/// it (helping with its work) instead of running it again.
struct PendingSubquery {
  std::atomic<bool> done{false};
  Status status;  // set before done
  std::shared_ptr<const std::vector<columnar::Chunk>> rows;
};
class QueryProfile;  // pipeline/profiling.h

/// A stream of chunks from a table scan.
class ChunkStream {
 public:
  virtual ~ChunkStream() = default;
  /// The next chunk, or nullopt at the end.
  virtual Result<std::optional<columnar::Chunk>> Next() = 0;
  /// Whether NextMorsel may be called from several threads at once.
  virtual bool concurrent() const { return false; }
  /// Next, with the chunk's position in the stream's order.
  virtual Result<std::optional<columnar::Chunk>> NextMorsel(uint64_t* sequence) {
    *sequence = next_sequence_++;
    return Next();
  }

 private:
  uint64_t next_sequence_ = 0;
};

/// What a scan learns while the statement runs, to skip rows that cannot reach the result:
/// a running top-N's cut-off on table column `column` (a position), and the key filters of
/// joins above it (each on a table column), published when their build sides finish.
struct ScanBound {
  int32_t column = -1;
  std::shared_ptr<const storage::TopNBound> bound;
  std::vector<std::pair<int32_t, std::shared_ptr<const storage::KeyFilter>>> key_filters;
};

/// Access to stored tables; the engine implements it over its snapshot.
class TableReader {
 public:
  virtual ~TableReader() = default;
  /// Scans the given columns (table column positions, in this order) of rows that satisfy every
  /// predicate; `bound` (may be empty) lets it skip batches and rows.
  virtual Result<std::unique_ptr<ChunkStream>> Scan(
      const std::string& database, const std::string& table, const std::vector<int32_t>& columns,
      const std::vector<storage::ColumnPredicate>& predicates, const ScanBound& bound) const = 0;
  /// Exact row count and per column (table positions) min, max and NULL count of the whole
  /// table as this statement sees it, from metadata; nullopt when metadata cannot tell
  /// exactly (deleted or unflushed rows, unknown bounds), and the caller scans instead.
  virtual Result<std::optional<storage::TableSummary>> Summarize(
      const std::string& database, const std::string& table,
      const std::vector<int32_t>& columns) const {
    (void)database;
    (void)table;
    (void)columns;
    return std::optional<storage::TableSummary>();
  }
};

struct ExecContext {
  sql::EvalContext eval;
  /// Driver threads per pipeline (the `threads` setting).
  int threads = 1;
  std::vector<types::Value> parameters;
  const TableReader* tables = nullptr;

  /// Runs a subquery plan to completion (set by the executor).
  std::function<Result<std::vector<columnar::Chunk>>(const sql::LogicalOperator&)> run_subquery;

  /// WITH RECURSIVE: the rows each work table (by work_table_id) holds in the current round;
  /// written by the recursive union between rounds, while no reader of it runs.
  std::map<int32_t, std::shared_ptr<const std::vector<columnar::Chunk>>> work_tables;

  /// Results of uncorrelated subqueries, computed once per statement.
  std::mutex subquery_mutex;
  std::map<const sql::LogicalOperator*, std::shared_ptr<const std::vector<columnar::Chunk>>>
      subquery_results;
  /// ... and those being computed (same mutex).
  std::map<const sql::LogicalOperator*, std::shared_ptr<PendingSubquery>> subquery_pending;
  /// ... and hashed for IN / NOT IN, per subquery expression (same mutex).
  std::map<const sql::BoundExpr*, std::shared_ptr<const SubquerySet>> subquery_sets;

  /// Calls evaluated over the whole dictionary of a dictionary-encoded column, per call and
  /// dictionary (evaluator.cc): a segment's batches share one dictionary, larger than any
  /// batch, and a call over its text is then computed once per distinct text of the segment
  /// instead of once per row. Kept for the statement, up to a budget of result bytes, while
  /// the dictionary lives (the statement does not keep it alive); guarded by its mutex.
  struct DictionaryCall {
    std::weak_ptr<const columnar::Array> dictionary;  // expired: the address names another
    int64_t rows_seen = 0;      // rows evaluated row by row before the whole dictionary
    bool failed = false;        // the call failed on some entry: rows decide
    columnar::ArrayPtr result;  // one value per entry, once computed
    /// While computing: the entries in parts of part_entries, which the drivers that need
    /// the result claim one at a time (next_part) and compute, until all are done.
    bool computing = false;
    int64_t part_entries = 0;
    std::vector<columnar::ArrayPtr> parts;
    size_t next_part = 0;
    size_t parts_done = 0;
  };
  std::mutex dictionary_mutex;
  std::condition_variable dictionary_computed;  // a result (or failure) arrived
  std::map<std::pair<const sql::BoundExpr*, const columnar::Array*>, DictionaryCall>
      dictionary_calls;
  int64_t dictionary_call_bytes = 0;  // of the results kept

  /// Constants broadcast to a chunk's rows, per constant expression: the longest array made so
  /// far, whose first rows serve shorter chunks (evaluator.cc). A constant in arithmetic (TPC-H
  /// q01's 1 - l_discount) was otherwise written out again for every chunk.
  /// The value and type are kept to be compared: an expression freed while the statement runs
  /// may leave its address to another.
  struct BroadcastConstant {
    types::Value value;
    types::DataType type;
    columnar::ArrayPtr rows;
  };
  std::mutex broadcast_mutex;
  std::map<const sql::BoundExpr*, BroadcastConstant> broadcast_constants;

  /// EXPLAIN ANALYZE: where the plan's nodes count their rows and time; null otherwise.
  QueryProfile* profile = nullptr;
};

}  // namespace boyodb::exec
