// QueryBinder: a parsed query -> a logical plan. Binds FROM (tables, subqueries, joins, CTEs),
// WHERE, GROUP BY with aggregates, HAVING, the select list (with * expansion and PostgreSQL's
// output names), DISTINCT, ORDER BY (positions, output names, hidden sort columns), LIMIT and
// OFFSET, VALUES and set operations. Errors carry SQLSTATE and position.
// Thread safety: one binder per statement, one thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sql/binder/catalog_view.h"
#include "sql/binder/expression_binder.h"

namespace boyodb::sql {

/// What a statement's parameters $1, $2, ... are while it is bound. Each pointer, when set,
/// must outlive the binder.
struct BindParameters {
  /// Their types (EXECUTE of a prepared statement); null: the statement may use none.
  const std::vector<types::DataType>* types = nullptr;
  /// Their values, when the statement is bound to be run; clauses evaluated while binding
  /// (LIMIT $1) read them. Without them a parameter evaluates to NULL there, which only plans
  /// bound to be checked, never run (PREPARE), may rely on.
  const std::vector<types::Value>* values = nullptr;
  /// Set to infer the types into instead of using `types` (Coercer::set_parameter_inference).
  std::vector<std::optional<types::DataType>>* inferred = nullptr;
};

class QueryBinder {
 public:
  /// `time_zone` is the session's TimeZone setting, for constants folded while binding.
  QueryBinder(const CatalogView& catalog, BindParameters parameters, std::string time_zone = "UTC");

  /// Plans a whole query. `outer` is the enclosing query's scope for a subquery.
  Result<LogicalPtr> BindQuery(const ast::SelectStatement& query, const Scope* outer);

  /// Plans the source of an INSERT: a plain VALUES list converts each value straight to its
  /// target column's type (assignment casts); any other query is planned as usual.
  /// `defaults` holds each target column's DEFAULT (or a NULL constant), which a DEFAULT in
  /// the VALUES list stands for.
  Result<LogicalPtr> BindInsertSource(const ast::SelectStatement& query,
                                      const std::vector<types::DataType>& targets,
                                      const std::vector<BoundExprPtr>& defaults);

  /// Plans the rows a DELETE removes: the target row's id (BIGINT), then, `with_values`, every
  /// table column (what RETURNING reads).
  Result<LogicalPtr> BindDelete(const ast::DeleteStatement& statement, bool with_values);
  /// Plans an UPDATE: output is the target row's id, then the row's new value of every table
  /// column in table order (assigned values cast to the column type, the others unchanged).
  /// `defaults` holds every table column's DEFAULT (or a NULL constant), for SET c = DEFAULT.
  Result<LogicalPtr> BindUpdate(const ast::UpdateStatement& statement,
                                const std::vector<BoundExprPtr>& defaults);

  /// Plans INSERT ... ON CONFLICT DO UPDATE over the conflicting rows, which the executor reads
  /// as work table `*work_table_id`: the existing row's columns (named by the INSERT's alias or
  /// the table), then the proposed row's (named `excluded`), then the existing row's id. Output
  /// as BindUpdate's: the id, then every column's new value, for the rows DO UPDATE's WHERE
  /// keeps.
  Result<LogicalPtr> BindConflictUpdate(const ast::InsertStatement& statement,
                                        const TableDescription& table,
                                        const std::vector<BoundExprPtr>& defaults,
                                        int32_t* work_table_id);

  /// Plans a RETURNING list over the rows an INSERT, UPDATE or DELETE wrote, which the executor
  /// reads as work table `*work_table_id`, laid out as `table`'s columns and named by `alias`
  /// (the table's name when empty). Only the target table's columns can be named.
  Result<LogicalPtr> BindReturning(const std::vector<ast::SelectItem>& items,
                                   const TableDescription& table, const std::string& alias,
                                   int32_t* work_table_id);

  /// Evaluates an expression without columns now (LIMIT, OFFSET, DEFAULT values); 0A000 when it
  /// holds something only the executor can evaluate.
  Result<types::Value> EvaluateConstant(const BoundExprPtr& expr, int32_t position) const;

  const Coercer& coercer() const { return coercer_; }
  const FunctionResolver& resolver() const { return resolver_; }
  ExpressionHooks Hooks(std::string clause);

 private:
  struct CommonTable {
    LogicalPtr plan;
    std::vector<std::string> names;
    /// Set when a FROM item refers to the table (how a WITH RECURSIVE query is told from an
    /// ordinary UNION); may be null.
    std::shared_ptr<bool> referenced;
  };

  /// Window functions of one SELECT, collected while its select list and ORDER BY are bound.
  struct WindowContext {
    const ast::SelectStatement* select = nullptr;
    const Scope* scope = nullptr;
    ExpressionHooks hooks;  // the select list's, for arguments and window clauses
    std::vector<BoundWindow> windows;
  };
  /// Binds a call with OVER into context->windows and returns the placeholder of its result.
  Result<BoundExprPtr> BindWindowCall(const ast::FunctionExpr& call, WindowContext* context);
  // The frame of a window from its OVER clause; `order_by` is the window's bound ORDER BY.
  Result<WindowFrame> BindFrame(const ast::WindowSpec& spec, const std::vector<SortKey>& order_by,
                                WindowContext* context);

  Result<LogicalPtr> BindSelectCore(const ast::SelectStatement& select, const Scope* outer);
  Result<LogicalPtr> BindValues(const ast::SelectStatement& select, const Scope* outer);
  Result<LogicalPtr> BindSetOperation(const ast::SelectStatement& select, const Scope* outer);
  Result<LogicalPtr> BindFromList(const std::vector<ast::TableRefPtr>& from, const Scope* outer,
                                  Scope* scope);
  Result<LogicalPtr> BindFromItems(const std::vector<const ast::TableRef*>& from,
                                   const Scope* outer, Scope* scope);
  /// A Filter of `plan` by WHERE `where` (correlated subqueries decorrelated into joins).
  Result<LogicalPtr> BindWhere(const ast::Expr& where, LogicalPtr plan, const Scope& scope);
  /// UPDATE's and DELETE's input: the target table (with row ids) joined with the FROM/USING
  /// items and filtered by WHERE. The target is scope->relations()[0].
  Result<LogicalPtr> BindMutationInput(const ast::QualifiedName& table, const std::string& alias,
                                       const std::vector<ast::TableRefPtr>& from,
                                       const ast::Expr* where, Scope* scope);
  Result<LogicalPtr> BindTableRef(const ast::TableRef& ref, const Scope* outer, Scope* scope);
  Result<LogicalPtr> BindJoin(const ast::JoinRef& join, const Scope* outer, Scope* scope);
  /// `left` (the FROM items of `scope` from column `left_offset` on) joined with a LATERAL
  /// subquery that may read them (decorrelator.h JoinLateral); adds the subquery's relation
  /// to `scope`. 0A000 when the subquery reads an item before `left_offset` (a comma item
  /// before the join it is in).
  Result<LogicalPtr> BindLateralSubquery(const ast::SubqueryRef& ref, LogicalPtr left,
                                         JoinType type, Scope* scope, int32_t left_offset = 0);
  /// A view's query, bound in the view's own database; its output takes the view's column
  /// names. `position` is where the query names the view (errors point there).
  Result<LogicalPtr> BindView(const TableDescription& view, int32_t position);
  /// ORDER BY, LIMIT and OFFSET of a set operation or VALUES: over output columns only.
  Result<LogicalPtr> BindOrderLimitOverOutput(const ast::SelectStatement& query, LogicalPtr plan,
                                              const Scope* outer);
  Result<LogicalPtr> BindLimit(const ast::SelectStatement& query, LogicalPtr plan);
  /// The values of a SET list (UPDATE, ON CONFLICT DO UPDATE) bound in `scope` whose first
  /// relation's first `num_columns` columns are `table`'s: one per table column, cast to its
  /// type, and null for a column the list does not assign.
  Result<std::vector<BoundExprPtr>> BindAssignments(
      const std::vector<ast::UpdateStatement::Assignment>& assignments, const Scope& scope,
      size_t num_columns, const TableDescription& table, const std::vector<BoundExprPtr>& defaults,
      const std::string& clause);
  /// A function in FROM (table_functions.cc): a set-returning call, several side by side
  /// (ROWS FROM, unnest(a, b)), or a scalar call as one row. Its arguments may read the FROM
  /// items before it (PostgreSQL's implicit LATERAL for functions) when `left`, their plan, is
  /// given: the result is then `left` with the function's columns added (`lateral` set);
  /// otherwise the function's rows alone, for the caller to join. Adds the function's
  /// relation to `scope`.
  struct TableFunctionPlan {
    LogicalPtr plan;
    bool lateral = false;
  };
  /// `left_offset` is where `left`'s columns start in `scope` (a JOIN's left side may follow
  /// other FROM items).
  Result<TableFunctionPlan> BindTableFunction(const ast::FunctionRef& ref, const LogicalPtr& left,
                                              int32_t left_offset, Scope* scope);
  /// `get` (a table's scan) reduced to the rows TABLESAMPLE BERNOULLI or SYSTEM keeps
  /// (table_sample.cc); 42704 for another method, 2202H / 2202G for bad arguments.
  Result<LogicalPtr> BindTableSample(const ast::TableSample& sample, LogicalPtr get);
  /// generate_series of integer constants as a streaming source; nullopt when the call is
  /// anything else (other types, references to columns), for the general path.
  std::optional<LogicalPtr> BindIntegerSeries(const ast::FunctionRef& ref);
  /// A query of WITH RECURSIVE: a recursive union when it is `anchor UNION [ALL] term` and
  /// the term refers to the query itself; otherwise bound as an ordinary WITH query.
  /// `visible` are the WITH queries it may refer to besides itself.
  /// The queries of a WITH clause, each seeing those before it (and itself when recursive);
  /// 42712 for a name given twice.
  Result<std::map<std::string, CommonTable>> BindCommonTables(
      const std::vector<ast::CommonTableExpr>& ctes, bool recursive, const Scope* outer);
  /// `body` bound with the queries of a WITH clause visible.
  Result<LogicalPtr> WithCommonTables(const std::vector<ast::CommonTableExpr>& ctes, bool recursive,
                                      const Scope* outer,
                                      const std::function<Result<LogicalPtr>()>& body);
  /// DELETE and UPDATE once their WITH queries are visible.
  Result<LogicalPtr> BindDeleteBody(const ast::DeleteStatement& statement, bool with_values);
  Result<LogicalPtr> BindUpdateBody(const ast::UpdateStatement& statement,
                                    const std::vector<BoundExprPtr>& defaults);
  Result<LogicalPtr> BindRecursiveQuery(const ast::CommonTableExpr& cte,
                                        const std::map<std::string, CommonTable>& visible,
                                        const Scope* outer);

  // Appends the columns `star` names in `scope` (every visible column, or one relation's) to
  // the select list being built; 42P01 for an unknown qualifier.
  Status ExpandStar(const ast::StarExpr& star, int32_t position, const Scope& scope,
                    std::vector<BoundExprPtr>* exprs, std::vector<std::string>* names,
                    std::vector<int32_t>* positions) const;

  const CatalogView& catalog_;
  const BindParameters parameters_;
  Coercer coercer_;
  FunctionResolver resolver_;
  /// Set while BindInsertSource binds a VALUES list.
  const std::vector<types::DataType>* values_targets_ = nullptr;
  /// ... and the target columns' DEFAULTs.
  const std::vector<BoundExprPtr>* values_defaults_ = nullptr;
  /// How many views enclose the query being bound (a bound on nesting catches cycles that
  /// CREATE OR REPLACE VIEW can make).
  int view_depth_ = 0;
  /// The FROM item whose scan also returns row ids (UPDATE's and DELETE's target).
  const ast::TableRef* row_id_target_ = nullptr;
  /// WITH names visible while binding, innermost last.
  std::vector<std::map<std::string, CommonTable>> ctes_;
  /// The next work_table_id of a recursive union.
  int32_t next_work_table_id_ = 0;
};

/// The name PostgreSQL gives a select-list column written as `expr` without an alias.
std::string OutputName(const ast::Expr& expr);

/// A Project over `input` computing `exprs` named `names`.
LogicalPtr MakeProject(LogicalPtr input, std::vector<BoundExprPtr> exprs,
                       std::vector<std::string> names);

}  // namespace boyodb::sql
