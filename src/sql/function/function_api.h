// The contract between the SQL engine and the functions it calls: scalar functions (kernels
// over whole arrays) and aggregate functions (per-group states updated a batch at a time). The
// binder resolves calls against a FunctionCatalog; the executor runs the kernels it was given.
// The built-in registry in src/functions implements the catalog (the layer order puts functions
// below sql, so the interfaces live here and the implementations there).
// Thread safety: definitions are immutable once registered and are shared by every query;
// kernels must be reentrant. Aggregate states belong to one thread at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "columnar/array.h"
#include "columnar/builder.h"
#include "common/result.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::sql {

class CatalogLookup;

/// The sequences nextval, currval and setval reach, as the session resolves their names.
class SequenceAccess {
 public:
  virtual ~SequenceAccess() = default;
  /// Hands out `count` consecutive values of the sequence `name` ("s" or "schema.s"),
  /// appended to `values`.
  virtual Status Next(std::string_view name, int64_t count, std::vector<int64_t>* values) = 0;
  /// The value the session's last nextval of it returned; 55000 before any.
  virtual Result<int64_t> Current(std::string_view name) = 0;
  virtual Status Set(std::string_view name, int64_t value, bool called) = 0;
};

/// What a kernel may need from the statement running it.
struct EvalContext {
  /// The statement's start, microseconds since the epoch (now(), CURRENT_TIMESTAMP).
  int64_t statement_time_micros = 0;
  /// The session's TimeZone setting ("UTC", "Europe/Paris", "+02:00").
  std::string time_zone = "UTC";
  /// Sequences, for nextval/currval/setval; null where none are reachable.
  SequenceAccess* sequences = nullptr;
  /// A setting's value as SHOW gives it (current_setting); the name is in lower case. 42704
  /// for an unknown name. Empty where no session is reachable.
  std::function<Result<std::string>(const std::string& name)> setting;
  /// The session's user and the database name its client connected with (current_user,
  /// current_database()); the current schema comes from the search_path setting.
  std::string user = "boyodb";
  std::string catalog = "boyodb";
  /// The catalog by PostgreSQL OIDs (pg_get_userbyid, to_regclass, pg_table_is_visible); null
  /// where no session is reachable. Declared in sql/function/catalog_lookup.h.
  const CatalogLookup* catalog_lookup = nullptr;
  /// Set when the client asked to cancel the running statement (a PostgreSQL CancelRequest);
  /// long work checks it between chunks and fails with 57014. Null: never cancelled.
  const std::atomic<bool>* cancelled = nullptr;
};

/// Computes one value per row. `args` are plain (not dictionary-encoded) arrays of `num_rows`
/// rows each, of exactly the types of the overload that was chosen (the binder inserts casts).
/// A kernel handles NULL itself (most return NULL when any argument is NULL; see
/// functions/kernel_helpers.h). Errors carry PostgreSQL's SQLSTATE: 22003 for overflow, 22012
/// for division by zero, 22P02 for bad text.
using ScalarKernel = std::function<Result<columnar::ArrayPtr>(
    std::span<const columnar::ArrayPtr> args, int64_t num_rows, const EvalContext& context)>;

/// Picks the result type from the argument types, for overloads whose result depends on them
/// (numeric precision and scale, the element type of an array).
using ResultTypeRule = std::function<Result<types::DataType>(std::span<const types::DataType>)>;

/// The type PostgreSQL shows a call's values in, when constant arguments decide it: extract's
/// field decides the scale of its NUMERIC, round's digits the scale of its result. Gets the
/// kernel's result type and each argument's value when it is a constant (nullptr otherwise);
/// nullopt keeps the kernel's type. The binder casts the call's values to the type returned.
using ShownTypeRule = std::function<std::optional<types::DataType>(
    const types::DataType& result, std::span<const types::Value* const> constants)>;

enum class Volatility : uint8_t {
  kImmutable,  // same arguments, same result: constant-folded when the arguments are constants
  kStable,     // same within one statement (now(), current_setting)
  kVolatile,   // may change per row (random())
};

/// The parameter type "anyarray": an array of any element type (AnyArray() == List(Null)).
inline types::DataType AnyArray() { return types::DataType::List(types::DataType::Null()); }

/// One signature of a scalar function.
struct ScalarOverload {
  /// Parameter types. A DECIMAL with precision 0 accepts any DECIMAL; TypeId kNull accepts any
  /// type (the "anyelement" of PostgreSQL) and AnyArray() any array. All such parameters of a
  /// call share one element type: the common type of the anyelement arguments and of the
  /// anyarray arguments' elements (PostgreSQL's "anycompatible" rule), so array_append(int[],
  /// bigint) gets bigint[] and bigint. A result of Null() is that element type, AnyArray() an
  /// array of it.
  std::vector<types::DataType> parameters;
  /// The last parameter may repeat (concat, concat_ws, greatest).
  bool variadic = false;
  /// A set-returning function (regexp_matches, regexp_split_to_table, generate_series in a
  /// select list): `result` is an array type, the kernel returns one array per row, and the
  /// binder unnests it, so the call yields the array's elements as rows (none for NULL).
  bool returns_set = false;
  types::DataType result;
  /// When set, overrides `result` from the actual argument types.
  ResultTypeRule result_rule;
  /// When set, may narrow the result to the type PostgreSQL shows (see ShownTypeRule).
  ShownTypeRule shown_type_rule;
  ScalarKernel kernel;
  Volatility volatility = Volatility::kImmutable;
};

struct ScalarFunction {
  std::string name;  // lower case
  std::vector<ScalarOverload> overloads;
  /// The parameters' names, for calls that name their arguments (`make_interval(days => 3)`);
  /// empty when arguments can only be given by position.
  std::vector<std::string> parameter_names;
  /// Values of the last parameter_defaults.size() parameters when a call by name leaves them
  /// out (PostgreSQL's DEFAULT clauses).
  std::vector<types::Value> parameter_defaults;
};

/// The per-group state of one aggregate, in memory the executor owns: `state_size` bytes,
/// aligned to 16, one block per group. States that own memory (string_agg, DISTINCT sets)
/// keep a pointer in their block and free it in Destroy.
class AggregateFunction {
 public:
  virtual ~AggregateFunction() = default;
  virtual size_t state_size() const = 0;
  virtual void Init(uint8_t* state) const = 0;
  /// Adds rows to groups: row i of `args` goes to the state at states[i].
  virtual Status Update(uint8_t* const* states, std::span<const columnar::ArrayPtr> args,
                        int64_t num_rows) const = 0;
  /// As Update, for rows that fall in num_groups <= kMaxFewGroups groups: row i goes to the
  /// state at group_states[groups[i]]. Functions that can add up each group's rows apart first
  /// (in locals, not through every row's state) override it; this one calls Update.
  static constexpr int64_t kMaxFewGroups = 16;
  virtual Status UpdateFewGroups(uint8_t* const* group_states, int64_t num_groups,
                                 const uint8_t* groups, std::span<const columnar::ArrayPtr> args,
                                 int64_t num_rows) const {
    (void)num_groups;
    std::vector<uint8_t*> states(static_cast<size_t>(num_rows));
    for (int64_t i = 0; i < num_rows; ++i) states[static_cast<size_t>(i)] = group_states[groups[i]];
    return Update(states.data(), args, num_rows);
  }
  /// Folds `source` into `target` (two-phase and parallel aggregation). Source stays valid
  /// and is destroyed by its owner.
  virtual Status Merge(uint8_t* target, const uint8_t* source) const = 0;
  /// Appends one result value per state to `out`, whose type is the overload's result type.
  virtual Status Finalize(const uint8_t* const* states, int64_t num_states,
                          columnar::ArrayBuilder* out) const = 0;
  virtual void Destroy(uint8_t* state) const { (void)state; }
  /// Whether Destroy has work to do; functions that override it say so here, and the
  /// executor skips the call per group for the others (millions of groups' blocks walked
  /// at the end of a query for nothing).
  virtual bool owns_memory() const { return false; }
};

struct AggregateOverload {
  std::vector<types::DataType> parameters;  // same conventions as ScalarOverload
  types::DataType result;
  ResultTypeRule result_rule;
  /// Builds the implementation for the actual argument types (decimal scale, say).
  std::function<Result<std::shared_ptr<const AggregateFunction>>(
      std::span<const types::DataType> args)>
      make;
  /// Rows where an argument is NULL are skipped before Update (true for every SQL aggregate
  /// but count(*), array_agg and a few others).
  bool skip_nulls = true;
};

struct AggregateFunctionSet {
  std::string name;
  std::vector<AggregateOverload> overloads;
  /// An ordered-set aggregate (percentile_cont, mode): called only with WITHIN GROUP (ORDER BY
  /// ...), whose ordered expressions follow the direct arguments.
  bool ordered_set = false;
};

/// Converts an array to another type; one value per row, NULL stays NULL. Errors as
/// PostgreSQL raises them: 22P02 for text that is not a value of the type, 22003 for a value out
/// of the target's range, and a cast to VARCHAR(n) truncates, as
/// PostgreSQL's explicit casts do (the binder checks lengths on assignment).
using CastKernel = std::function<Result<columnar::ArrayPtr>(const columnar::ArrayPtr& input,
                                                            const EvalContext& context)>;

/// Looks functions up by lower-case name; nullptr when unknown. Operators are scalar functions
/// named by their symbol ("+", "=", "||", "~~" for LIKE); a prefix operator is the one-argument
/// overload ("-" with one parameter).
class FunctionCatalog {
 public:
  virtual ~FunctionCatalog() = default;
  virtual const ScalarFunction* FindScalar(std::string_view name) const = 0;
  virtual const AggregateFunctionSet* FindAggregate(std::string_view name) const = 0;
  /// The kernel converting `from` to `to`; 42846 ("cannot cast type x to y") when there is
  /// none. Which casts may be implicit is the binder's rule, not the kernel's.
  virtual Result<CastKernel> FindCast(const types::DataType& from,
                                      const types::DataType& to) const = 0;
};

}  // namespace boyodb::sql
