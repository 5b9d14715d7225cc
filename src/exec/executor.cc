#include "exec/executor.h"

#include <chrono>
#include <limits>
#include <map>
#include <set>

#include "common/sqlstate.h"
#include "exec/operators/hash_aggregate.h"
#include "exec/operators/hash_join.h"
#include "exec/operators/join_key_filters.h"
#include "exec/operators/project_set.h"
#include "exec/operators/recursive_union.h"
#include "exec/operators/semi_join_marks.h"
#include "exec/operators/series.h"
#include "exec/operators/set_operation.h"
#include "exec/operators/sort.h"
#include "exec/operators/streaming.h"
#include "exec/operators/summary_aggregate.h"
#include "exec/operators/table_size_hints.h"
#include "exec/operators/top_n.h"
#include "exec/operators/window.h"
#include "exec/pipeline/profiling.h"
#include "exec/pipeline/worker_pool.h"
#include "sql/optimizer/optimizer.h"
#include "storage/scan/exact_bounds.h"

namespace boyodb::exec {

namespace {

using sql::LogicalKind;
using sql::LogicalOperator;

// The largest LIMIT (plus OFFSET) that runs as a top-N sink rather than a full sort.
constexpr int64_t kMaxTopN = 100'000;

// Splits a plan into pipelines at its breakers (aggregation, sort, join build, set
// operations), in an order where every pipeline runs after those it reads from.
class PipelineBuilder {
 public:
  /// `root` is the plan Build will be given first (its shape decides which scans joins filter).
  PipelineBuilder(ExecContext& context, const LogicalOperator& root)
      : context_(context), profile_(context.profile), key_filters_(root) {}

  // Adds `op` to `current` (and the pipelines it feeds from); with a profile, the piece of
  // `current` that is the node's own (its operator, or the source it set) is measured.
  Status Build(const LogicalOperator& op, Pipeline* current) {
    BOYO_RETURN_IF_ERROR(BuildNode(op, current));
    if (profile_ == nullptr) return Status::OK();
    NodeProfile& node = profile_->For(&op);
    const bool streaming = op.kind == LogicalKind::kFilter || op.kind == LogicalKind::kProject ||
                           op.kind == LogicalKind::kProjectSet || op.kind == LogicalKind::kLimit ||
                           op.kind == LogicalKind::kJoin ||
                           (op.kind == LogicalKind::kDistinct && !op.distinct_on.empty());
    if (streaming) {
      current->operators.back() = Profiled(std::move(current->operators.back()), node);
    } else {
      current->source = Profiled(std::move(current->source), node);
    }
    return Status::OK();
  }

 private:
  // The sink of a pipeline that feeds `op`, measured with it.
  std::unique_ptr<Sink> SinkOf(const LogicalOperator& op, std::unique_ptr<Sink> sink) {
    if (profile_ == nullptr) return sink;
    return Profiled(std::move(sink), profile_->For(&op));
  }

  // A semi or anti join whose table holds its left input: the right input marks what it
  // matches, and the output is the left rows chosen by the marks (semi_join_marks.h).
  Status BuildSemiJoinFromLeft(const LogicalOperator& op, std::shared_ptr<JoinState> state,
                               Pipeline* current) {
    Pipeline* build = NewPipeline();
    BOYO_RETURN_IF_ERROR(Build(*op.children[0], build));
    build->sink = SinkOf(op, std::make_unique<JoinBuildSink>(state));
    Finish(build);
    auto output = std::make_shared<ChunkBuffer>();
    Pipeline* probe = NewPipeline();
    MarkOrderFreeAggregate(*op.children[1]);  // which rows match does not depend on order
    BOYO_RETURN_IF_ERROR(Build(*op.children[1], probe));
    probe->sink = SinkOf(op, std::make_unique<SemiJoinMarkSink>(std::move(state), output));
    Finish(probe);
    current->source = std::make_unique<BufferSource>(std::move(output));
    return Status::OK();
  }

  Status BuildNode(const LogicalOperator& op, Pipeline* current) {
    switch (op.kind) {
      case LogicalKind::kGet: {
        const auto bound = scan_bounds_.find(&op);
        current->source = std::make_unique<ScanSource>(
            op, bound == scan_bounds_.end() ? ScanBound{} : bound->second);
        return Status::OK();
      }
      case LogicalKind::kValues:
        current->source = std::make_unique<ValuesSource>(op);
        return Status::OK();
      case LogicalKind::kFilter:
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
        current->operators.push_back(std::make_unique<FilterOperator>(op.condition));
        return Status::OK();
      case LogicalKind::kProject:
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
        current->operators.push_back(
            std::make_unique<ProjectOperator>(op.exprs, SchemaOf(op.columns)));
        return Status::OK();
      case LogicalKind::kProjectSet:
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
        current->operators.push_back(std::make_unique<ProjectSetOperator>(op));
        return Status::OK();
      case LogicalKind::kLimit:
        if (TopNApplies(op)) return BuildTopN(op, current);
        NoteLimitOverAggregate(op);
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
        current->operators.push_back(
            std::make_unique<LimitOperator>(op.limit, op.offset, op.tie_columns));
        return Status::OK();
      case LogicalKind::kAggregate:
        return BuildAggregate(op, op, current);
      case LogicalKind::kDistinct: {
        if (!op.distinct_on.empty()) {
          // The binder puts a sort by the DISTINCT ON keys underneath.
          BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
          current->operators.push_back(std::make_unique<DistinctOnOperator>(op.distinct_on));
          return Status::OK();
        }
        // DISTINCT is grouping by every column without aggregates.
        auto aggregate = std::make_shared<LogicalOperator>();
        aggregate->kind = LogicalKind::kAggregate;
        aggregate->columns = op.columns;
        aggregate->children = op.children;
        for (size_t i = 0; i < op.columns.size(); ++i) {
          aggregate->groups.push_back(sql::MakeColumn(static_cast<int32_t>(i), op.columns[i].type));
        }
        owned_.push_back(aggregate);
        return BuildAggregate(*aggregate, op, current);
      }
      case LogicalKind::kSort: {
        auto buffer = std::make_shared<ChunkBuffer>();
        Pipeline* input = NewPipeline();
        const bool ties_by_row = MarkOrderFreeAggregate(*op.children[0]);
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], input));
        input->sink = SinkOf(op, std::make_unique<SortSink>(op.order, buffer, ties_by_row));
        Finish(input);
        current->source = std::make_unique<BufferSource>(buffer);
        return Status::OK();
      }
      case LogicalKind::kWindow: {
        auto buffer = std::make_shared<ChunkBuffer>();
        Pipeline* input = NewPipeline();
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], input));
        input->sink =
            SinkOf(op, std::make_unique<WindowSink>(op.windows, SchemaOf(op.columns), buffer));
        Finish(input);
        current->source = std::make_unique<BufferSource>(buffer);
        return Status::OK();
      }
      case LogicalKind::kJoin: {
        std::shared_ptr<JoinState> state = MakeJoinState(op);
        if (state->build_left) return BuildSemiJoinFromLeft(op, std::move(state), current);
        Pipeline* build = NewPipeline();
        // A semi or anti join only asks whether a key exists: its build rows' order is free.
        if (op.join_type == sql::JoinType::kSemi || op.join_type == sql::JoinType::kAnti) {
          MarkOrderFreeAggregate(*op.children[1]);
        }
        BOYO_RETURN_IF_ERROR(Build(*op.children[1], build));
        build->sink = SinkOf(op, std::make_unique<JoinBuildSink>(state));
        Finish(build);
        // Scans under the probe side are built next; they take the filters the build fills.
        for (const KeyFilterTarget& target : key_filters_.TargetsOf(*state)) {
          auto filter = std::make_shared<storage::KeyFilter>();
          state->key_filters.emplace_back(target.key, filter);
          scan_bounds_[target.scan].key_filters.emplace_back(target.table_column, filter);
        }
        BOYO_RETURN_IF_ERROR(Build(*op.children[0], current));
        current->operators.push_back(std::make_unique<JoinProbeOperator>(state));
        return Status::OK();
      }
      case LogicalKind::kRecursiveUnion:
        current->source = std::make_unique<RecursiveUnionSource>(op);
        return Status::OK();
      case LogicalKind::kSeries:
        current->source = std::make_unique<SeriesSource>(op);
        return Status::OK();
      case LogicalKind::kWorkTable:
        current->source = std::make_unique<WorkTableSource>(op.work_table_id);
        return Status::OK();
      case LogicalKind::kSetOp: {
        if (op.set_op == sql::SetOpKind::kUnion && op.set_all) {
          auto buffer = std::make_shared<ChunkBuffer>();
          for (const sql::LogicalPtr& child : op.children) {
            Pipeline* input = NewPipeline();
            BOYO_RETURN_IF_ERROR(Build(*child, input));
            input->sink = SinkOf(op, std::make_unique<CollectSink>(buffer, SchemaOf(op.columns)));
            Finish(input);
          }
          current->source = std::make_unique<BufferSource>(buffer);
          return Status::OK();
        }
        auto state = std::make_shared<SetOpState>();
        state->plan = &op;
        for (size_t side = 0; side < op.children.size(); ++side) {
          Pipeline* input = NewPipeline();
          BOYO_RETURN_IF_ERROR(Build(*op.children[side], input));
          input->sink = SinkOf(op, std::make_unique<SetOpSink>(state, static_cast<int>(side)));
          Finish(input);
        }
        current->source = std::make_unique<SetOpSource>(state);
        return Status::OK();
      }
    }
    return Status::Internal("unknown logical operator");
  }

 public:
  /// A pipeline whose contents the caller fills and then hands to Finish.
  Pipeline* NewPipeline() {
    pending_.push_back(std::make_unique<Pipeline>());
    return pending_.back().get();
  }
  /// Queues a filled pipeline after everything it depends on (which Build queued first).
  void Finish(Pipeline* pipeline) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (it->get() == pipeline) {
        ready_.push_back(std::move(*it));
        pending_.erase(it);
        return;
      }
    }
  }
  std::vector<std::unique_ptr<Pipeline>>& ready() { return ready_; }

 private:
  // ORDER BY ... LIMIT n: a sink that keeps the first n rows (plus the offset) in order, then
  // the limit over them.
  static bool TopNApplies(const LogicalOperator& limit) {
    return limit.limit >= 0 && limit.tie_columns.empty() &&
           limit.children[0]->kind == LogicalKind::kSort && limit.limit + limit.offset <= kMaxTopN;
  }
  Status BuildTopN(const LogicalOperator& limit, Pipeline* current) {
    const LogicalOperator& sort = *limit.children[0];
    auto buffer = std::make_shared<ChunkBuffer>();
    Pipeline* input = NewPipeline();
    std::shared_ptr<storage::TopNBound> bound = BindTopNBound(sort);
    const bool ties_by_row = MarkOrderFreeAggregate(*sort.children[0]);
    BOYO_RETURN_IF_ERROR(Build(*sort.children[0], input));
    input->sink = SinkOf(sort, std::make_unique<TopNSink>(sort.order, limit.limit + limit.offset,
                                                          buffer, bound, ties_by_row));
    Finish(input);
    current->source = std::make_unique<BufferSource>(buffer);
    if (profile_ != nullptr)
      current->source = Profiled(std::move(current->source), profile_->For(&sort));
    current->operators.push_back(std::make_unique<LimitOperator>(limit.limit, limit.offset));
    return Status::OK();
  }

  // When the sort's first key is a column, a cut-off on it: the top-N's drivers drop arriving
  // rows that sort after it (an aggregation's million groups for ten rows are mostly dropped
  // by one comparison each, not buffered and cut). When a table scan below produces that
  // column unchanged (through filters and projections), the scan shares it and skips batches.
  // Null otherwise. Only for types whose zone maps are exact and ordered as the sort orders
  // them.
  std::shared_ptr<storage::TopNBound> BindTopNBound(const LogicalOperator& sort) {
    const sql::SortKey& first = sort.order.front();
    if (first.expr->kind != sql::BoundKind::kColumn ||
        !storage::ZoneMapBoundsAreExact(first.expr->type)) {
      return nullptr;
    }
    auto bound = std::make_shared<storage::TopNBound>(first.descending, first.nulls_first);
    int32_t column = first.expr->column_index;
    const LogicalOperator* node = sort.children[0].get();
    while (node->kind != LogicalKind::kGet) {
      if (node->kind == LogicalKind::kProject) {
        const sql::BoundExpr& expr = *node->exprs[static_cast<size_t>(column)];
        if (expr.kind != sql::BoundKind::kColumn) return bound;
        column = expr.column_index;
      } else if (node->kind == LogicalKind::kAggregate) {
        BindAggregateBound(*node, static_cast<size_t>(column), bound);
        return bound;
      } else if (node->kind != LogicalKind::kFilter) {
        return bound;
      }
      node = node->children[0].get();
    }
    const int32_t table_column = node->table_columns[static_cast<size_t>(column)];
    if (table_column == sql::kRowIdColumn) return bound;
    ScanBound& scan = scan_bounds_[node];
    scan.column = table_column;
    scan.bound = bound;
    return bound;
  }

  // When output column `column` of `aggregation` is one of its aggregates, the aggregation's
  // source lays out only the groups whose value of it does not sort after the top-N's
  // cut-off (AggregateState::output_bound).
  void BindAggregateBound(const LogicalOperator& aggregation, size_t column,
                          const std::shared_ptr<storage::TopNBound>& bound) {
    const size_t num_groups = aggregation.groups.size();
    if (column < num_groups || !aggregation.grouping_sets.empty()) return;
    const size_t aggregate = column - num_groups;
    if (aggregate >= aggregation.aggregates.size() || aggregation.aggregates[aggregate].is_grouping)
      return;
    aggregate_bounds_[&aggregation] = {aggregate, bound};
  }

  // When `op` aggregates only with functions that do not depend on the order of their input,
  // an aggregation feeding it (through filters and projections) may emit its groups in any
  // order, which spares a parallel merge its sort (a split DISTINCT's first aggregation).
  void MarkOrderFreeInput(const LogicalOperator& op) {
    for (const sql::BoundAggregate& call : op.aggregates) {
      if (!call.IgnoresArrivalOrder()) return;
    }
    MarkOrderFreeAggregate(*op.children[0]);
  }

  // Marks the aggregation that `input` is, through filters and projections, as one whose
  // groups may come out in any order; false when `input` is no aggregation. A sort over it
  // then orders ties by their values, which do not depend on that order.
  bool MarkOrderFreeAggregate(const LogicalOperator& input) {
    const LogicalOperator* node = &input;
    while (node->kind == LogicalKind::kFilter || node->kind == LogicalKind::kProject) {
      node = node->children[0].get();
    }
    if (node->kind != LogicalKind::kAggregate) return false;
    order_free_aggregates_.insert(node);
    return true;
  }

  // A LIMIT (without WITH TIES) right over an aggregation, through projections, reads only
  // its first limit + offset groups: the aggregation then lays out no more than those.
  void NoteLimitOverAggregate(const LogicalOperator& limit) {
    if (limit.limit < 0 || !limit.tie_columns.empty()) return;
    const LogicalOperator* node = limit.children[0].get();
    while (node->kind == LogicalKind::kProject) node = node->children[0].get();
    const bool aggregation = node->kind == LogicalKind::kAggregate ||
                             (node->kind == LogicalKind::kDistinct && node->distinct_on.empty());
    if (!aggregation) return;
    const bool overflows = limit.offset > std::numeric_limits<int64_t>::max() - limit.limit;
    aggregate_limits_[node] = overflows ? -1 : limit.limit + limit.offset;
  }

  // `shown` is the plan node the aggregation stands for (DISTINCT runs as one).
  Status BuildAggregate(const LogicalOperator& op, const LogicalOperator& shown,
                        Pipeline* current) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> summarized,
                          AggregateFromSummary(op, context_));
    if (summarized.has_value()) {
      auto buffer = std::make_shared<ChunkBuffer>();
      buffer->chunks.push_back(std::move(*summarized));
      current->source = std::make_unique<BufferSource>(std::move(buffer));
      return Status::OK();
    }
    auto state = std::make_shared<AggregateState>();
    state->plan = &op;
    state->any_order = order_free_aggregates_.contains(&op);
    if (!op.groups.empty() && op.grouping_sets.empty()) {
      state->size_hint_key = TableSizeHints::KeyOf(op, context_.threads);
    }
    // Taken out: a plan node built twice (a CTE read twice) is limited only where the LIMIT is.
    if (const auto limit = aggregate_limits_.extract(&shown); !limit.empty()) {
      state->output_limit = limit.mapped();
    }
    // Taken out too: only the build that the top-N reads lays out fewer groups.
    if (const auto bound = aggregate_bounds_.extract(&op); !bound.empty()) {
      state->output_bound_aggregate = bound.mapped().first;
      state->output_bound = bound.mapped().second;
    }
    MarkOrderFreeInput(op);
    Pipeline* input = NewPipeline();
    BOYO_RETURN_IF_ERROR(Build(*op.children[0], input));
    input->sink = SinkOf(shown, std::make_unique<HashAggregateSink>(state));
    Finish(input);
    current->source = std::make_unique<AggregateSource>(state);
    return Status::OK();
  }

  ExecContext& context_;
  QueryProfile* profile_;
  std::vector<std::unique_ptr<Pipeline>> pending_;
  std::vector<std::unique_ptr<Pipeline>> ready_;
  std::vector<sql::LogicalPtr> owned_;  // nodes made here (DISTINCT as aggregation)
  JoinKeyFilterPlanner key_filters_;
  // Scans under a bounded top-N or filtered by joins' keys.
  std::map<const LogicalOperator*, ScanBound> scan_bounds_;
  std::set<const LogicalOperator*> order_free_aggregates_;      // see MarkOrderFreeInput
  std::map<const LogicalOperator*, int64_t> aggregate_limits_;  // see NoteLimitOverAggregate
  // See BindAggregateBound: per aggregation, its bound aggregate and the top-N's cut-off.
  std::map<const LogicalOperator*, std::pair<size_t, std::shared_ptr<storage::TopNBound>>>
      aggregate_bounds_;

 public:
  std::vector<sql::LogicalPtr>& owned() { return owned_; }
};

}  // namespace

int64_t QueryResult::num_rows() const {
  int64_t rows = 0;
  for (const columnar::Chunk& chunk : chunks) rows += chunk.num_rows();
  return rows;
}

Result<QueryResult> Execute(const LogicalOperator& plan, ExecContext& context) {
  // now() and its relatives read the statement's start. Subqueries run through this same
  // context and find it set, so every part of the statement sees one instant.
  if (context.eval.statement_time_micros == 0) {
    context.eval.statement_time_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count();
  }
  if (!context.run_subquery) {
    context.run_subquery =
        [&context](const LogicalOperator& subquery) -> Result<std::vector<columnar::Chunk>> {
      // Bound plans are optimized when run; a subquery's plan is not owned here.
      const sql::LogicalPtr plan = sql::Optimize(sql::LogicalPtr(sql::LogicalPtr(), &subquery));
      BOYO_ASSIGN_OR_RETURN(QueryResult result, Execute(*plan, context));
      return std::move(result.chunks);
    };
  }
  // The pool's helpers for this statement's pipelines are its own (worker_pool.h HelpUntil).
  const StatementScope statement(&context);
  PipelineBuilder builder(context, plan);
  auto output = std::make_shared<ChunkBuffer>();
  Pipeline* root = builder.NewPipeline();
  BOYO_RETURN_IF_ERROR(builder.Build(plan, root));
  root->sink = std::make_unique<CollectSink>(output, SchemaOf(plan.columns));
  builder.Finish(root);
  for (std::unique_ptr<Pipeline>& pipeline : builder.ready()) {
    BOYO_RETURN_IF_ERROR(RunPipeline(*pipeline, context));
  }
  QueryResult result;
  result.columns = plan.columns;
  result.chunks = std::move(output->chunks);
  return result;
}

}  // namespace boyodb::exec
