// EXPLAIN ANALYZE's measurements: per plan node, the rows it produced and the time spent in
// its own work (its operator's Process, its source's Next, its sink's Consume and Finalize),
// collected by wrappers the executor puts around a node's pipeline pieces when the statement
// asks for a profile.
// Thread safety: counters are atomic, and nodes are registered under a mutex, so pipelines
// running on several threads can share one profile.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "exec/pipeline/pipeline.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

struct NodeProfile {
  std::atomic<int64_t> rows{0};
  std::atomic<int64_t> nanos{0};
};

class QueryProfile {
 public:
  /// The counters of `node`, created on first use.
  NodeProfile& For(const sql::LogicalOperator* node);
  /// The counters of `node`, or nullptr when it never ran.
  const NodeProfile* Find(const sql::LogicalOperator* node) const;

 private:
  mutable std::mutex mutex_;
  std::map<const sql::LogicalOperator*, std::unique_ptr<NodeProfile>> nodes_;
};

/// `inner`, counting the rows it emits and the time it takes into `profile`.
std::unique_ptr<Source> Profiled(std::unique_ptr<Source> inner, NodeProfile& profile);
std::unique_ptr<Operator> Profiled(std::unique_ptr<Operator> inner, NodeProfile& profile);
/// A sink's time only: its rows are the node's output elsewhere.
std::unique_ptr<Sink> Profiled(std::unique_ptr<Sink> inner, NodeProfile& profile);

}  // namespace boyodb::exec
