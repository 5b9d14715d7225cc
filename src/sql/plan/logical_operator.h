// The logical plan: a tree of relational operators over bound expressions. Each operator's
// output is a list of typed columns; expressions of an operator refer to its input columns by
// position (for a join: the left input's columns, then the right's).
// Thread safety: immutable once built by the binder and rewritten only by the optimizer, which
// builds new nodes; plans are shared read-only by the threads executing them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sql/binder/bound_expr.h"
#include "storage/scan/predicate.h"
#include "types/data_type.h"

namespace boyodb::sql {

enum class LogicalKind : uint8_t {
  kGet,             // a table scan
  kValues,          // literal rows (VALUES, SELECT without FROM)
  kFilter,          // rows where `condition` is true
  kProject,         // `exprs`
  kAggregate,       // groups by `groups`, computes `aggregates`
  kSort,            // by `order`
  kLimit,           // `limit` rows after skipping `offset`
  kJoin,            // `join_type` on `condition`
  kDistinct,        // removes duplicate rows
  kSetOp,           // UNION / INTERSECT / EXCEPT [ALL]
  kWindow,          // the input's columns, then one column per window function
  kRecursiveUnion,  // WITH RECURSIVE: children[0] once, then children[1] until it adds no row
  kWorkTable,       // the rows the enclosing kRecursiveUnion added in its last round
  kSeries,          // generate_series(exprs[0], exprs[1], exprs[2]) in FROM: one column
  kProjectSet,      // the input's columns, then one column per set-returning call in `exprs`
                    // (each an array per row): every input row becomes as many rows as its
                    // longest array has elements, shorter arrays padded with NULLs; with
                    // `ordinality`, then a BIGINT counting those rows from 1
};

/// In a Get's table_columns: the row id of each row (BIGINT) in place of a table column. Only
/// UPDATE and DELETE plan it, for their target table, as the last column.
inline constexpr int32_t kRowIdColumn = -1;

struct OutputColumn {
  std::string name;
  types::DataType type;
  /// A select-list literal of unknown type ('2', NULL), typed text: a UNION with a column of
  /// another type resolves it to that type, as PostgreSQL does.
  bool unknown_literal = false;
};

/// kSingle is a LEFT join that fails (21000) when a left row matches more than one right row:
/// the join a decorrelated scalar subquery becomes.
enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kSemi, kAnti, kCross, kSingle };
enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC
};

/// An aggregate call inside an Aggregate operator: its arguments are expressions over the
/// aggregate's input.
struct BoundAggregate {
  std::string name;
  std::vector<BoundExprPtr> args;  // empty for count(*)
  bool distinct = false;
  BoundExprPtr filter;  // FILTER (WHERE ...), or null
  /// ORDER BY inside the call (string_agg(x, ',' ORDER BY y)), or the WITHIN GROUP order of
  /// an ordered-set aggregate, whose ordered expressions are also its last arguments: the
  /// executor feeds each group's rows to the function in this order.
  std::vector<SortKey> order_by;
  std::shared_ptr<const AggregateFunction> function;
  bool skip_nulls = true;
  types::DataType type;
  /// GROUPING(args) has no function: `grouping_columns` are its arguments' positions among the
  /// Aggregate's groups, and its value in a row is the bit mask (first argument most
  /// significant) of the arguments that the row's grouping set leaves out.
  bool is_grouping = false;
  std::vector<int32_t> grouping_columns;
  std::string ToString() const;
  /// count, sum, avg, min or max without an ORDER BY: its result does not depend on the
  /// order in which its rows arrive (which duplicate DISTINCT keeps included).
  bool IgnoresArrivalOrder() const;
};

/// Which rows of its partition a window function sees for the current row. Offsets are
/// constants (ROWS and GROUPS count rows and peer groups).
struct WindowFrame {
  enum class Units : uint8_t { kRows, kRange, kGroups };
  enum class Bound : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  Units units = Units::kRange;
  Bound start = Bound::kUnboundedPreceding;
  int64_t start_offset = 0;
  Bound end = Bound::kCurrentRow;
  int64_t end_offset = 0;
  // Rows taken out of every frame (EXCLUDE CURRENT ROW, GROUP, TIES).
  enum class Exclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };
  Exclude exclude = Exclude::kNoOthers;
  // RANGE with an offset: the single ORDER BY key, and for each bound with an offset the
  // value the bound stands at (key - offset for PRECEDING in ascending order), all of one
  // comparable type, over the Window operator's input. The frame starts at the first row
  // whose key reaches the start value in the sort direction and ends after the last row
  // whose key does not pass the end value.
  BoundExprPtr range_key;
  BoundExprPtr range_start_value;
  BoundExprPtr range_end_value;
};

/// A window function call: ranking and navigation functions by name, or an aggregate over the
/// frame. Expressions are over the Window operator's input.
struct BoundWindow {
  enum class Kind : uint8_t {
    kRowNumber,
    kRank,
    kDenseRank,
    kPercentRank,
    kCumeDist,
    kNtile,
    kLag,
    kLead,
    kFirstValue,
    kLastValue,
    kNthValue,
    kAggregate
  };
  Kind kind = Kind::kAggregate;
  std::string name;
  std::vector<BoundExprPtr> args;
  BoundExprPtr filter;  // FILTER (WHERE ...) of an aggregate, or null
  std::vector<BoundExprPtr> partition_by;
  std::vector<SortKey> order_by;
  WindowFrame frame;
  std::shared_ptr<const AggregateFunction> aggregate;  // kAggregate
  bool skip_nulls = true;                              // kAggregate
  types::DataType type;
  std::string ToString() const;
};

struct LogicalOperator;
using LogicalPtr = std::shared_ptr<const LogicalOperator>;

struct LogicalOperator {
  LogicalKind kind = LogicalKind::kValues;
  std::vector<OutputColumn> columns;  // the output
  std::vector<LogicalPtr> children;

  // kGet
  std::string database;
  std::string table;
  std::vector<int32_t> table_columns;                // which table columns, in output order
  std::vector<storage::ColumnPredicate> predicates;  // evaluated by the storage engine

  // kValues: rows of constant-foldable expressions, one per output column.
  std::vector<std::vector<BoundExprPtr>> rows;

  // kFilter, kJoin
  BoundExprPtr condition;
  JoinType join_type = JoinType::kInner;
  /// Equality keys match when both are NULL (IS NOT DISTINCT FROM): joins on the values of
  /// a decorrelated subquery's outer columns.
  bool null_safe_keys = false;
  /// Semi and anti joins: the left input is estimated to be the smaller, so the hash table is
  /// built from it and the right input streams through, marking the left rows it matches
  /// (set by the optimizer; a join without equality keys builds from the right regardless).
  bool build_left = false;

  // kProject; kSeries: start, stop and step (constant-foldable, over no input); kProjectSet:
  // the set-returning calls
  std::vector<BoundExprPtr> exprs;
  bool ordinality = false;  // kProjectSet: WITH ORDINALITY

  // kAggregate: output is the groups then the aggregates. With grouping sets, `grouping_sets`
  // lists, per set, which of `groups` it keeps (the others are NULL in that set's rows).
  std::vector<BoundExprPtr> groups;
  std::vector<BoundAggregate> aggregates;
  std::vector<std::vector<int32_t>> grouping_sets;

  // kSort
  std::vector<SortKey> order;

  // kLimit: -1 means no limit.
  int64_t limit = -1;
  int64_t offset = 0;
  // kLimit FETCH ... WITH TIES: the input is sorted by these columns, and rows past the limit
  // that equal the last row on them are kept too.
  std::vector<int32_t> tie_columns;

  // kDistinct: DISTINCT ON keeps the first row (in input order) of each group of these output
  // columns; empty means whole-row DISTINCT.
  std::vector<int32_t> distinct_on;

  // kWindow
  std::vector<BoundWindow> windows;

  // kSetOp; set_all also for kRecursiveUnion (UNION ALL keeps every row, UNION drops rows
  // already produced)
  SetOpKind set_op = SetOpKind::kUnion;
  bool set_all = false;

  // kRecursiveUnion, kWorkTable: which recursive union's rows a work table reads (unique in
  // a statement).
  int32_t work_table_id = -1;

  /// EXPLAIN's text of this operator and its children, indented two spaces per level; `note`
  /// adds text at the end of each operator's line (EXPLAIN ANALYZE's measurements).
  using NodeNote = std::function<std::string(const LogicalOperator&)>;
  std::string ToString(int indent = 0, const NodeNote& note = nullptr) const;
};

}  // namespace boyodb::sql
