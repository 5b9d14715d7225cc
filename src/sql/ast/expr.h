// The expression tree of a parsed statement: what the user wrote, before any name or type is
// resolved. The parser builds it from libpg_query's tree; the binder turns it into typed
// expressions. Every node keeps the 1-based character position it came from, so errors can
// point at it.
// Thread safety: plain data; not shared between threads while being built.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace boyodb::sql::ast {

struct SelectStatement;
struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind : uint8_t {
  kConstant,      // 1, 'x', 1.5, TRUE, NULL
  kColumn,        // a, t.a, db.t.a
  kStar,          // * or t.* in a select list or count(*)
  kParameter,     // $1
  kOperator,      // a + b, -a, a || b, a ~~ b: PostgreSQL operators by name
  kAnd,           // a AND b AND ...
  kOr,            // a OR b OR ...
  kNot,           // NOT a
  kFunction,      // f(a, b), count(DISTINCT a), sum(a) OVER (...)
  kCast,          // CAST(a AS t), a::t, t 'literal'
  kCase,          // CASE [a] WHEN ... THEN ... ELSE ... END
  kInList,        // a [NOT] IN (b, c)
  kBetween,       // a [NOT] BETWEEN [SYMMETRIC] b AND c
  kLike,          // a [NOT] LIKE|ILIKE b [ESCAPE c]
  kNullTest,      // a IS [NOT] NULL
  kBooleanTest,   // a IS [NOT] TRUE|FALSE|UNKNOWN
  kDistinctFrom,  // a IS [NOT] DISTINCT FROM b
  kNullIf,        // NULLIF(a, b)
  kCoalesce,      // COALESCE(a, ...)
  kGreatest,      // GREATEST(a, ...) and LEAST(a, ...)
  kSubquery,      // (SELECT ...) as a value, EXISTS, IN (SELECT ...), op ANY/ALL (SELECT ...)
  kQuantified,    // a op ANY|ALL (array expression)
  kArray,         // ARRAY[a, b]
  kSubscript,     // a[i], a[i:j]
  kRow,           // ROW(a, b) or (a, b)
  kSpecialValue,  // CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIME, CURRENT_USER ...
  kDefault,       // DEFAULT as a value of INSERT's VALUES or UPDATE's SET
};

struct Expr {
  explicit Expr(ExprKind kind, int32_t position) : kind(kind), position(position) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const ExprKind kind;
  /// 1-based character position in the statement text; 0 when unknown.
  const int32_t position;
};

/// A literal as written. Numbers keep their text so the binder can type them as PostgreSQL does
/// (an integer that fits int32 is INTEGER, then BIGINT, then NUMERIC; a decimal point makes
/// NUMERIC). A quoted string is of unknown type until its context says otherwise.
struct ConstantExpr : Expr {
  enum class Form : uint8_t { kNull, kInteger, kNumeric, kString, kBoolean, kBitString };
  explicit ConstantExpr(int32_t position) : Expr(ExprKind::kConstant, position) {}
  Form form = Form::kNull;
  int64_t integer = 0;  // kInteger
  bool boolean = false;
  std::string text;  // kNumeric, kString, kBitString
};

/// A possibly qualified column name: parts {"t", "a"} for t.a.
struct ColumnExpr : Expr {
  explicit ColumnExpr(int32_t position) : Expr(ExprKind::kColumn, position) {}
  std::vector<std::string> parts;
};

/// `*` or `t.*`: qualifier holds the parts before the star.
struct StarExpr : Expr {
  explicit StarExpr(int32_t position) : Expr(ExprKind::kStar, position) {}
  std::vector<std::string> qualifier;
};

struct ParameterExpr : Expr {
  explicit ParameterExpr(int32_t position) : Expr(ExprKind::kParameter, position) {}
  int32_t number = 0;  // $1 is 1
};

/// A binary or prefix operator by its PostgreSQL name ("+", "=", "~~*", "||"); `left` is null
/// for a prefix operator.
struct OperatorExpr : Expr {
  explicit OperatorExpr(int32_t position) : Expr(ExprKind::kOperator, position) {}
  std::string name;
  ExprPtr left;
  ExprPtr right;
};

/// AND, OR (any number of arguments) and NOT (one).
struct BoolExpr : Expr {
  BoolExpr(ExprKind kind, int32_t position) : Expr(kind, position) {}
  std::vector<ExprPtr> args;
};

struct OrderItem;
struct WindowSpec;

/// A function call, aggregate or window function.
struct FunctionExpr : Expr {
  explicit FunctionExpr(int32_t position) : Expr(ExprKind::kFunction, position) {}
  /// Lower-cased unless quoted; a schema-qualified name keeps only its last part in `name`.
  std::string name;
  std::vector<ExprPtr> args;
  /// Per argument, its parameter's name when the call names it (`days => 3`), else "".
  std::vector<std::string> arg_names;
  bool star = false;                // count(*)
  bool distinct = false;            // count(DISTINCT a)
  std::vector<OrderItem> order_by;  // string_agg(a, ',' ORDER BY b), WITHIN GROUP (ORDER BY ...)
  bool within_group = false;
  ExprPtr filter;                    // FILTER (WHERE ...)
  std::unique_ptr<WindowSpec> over;  // OVER (...)
  ~FunctionExpr() override;
};

/// A type as written: name lower-cased ("int4", "varchar", "numeric"), modifiers (10, 2), and
/// array dimensions.
struct TypeName {
  std::string name;
  std::vector<int64_t> modifiers;
  int32_t array_dimensions = 0;
  int32_t position = 0;
  /// Text of the type for messages: "numeric(10,2)".
  std::string ToString() const;
};

struct CastExpr : Expr {
  explicit CastExpr(int32_t position) : Expr(ExprKind::kCast, position) {}
  ExprPtr arg;
  TypeName type;
};

struct CaseExpr : Expr {
  explicit CaseExpr(int32_t position) : Expr(ExprKind::kCase, position) {}
  ExprPtr operand;  // CASE operand WHEN ...; null for a searched CASE
  struct When {
    ExprPtr condition;
    ExprPtr result;
  };
  std::vector<When> whens;
  ExprPtr else_result;  // null means ELSE NULL
};

struct InListExpr : Expr {
  explicit InListExpr(int32_t position) : Expr(ExprKind::kInList, position) {}
  ExprPtr arg;
  std::vector<ExprPtr> list;
  bool negated = false;
};

struct BetweenExpr : Expr {
  explicit BetweenExpr(int32_t position) : Expr(ExprKind::kBetween, position) {}
  ExprPtr arg;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  bool symmetric = false;
};

struct LikeExpr : Expr {
  explicit LikeExpr(int32_t position) : Expr(ExprKind::kLike, position) {}
  ExprPtr arg;
  ExprPtr pattern;
  ExprPtr escape;  // null: backslash
  bool negated = false;
  bool case_insensitive = false;  // ILIKE
  bool similar = false;           // SIMILAR TO
};

struct NullTestExpr : Expr {
  explicit NullTestExpr(int32_t position) : Expr(ExprKind::kNullTest, position) {}
  ExprPtr arg;
  bool negated = false;  // IS NOT NULL
};

struct BooleanTestExpr : Expr {
  enum class Test : uint8_t { kTrue, kFalse, kUnknown };
  explicit BooleanTestExpr(int32_t position) : Expr(ExprKind::kBooleanTest, position) {}
  ExprPtr arg;
  Test test = Test::kTrue;
  bool negated = false;
};

struct DistinctFromExpr : Expr {
  explicit DistinctFromExpr(int32_t position) : Expr(ExprKind::kDistinctFrom, position) {}
  ExprPtr left;
  ExprPtr right;
  bool negated = false;  // IS NOT DISTINCT FROM
};

/// NULLIF, COALESCE, GREATEST/LEAST, ARRAY[...] and ROW(...): a fixed form with a list of
/// arguments.
struct ListExpr : Expr {
  ListExpr(ExprKind kind, int32_t position) : Expr(kind, position) {}
  std::vector<ExprPtr> args;
  bool least = false;  // kGreatest: LEAST instead of GREATEST
};

struct SubqueryExpr : Expr {
  enum class Form : uint8_t { kScalar, kExists, kAny, kAll, kArray };
  explicit SubqueryExpr(int32_t position);
  Form form = Form::kScalar;
  ExprPtr test;               // kAny / kAll: the left side (IN is "= ANY")
  std::string operator_name;  // kAny / kAll
  std::unique_ptr<SelectStatement> query;
  ~SubqueryExpr() override;
};

/// a op ANY|ALL (array): `a = ANY(ARRAY[1, 2])`.
struct QuantifiedExpr : Expr {
  explicit QuantifiedExpr(int32_t position) : Expr(ExprKind::kQuantified, position) {}
  std::string operator_name;
  bool all = false;
  ExprPtr left;
  ExprPtr array;
};

/// Subscripts of an array value: a[i], a[i:j], a[:j], a[i][k]. One entry per bracket.
struct SubscriptExpr : Expr {
  explicit SubscriptExpr(int32_t position) : Expr(ExprKind::kSubscript, position) {}
  struct Index {
    bool slice = false;  // a[i:j]; lower and upper may be omitted (null)
    ExprPtr lower;       // the index itself when not a slice
    ExprPtr upper;
  };
  ExprPtr arg;
  std::vector<Index> indexes;
};

struct SpecialValueExpr : Expr {
  enum class Value : uint8_t {
    kCurrentDate,
    kCurrentTime,
    kCurrentTimestamp,
    kLocalTime,
    kLocalTimestamp,
    kCurrentUser,
    kSessionUser,
    kCurrentRole,
    kCurrentCatalog,
    kCurrentSchema,
  };
  explicit SpecialValueExpr(int32_t position) : Expr(ExprKind::kSpecialValue, position) {}
  Value value = Value::kCurrentTimestamp;
  int32_t precision = -1;  // CURRENT_TIMESTAMP(3)
};

enum class SortDirection : uint8_t { kDefault, kAscending, kDescending };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct OrderItem {
  ExprPtr expr;
  SortDirection direction = SortDirection::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
};

/// A window frame bound: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING, UNBOUNDED
/// FOLLOWING.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing,
  };
  Kind kind = Kind::kCurrentRow;
  ExprPtr offset;
};

struct WindowSpec {
  std::string name;       // OVER w, or the name in WINDOW w AS (...)
  std::string refers_to;  // OVER (w ORDER BY ...): an existing window it extends
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  enum class FrameUnits : uint8_t { kDefault, kRows, kRange, kGroups };
  FrameUnits units = FrameUnits::kDefault;
  FrameBound start;
  FrameBound end;
  enum class Exclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };
  Exclude exclude = Exclude::kNoOthers;
  int32_t position = 0;
};

}  // namespace boyodb::sql::ast
