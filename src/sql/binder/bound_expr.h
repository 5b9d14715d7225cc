// Bound expressions: every name resolved, every node typed, every function call tied to the
// kernel that computes it. The executor evaluates these over chunks; column references are
// positions in the input chunk of the operator that owns the expression.
// Thread safety: immutable once built; shared by every thread running the plan.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/function/function_api.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::sql {

struct LogicalOperator;
struct BoundExpr;
using BoundExprPtr = std::shared_ptr<const BoundExpr>;

enum class BoundKind : uint8_t {
  kConstant,         // constant
  kColumn,           // column_index into the input chunk
  kOuterColumn,      // a column of an enclosing query (depth levels out), before decorrelation
  kParameter,        // parameter_index ($1 is 0)
  kCall,             // function(children...)
  kCast,             // cast(children[0])
  kAnd,              // children, three-valued
  kOr,               // children, three-valued
  kNot,              // children[0]
  kIsNull,           // children[0] IS NULL (negated: IS NOT NULL)
  kCase,             // children: when0, then0, when1, then1, ..., else (always present)
  kCoalesce,         // first non-null of children, evaluated lazily
  kInList,           // children[0] IN (children[1..]) with SQL's NULL rules (negated: NOT IN)
  kSubquery,         // subquery_form over `subquery`; for ANY/ALL, children are the tested
                     // fields (one, or a row's: (a, b) IN (SELECT x, y ...))
  kArray,            // ARRAY[children...], all of the element type
  kSubscript,        // children[0][children[1]], or with `slice` children[0][children[1]:
                     // children[2]] (1-based; an index out of range gives NULL)
  kArrayCompare,     // children[0] op ANY|ALL (children[1]): subquery_form kAny or kAll,
                     // `comparison` over the tested value as column 0 and an element as 1
  kSetResult,        // binder-internal: the rows of set-returning call number column_index;
                     // replaced by a kColumn over the ProjectSet operator's output
  kAggregateResult,  // binder-internal: the result of aggregate number column_index; replaced
                     // by a kColumn over the Aggregate operator's output before planning ends
  kWindowResult,     // binder-internal: the result of window function number column_index;
                     // replaced by a kColumn over the Window operator's output
};

enum class SubqueryForm : uint8_t { kScalar, kExists, kAny, kAll };

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  types::DataType type;
  std::vector<BoundExprPtr> children;

  types::Value constant;  // kConstant
  // kConstant: a quoted string whose type its context decides; kParameter: a parameter whose
  // type is being inferred from its context (Coercer::set_parameter_inference).
  bool unknown_literal = false;
  int32_t column_index = -1;  // kColumn, kOuterColumn
  int32_t depth = 0;          // kOuterColumn: 1 is the immediately enclosing query
  int32_t parameter_index = -1;
  bool negated = false;  // kIsNull, kInList
  bool slice = false;    // kSubscript

  std::string function_name;  // kCall, for EXPLAIN and messages
  ScalarKernel kernel;        // kCall
  Volatility volatility = Volatility::kImmutable;
  CastKernel cast;  // kCast

  SubqueryForm subquery_form = SubqueryForm::kScalar;  // kSubquery, kArrayCompare
  std::shared_ptr<const LogicalOperator> subquery;     // kSubquery
  // kSubquery kScalar: the column of the subquery's row this expression yields. The fields of
  // `(a, b) = (SELECT x, y ...)` share one plan, so the subquery runs once.
  int32_t subquery_column = 0;
  // kSubquery ANY/ALL: compares the n tested fields, as columns 0..n-1, with a subquery row,
  // as columns n..2n-1 (for one field, a kCall over kColumn 0 and 1; row_comparison.h).
  // kArrayCompare: the tested value as column 0, an array element as column 1.
  BoundExprPtr comparison;

  /// A short text for EXPLAIN: "(#0 + 1)", "count(#2)".
  std::string ToString() const;

  /// True when no column, parameter, subquery or volatile call occurs below.
  bool IsConstant() const;
};

/// Structural equality: the same tree over the same columns (how GROUP BY expressions are
/// recognized in the select list).
bool SameExpr(const BoundExpr& a, const BoundExpr& b);

/// Whether a node of `kind` occurs in `expr` (through children; not inside subqueries).
bool ContainsKind(const BoundExpr& expr, BoundKind kind);

/// Whether `expr` gives the same values each time it runs over the same rows: it reads no
/// enclosing query, runs no subquery and calls no volatile function.
bool Repeatable(const BoundExpr& expr);

BoundExprPtr MakeConstant(types::Value value);
BoundExprPtr MakeColumn(int32_t index, types::DataType type);

}  // namespace boyodb::sql
