#include "sql/binder/query_binder.h"

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "sql/binder/decorrelator.h"
#include "sql/binder/grouping_sets.h"
#include "sql/binder/ordered_aggregates.h"
#include "sql/binder/outer_references.h"
#include "sql/binder/shifted_sums.h"
#include "sql/binder/type_rules.h"
#include "sql/binder/where_clause.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;
using types::Value;

namespace {

// The aggregates of one SELECT while its expressions are bound.
struct AggregateContext {
  const Scope* input_scope = nullptr;
  std::vector<BoundAggregate> aggregates;
  bool inside_aggregate = false;
};

std::string ColumnNameAt(const Scope& scope, int32_t index) {
  for (const ScopeRelation& relation : scope.relations()) {
    for (const ScopeColumn& column : relation.columns) {
      if (column.index != index) continue;
      return relation.alias.empty() ? column.name : relation.alias + "." + column.name;
    }
  }
  return "#" + std::to_string(index);
}

// Rewrites an expression bound over the FROM scope into one over the Aggregate operator's
// output (groups, then aggregates).
Result<BoundExprPtr> OverAggregateOutput(const BoundExprPtr& expr,
                                         const std::vector<BoundExprPtr>& groups,
                                         const Scope& input_scope, int32_t position) {
  if (expr->kind == BoundKind::kAggregateResult) {
    return MakeColumn(static_cast<int32_t>(groups.size()) + expr->column_index, expr->type);
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    if (SameExpr(*expr, *groups[i])) return MakeColumn(static_cast<int32_t>(i), expr->type);
  }
  if (expr->kind == BoundKind::kSubquery && expr->subquery != nullptr) {
    // A subquery that reads this query reads its groups: its references move to the groups'
    // columns of the output, and any other column is an error, as in PostgreSQL.
    auto copy = std::make_shared<BoundExpr>(*expr);
    for (BoundExprPtr& child : copy->children) {
      BOYO_ASSIGN_OR_RETURN(child, OverAggregateOutput(child, groups, input_scope, position));
    }
    BOYO_ASSIGN_OR_RETURN(
        copy->subquery,
        MapOuterReferences(expr->subquery, [&](const BoundExpr& reference) -> Result<BoundExprPtr> {
          const BoundExprPtr column = MakeColumn(reference.column_index, reference.type);
          for (size_t i = 0; i < groups.size(); ++i) {
            if (SameExpr(*column, *groups[i])) {
              auto moved = std::make_shared<BoundExpr>(reference);
              moved->column_index = static_cast<int32_t>(i);
              return BoundExprPtr(std::move(moved));
            }
          }
          return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                        "subquery uses ungrouped column \"" +
                            ColumnNameAt(input_scope, reference.column_index) +
                            "\" from outer query")
              .WithPosition(position);
        }));
    return BoundExprPtr(std::move(copy));
  }
  if (expr->kind == BoundKind::kColumn) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                  "column \"" + ColumnNameAt(input_scope, expr->column_index) +
                      "\" must appear in the GROUP BY clause or be used in an aggregate function")
        .WithPosition(position);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) {
    BOYO_ASSIGN_OR_RETURN(child, OverAggregateOutput(child, groups, input_scope, position));
  }
  return BoundExprPtr(std::move(copy));
}

// `expr` with each window result placeholder replaced by the Window operator's column.
BoundExprPtr OverWindowOutput(const BoundExprPtr& expr, int32_t first_window_column) {
  if (expr->kind == BoundKind::kWindowResult) {
    return MakeColumn(first_window_column + expr->column_index, expr->type);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = OverWindowOutput(child, first_window_column);
  return BoundExprPtr(std::move(copy));
}

// `expr` with each set-returning placeholder replaced by the ProjectSet operator's column.
BoundExprPtr OverSetOutput(const BoundExprPtr& expr, int32_t first_set_column) {
  if (expr->kind == BoundKind::kSetResult) {
    return MakeColumn(first_set_column + expr->column_index, expr->type);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = OverSetOutput(child, first_set_column);
  return copy;
}

// A ProjectSet running the select list's set-returning `calls` over `plan`; `exprs` then read
// their rows from its columns.
LogicalPtr AddProjectSet(LogicalPtr plan, std::vector<BoundExprPtr> calls,
                         std::vector<BoundExprPtr>* exprs) {
  auto project_set = std::make_shared<LogicalOperator>();
  project_set->kind = LogicalKind::kProjectSet;
  project_set->columns = plan->columns;
  const auto first_set_column = static_cast<int32_t>(plan->columns.size());
  for (const BoundExprPtr& call : calls) {
    project_set->columns.push_back({call->function_name, call->type.element_type()});
  }
  project_set->exprs = std::move(calls);
  project_set->children.push_back(std::move(plan));
  for (BoundExprPtr& expr : *exprs) expr = OverSetOutput(expr, first_set_column);
  return project_set;
}

// A Window operator computing `windows` over `plan` (the aggregate's output when the query
// aggregates); the select list's placeholders become its columns.
Result<LogicalPtr> AddWindow(LogicalPtr plan, std::vector<BoundWindow> windows, bool aggregating,
                             const std::vector<BoundExprPtr>& groups, const Scope& scope,
                             int32_t position, std::vector<BoundExprPtr>* exprs) {
  auto over_input = [&](BoundExprPtr* expr) -> Status {
    if (*expr == nullptr) return Status::OK();
    if (HasCorrelatedSubquery(**expr)) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "correlated subqueries in window functions are not supported yet")
          .WithPosition(position);
    }
    if (aggregating) {
      BOYO_ASSIGN_OR_RETURN(*expr, OverAggregateOutput(*expr, groups, scope, position));
    }
    return Status::OK();
  };
  auto window = std::make_shared<LogicalOperator>();
  window->kind = LogicalKind::kWindow;
  window->columns = plan->columns;
  for (BoundWindow& call : windows) {
    for (BoundExprPtr& arg : call.args) BOYO_RETURN_IF_ERROR(over_input(&arg));
    BOYO_RETURN_IF_ERROR(over_input(&call.filter));
    for (BoundExprPtr& key : call.partition_by) BOYO_RETURN_IF_ERROR(over_input(&key));
    for (SortKey& key : call.order_by) BOYO_RETURN_IF_ERROR(over_input(&key.expr));
    BOYO_RETURN_IF_ERROR(over_input(&call.frame.range_key));
    BOYO_RETURN_IF_ERROR(over_input(&call.frame.range_start_value));
    BOYO_RETURN_IF_ERROR(over_input(&call.frame.range_end_value));
    window->columns.push_back({call.name, call.type});
  }
  const auto first_window_column = static_cast<int32_t>(plan->columns.size());
  window->windows = std::move(windows);
  window->children.push_back(std::move(plan));
  for (BoundExprPtr& expr : *exprs) expr = OverWindowOutput(expr, first_window_column);
  return LogicalPtr(std::move(window));
}

bool ContainsAggregate(const ast::Expr& expr, const FunctionCatalog& functions);

bool AnyContainsAggregate(const std::vector<ast::ExprPtr>& exprs,
                          const FunctionCatalog& functions) {
  for (const ast::ExprPtr& expr : exprs) {
    if (expr != nullptr && ContainsAggregate(*expr, functions)) return true;
  }
  return false;
}

// Whether an aggregate call occurs in `expr` outside subqueries (which aggregate on their own).
bool ContainsAggregate(const ast::Expr& expr, const FunctionCatalog& functions) {
  switch (expr.kind) {
    case ast::ExprKind::kFunction: {
      const auto& call = expr.As<ast::FunctionExpr>();
      if (call.over == nullptr &&
          (call.name == "grouping" || functions.FindAggregate(call.name) != nullptr)) {
        return true;
      }
      return AnyContainsAggregate(call.args, functions);
    }
    case ast::ExprKind::kOperator: {
      const auto& op = expr.As<ast::OperatorExpr>();
      return (op.left != nullptr && ContainsAggregate(*op.left, functions)) ||
             ContainsAggregate(*op.right, functions);
    }
    case ast::ExprKind::kAnd:
    case ast::ExprKind::kOr:
    case ast::ExprKind::kNot:
      return AnyContainsAggregate(expr.As<ast::BoolExpr>().args, functions);
    case ast::ExprKind::kCast:
      return ContainsAggregate(*expr.As<ast::CastExpr>().arg, functions);
    case ast::ExprKind::kCase: {
      const auto& c = expr.As<ast::CaseExpr>();
      if (c.operand != nullptr && ContainsAggregate(*c.operand, functions)) return true;
      if (c.else_result != nullptr && ContainsAggregate(*c.else_result, functions)) return true;
      for (const auto& when : c.whens) {
        if (ContainsAggregate(*when.condition, functions) ||
            ContainsAggregate(*when.result, functions)) {
          return true;
        }
      }
      return false;
    }
    case ast::ExprKind::kInList: {
      const auto& in = expr.As<ast::InListExpr>();
      return ContainsAggregate(*in.arg, functions) || AnyContainsAggregate(in.list, functions);
    }
    case ast::ExprKind::kBetween: {
      const auto& b = expr.As<ast::BetweenExpr>();
      return ContainsAggregate(*b.arg, functions) || ContainsAggregate(*b.low, functions) ||
             ContainsAggregate(*b.high, functions);
    }
    case ast::ExprKind::kLike: {
      const auto& l = expr.As<ast::LikeExpr>();
      return ContainsAggregate(*l.arg, functions) || ContainsAggregate(*l.pattern, functions);
    }
    case ast::ExprKind::kNullTest:
      return ContainsAggregate(*expr.As<ast::NullTestExpr>().arg, functions);
    case ast::ExprKind::kBooleanTest:
      return ContainsAggregate(*expr.As<ast::BooleanTestExpr>().arg, functions);
    case ast::ExprKind::kDistinctFrom: {
      const auto& d = expr.As<ast::DistinctFromExpr>();
      return ContainsAggregate(*d.left, functions) || ContainsAggregate(*d.right, functions);
    }
    case ast::ExprKind::kNullIf:
    case ast::ExprKind::kCoalesce:
    case ast::ExprKind::kGreatest:
    case ast::ExprKind::kArray:
    case ast::ExprKind::kRow:
      return AnyContainsAggregate(expr.As<ast::ListExpr>().args, functions);
    case ast::ExprKind::kSubquery: {
      const auto& s = expr.As<ast::SubqueryExpr>();
      return s.test != nullptr && ContainsAggregate(*s.test, functions);
    }
    case ast::ExprKind::kQuantified: {
      const auto& q = expr.As<ast::QuantifiedExpr>();
      return ContainsAggregate(*q.left, functions) || ContainsAggregate(*q.array, functions);
    }
    case ast::ExprKind::kSubscript: {
      const auto& subscript = expr.As<ast::SubscriptExpr>();
      if (ContainsAggregate(*subscript.arg, functions)) return true;
      for (const ast::SubscriptExpr::Index& index : subscript.indexes) {
        if ((index.lower != nullptr && ContainsAggregate(*index.lower, functions)) ||
            (index.upper != nullptr && ContainsAggregate(*index.upper, functions))) {
          return true;
        }
      }
      return false;
    }
    default:
      return false;
  }
}

}  // namespace

std::string OutputName(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kColumn:
      return expr.As<ast::ColumnExpr>().parts.back();
    case ast::ExprKind::kFunction:
      return expr.As<ast::FunctionExpr>().name;
    case ast::ExprKind::kCast: {
      // PostgreSQL ranks names: what the argument is called wins, but a cast's type name
      // (weaker) gives way to an outer cast's: '1'::int::text is "text", x::int is "x".
      const auto& cast = expr.As<ast::CastExpr>();
      const ast::Expr* arg = cast.arg.get();
      while (arg->kind == ast::ExprKind::kCast) arg = arg->As<ast::CastExpr>().arg.get();
      const bool named_by_type =
          arg->kind == ast::ExprKind::kConstant &&
          arg->As<ast::ConstantExpr>().form == ast::ConstantExpr::Form::kBoolean;
      const std::string inner = OutputName(*arg);
      return inner != "?column?" && !named_by_type ? inner : cast.type.name;
    }
    case ast::ExprKind::kCase:
      return "case";
    case ast::ExprKind::kNullIf:
      return "nullif";
    case ast::ExprKind::kCoalesce:
      return "coalesce";
    case ast::ExprKind::kGreatest:
      return expr.As<ast::ListExpr>().least ? "least" : "greatest";
    case ast::ExprKind::kArray:
      return "array";
    case ast::ExprKind::kRow:
      return "row";
    case ast::ExprKind::kSubscript:
      return OutputName(*expr.As<ast::SubscriptExpr>().arg);
    case ast::ExprKind::kConstant: {
      const auto& constant = expr.As<ast::ConstantExpr>();
      return constant.form == ast::ConstantExpr::Form::kBoolean ? "bool" : "?column?";
    }
    case ast::ExprKind::kSubquery: {
      const auto& subquery = expr.As<ast::SubqueryExpr>();
      if (subquery.form == ast::SubqueryExpr::Form::kExists) return "exists";
      if (subquery.form == ast::SubqueryExpr::Form::kScalar && subquery.query != nullptr) {
        const ast::SelectStatement* query = subquery.query.get();
        while (query->set_operation != ast::SetOperation::kNone) query = query->left.get();
        if (query->items.size() == 1) {
          return query->items[0].alias.empty() ? OutputName(*query->items[0].expr)
                                               : query->items[0].alias;
        }
      }
      return "?column?";
    }
    case ast::ExprKind::kSpecialValue: {
      using V = ast::SpecialValueExpr::Value;
      switch (expr.As<ast::SpecialValueExpr>().value) {
        case V::kCurrentDate:
          return "current_date";
        case V::kCurrentTime:
          return "current_time";
        case V::kCurrentTimestamp:
          return "current_timestamp";
        case V::kLocalTime:
          return "localtime";
        case V::kLocalTimestamp:
          return "localtimestamp";
        case V::kCurrentUser:
          return "current_user";
        case V::kSessionUser:
          return "session_user";
        case V::kCurrentRole:
          return "current_role";
        case V::kCurrentCatalog:
          return "current_catalog";
        case V::kCurrentSchema:
          return "current_schema";
      }
      return "?column?";
    }
    default:
      return "?column?";
  }
}

LogicalPtr MakeProject(LogicalPtr input, std::vector<BoundExprPtr> exprs,
                       std::vector<std::string> names) {
  auto project = std::make_shared<LogicalOperator>();
  project->kind = LogicalKind::kProject;
  for (size_t i = 0; i < exprs.size(); ++i) {
    project->columns.push_back({names[i], exprs[i]->type});
  }
  project->exprs = std::move(exprs);
  project->children.push_back(std::move(input));
  return project;
}

QueryBinder::QueryBinder(const CatalogView& catalog, BindParameters parameters,
                         std::string time_zone)
    : catalog_(catalog),
      parameters_(parameters),
      coercer_(catalog.functions()),
      resolver_(coercer_) {
  coercer_.set_time_zone(std::move(time_zone));
  coercer_.set_parameter_inference(parameters.inferred);
}

ExpressionHooks QueryBinder::Hooks(std::string clause) {
  ExpressionHooks hooks;
  hooks.clause = std::move(clause);
  hooks.parameter_types = parameters_.types;
  hooks.subquery = [this](const ast::SelectStatement& query,
                          const Scope& scope) -> Result<LogicalPtr> {
    return BindQuery(query, &scope);
  };
  return hooks;
}

Result<Value> QueryBinder::EvaluateConstant(const BoundExprPtr& expr, int32_t position) const {
  switch (expr->kind) {
    case BoundKind::kConstant:
      return expr->constant;
    case BoundKind::kParameter: {
      const size_t index = static_cast<size_t>(expr->parameter_index);
      if (parameters_.values == nullptr) return Value::Null(expr->type);
      if (index >= parameters_.values->size()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedParameter,
                      "no value for parameter $" + std::to_string(index + 1))
            .WithPosition(position);
      }
      return coercer_.CastConstant((*parameters_.values)[index], expr->type, position);
    }
    case BoundKind::kCast: {
      BOYO_ASSIGN_OR_RETURN(Value input, EvaluateConstant(expr->children[0], position));
      return coercer_.CastConstant(input, expr->type, position);
    }
    case BoundKind::kCall: {
      std::vector<columnar::ArrayPtr> args;
      for (const BoundExprPtr& child : expr->children) {
        BOYO_ASSIGN_OR_RETURN(Value value, EvaluateConstant(child, position));
        std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(child->type);
        BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
        args.push_back(builder->Finish());
      }
      EvalContext context;
      context.time_zone = coercer_.time_zone();
      Result<columnar::ArrayPtr> result = expr->kernel(args, 1, context);
      if (!result.ok()) return Status(result.status()).WithPosition(position);
      return (*result)->GetValue(0);
    }
    default:
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "this expression must be a constant here")
          .WithPosition(position);
  }
}

Result<LogicalPtr> QueryBinder::BindQuery(const ast::SelectStatement& query, const Scope* outer) {
  return WithCommonTables(query.ctes, query.recursive, outer, [&] {
    return query.set_operation != ast::SetOperation::kNone ? BindSetOperation(query, outer)
           : !query.values.empty()                         ? BindValues(query, outer)
                                                           : BindSelectCore(query, outer);
  });
}

Result<LogicalPtr> QueryBinder::BindLimit(const ast::SelectStatement& query, LogicalPtr plan) {
  if (query.limit == nullptr && query.offset == nullptr && !query.with_ties) return plan;
  Scope empty;
  auto limit = std::make_shared<LogicalOperator>();
  limit->kind = LogicalKind::kLimit;
  limit->columns = plan->columns;
  auto evaluate = [&](const ast::Expr& expr, const char* what) -> Result<int64_t> {
    ExpressionBinder binder(resolver_, empty, Hooks(what));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(expr));
    BOYO_ASSIGN_OR_RETURN(
        bound, coercer_.Coerce(bound, DataType::Int64(), CastContext::kImplicit, expr.position));
    BOYO_ASSIGN_OR_RETURN(Value value, EvaluateConstant(bound, expr.position));
    if (value.is_null()) return int64_t{-1};
    if (value.int64() < 0) {
      return Status(StatusCode::kInvalidArgument,
                    std::string(what) == "LIMIT" ? sqlstate::kInvalidRowCountInLimitClause
                                                 : sqlstate::kInvalidRowCountInResultOffsetClause,
                    std::string(what) + " must not be negative")
          .WithPosition(expr.position);
    }
    return value.int64();
  };
  if (query.limit != nullptr) {
    BOYO_ASSIGN_OR_RETURN(limit->limit, evaluate(*query.limit, "LIMIT"));
  }
  if (query.with_ties && limit->limit < 0) {
    // (FETCH FIRST NULL ROWS arrives as no limit at all.)
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidRowCountInLimitClause,
                  "row count cannot be null in FETCH FIRST ... WITH TIES clause");
  }
  if (query.with_ties) {
    // The sort below decides what ties: its keys, which the binder makes output columns.
    const LogicalOperator* sort = plan.get();
    if (sort->kind == LogicalKind::kDistinct && !sort->distinct_on.empty()) {
      sort = sort->children[0].get();
    }
    if (sort->kind != LogicalKind::kSort) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "WITH TIES cannot be specified without ORDER BY clause");
    }
    for (const SortKey& key : sort->order) {
      if (key.expr->kind != BoundKind::kColumn) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "WITH TIES over an ORDER BY expression that is not an output column is "
                      "not supported");
      }
      limit->tie_columns.push_back(key.expr->column_index);
    }
  }
  if (query.offset != nullptr) {
    BOYO_ASSIGN_OR_RETURN(int64_t offset, evaluate(*query.offset, "OFFSET"));
    limit->offset = std::max<int64_t>(offset, 0);
  }
  limit->children.push_back(std::move(plan));
  return LogicalPtr(std::move(limit));
}

Result<LogicalPtr> QueryBinder::BindOrderLimitOverOutput(const ast::SelectStatement& query,
                                                         LogicalPtr plan, const Scope* outer) {
  if (!query.order_by.empty()) {
    Scope output(outer);
    ScopeRelation relation;
    for (size_t i = 0; i < plan->columns.size(); ++i) {
      relation.columns.push_back(
          {plan->columns[i].name, plan->columns[i].type, static_cast<int32_t>(i), false});
    }
    output.AddRelation(std::move(relation));
    auto sort = std::make_shared<LogicalOperator>();
    sort->kind = LogicalKind::kSort;
    sort->columns = plan->columns;
    for (const ast::OrderItem& item : query.order_by) {
      SortKey key;
      const ast::Expr& expr = *item.expr;
      if (expr.kind == ast::ExprKind::kConstant &&
          expr.As<ast::ConstantExpr>().form == ast::ConstantExpr::Form::kInteger) {
        const int64_t position = expr.As<ast::ConstantExpr>().integer;
        if (position < 1 || position > static_cast<int64_t>(plan->columns.size())) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                        "ORDER BY position " + std::to_string(position) + " is not in select list")
              .WithPosition(expr.position);
        }
        key.expr = MakeColumn(static_cast<int32_t>(position - 1),
                              plan->columns[static_cast<size_t>(position - 1)].type);
      } else {
        ExpressionBinder binder(resolver_, output, Hooks("ORDER BY"));
        BOYO_ASSIGN_OR_RETURN(key.expr, binder.Bind(expr));
      }
      key.descending = item.direction == ast::SortDirection::kDescending;
      key.nulls_first = item.nulls == ast::NullsOrder::kDefault
                            ? key.descending
                            : item.nulls == ast::NullsOrder::kFirst;
      sort->order.push_back(std::move(key));
    }
    sort->children.push_back(std::move(plan));
    plan = std::move(sort);
  }
  return BindLimit(query, std::move(plan));
}

Result<LogicalPtr> QueryBinder::BindInsertSource(const ast::SelectStatement& query,
                                                 const std::vector<DataType>& targets,
                                                 const std::vector<BoundExprPtr>& defaults) {
  if (query.set_operation != ast::SetOperation::kNone || query.values.empty() ||
      !query.ctes.empty()) {
    return BindQuery(query, nullptr);
  }
  values_targets_ = &targets;
  values_defaults_ = &defaults;
  Result<LogicalPtr> plan = BindValues(query, nullptr);
  values_targets_ = nullptr;
  values_defaults_ = nullptr;
  return plan;
}

Result<LogicalPtr> QueryBinder::BindValues(const ast::SelectStatement& select, const Scope* outer) {
  Scope scope(outer);
  const size_t width = select.values.front().size();
  std::vector<std::vector<BoundExprPtr>> rows;
  for (const std::vector<ast::ExprPtr>& row : select.values) {
    if (row.size() != width) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "VALUES lists must all be the same length")
          .WithPosition(row.empty() ? select.position : row.front()->position);
    }
    ExpressionBinder binder(resolver_, scope, Hooks("VALUES"));
    std::vector<BoundExprPtr> bound_row;
    for (const ast::ExprPtr& expr : row) {
      const size_t column = bound_row.size();
      if (expr->kind == ast::ExprKind::kDefault && values_defaults_ != nullptr &&
          column < values_defaults_->size()) {
        bound_row.push_back((*values_defaults_)[column]);
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*expr));
      bound_row.push_back(std::move(bound));
    }
    rows.push_back(std::move(bound_row));
  }
  auto values = std::make_shared<LogicalOperator>();
  values->kind = LogicalKind::kValues;
  for (size_t column = 0; column < width; ++column) {
    std::vector<DataType> types;
    std::vector<bool> unknown;
    for (const auto& row : rows) {
      types.push_back(row[column]->type);
      unknown.push_back(
          row[column]->unknown_literal ||
          (row[column]->kind == BoundKind::kConstant && row[column]->type.id() == TypeId::kNull));
    }
    // INSERT ... VALUES converts each value to its target column's type directly, as
    // PostgreSQL does; other VALUES lists resolve each column to a common type.
    const bool to_target = values_targets_ != nullptr && column < values_targets_->size();
    Result<DataType> common = to_target ? Result<DataType>((*values_targets_)[column])
                                        : CommonType(types, unknown, "VALUES");
    if (!common.ok()) return Status(common.status()).WithPosition(select.position);
    for (size_t r = 0; r < rows.size(); ++r) {
      // A value that does not convert is reported where it stands, as PostgreSQL does.
      const int32_t position = select.values[r][column]->position >= 0
                                   ? select.values[r][column]->position
                                   : select.position;
      BOYO_ASSIGN_OR_RETURN(
          rows[r][column],
          coercer_.Coerce(rows[r][column], *common,
                          to_target ? CastContext::kAssignment : CastContext::kImplicit, position));
    }
    values->columns.push_back({"column" + std::to_string(column + 1), *common});
  }
  values->rows = std::move(rows);
  return BindOrderLimitOverOutput(select, std::move(values), outer);
}

Result<LogicalPtr> QueryBinder::BindSetOperation(const ast::SelectStatement& select,
                                                 const Scope* outer) {
  BOYO_ASSIGN_OR_RETURN(LogicalPtr left, BindQuery(*select.left, outer));
  BOYO_ASSIGN_OR_RETURN(LogicalPtr right, BindQuery(*select.right, outer));
  const char* what = select.set_operation == ast::SetOperation::kUnion       ? "UNION"
                     : select.set_operation == ast::SetOperation::kIntersect ? "INTERSECT"
                                                                             : "EXCEPT";
  if (left->columns.size() != right->columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  std::string("each ") + what + " query must have the same number of columns")
        .WithPosition(select.right->position);
  }
  std::vector<BoundExprPtr> left_exprs;
  std::vector<BoundExprPtr> right_exprs;
  std::vector<std::string> names;
  bool left_cast = false;
  bool right_cast = false;
  auto op = std::make_shared<LogicalOperator>();
  op->kind = LogicalKind::kSetOp;
  for (size_t i = 0; i < left->columns.size(); ++i) {
    const DataType types[] = {left->columns[i].type, right->columns[i].type};
    const std::vector<bool> unknown = {left->columns[i].unknown_literal,
                                       right->columns[i].unknown_literal};
    Result<DataType> common = CommonType(types, unknown, what);
    if (!common.ok()) return Status(common.status()).WithPosition(select.right->position);
    // A literal of unknown type takes the other side's type the way its text would convert.
    BOYO_ASSIGN_OR_RETURN(
        BoundExprPtr l,
        coercer_.Coerce(MakeColumn(static_cast<int32_t>(i), types[0]), *common,
                        unknown[0] ? CastContext::kExplicit : CastContext::kImplicit,
                        select.position));
    BOYO_ASSIGN_OR_RETURN(
        BoundExprPtr r,
        coercer_.Coerce(MakeColumn(static_cast<int32_t>(i), types[1]), *common,
                        unknown[1] ? CastContext::kExplicit : CastContext::kImplicit,
                        select.right->position));
    left_cast |= l->kind != BoundKind::kColumn;
    right_cast |= r->kind != BoundKind::kColumn;
    left_exprs.push_back(std::move(l));
    right_exprs.push_back(std::move(r));
    names.push_back(left->columns[i].name);
    op->columns.push_back({left->columns[i].name, *common});
  }
  if (left_cast) left = MakeProject(left, std::move(left_exprs), names);
  if (right_cast) right = MakeProject(right, std::move(right_exprs), names);
  op->set_op = select.set_operation == ast::SetOperation::kUnion       ? SetOpKind::kUnion
               : select.set_operation == ast::SetOperation::kIntersect ? SetOpKind::kIntersect
                                                                       : SetOpKind::kExcept;
  op->set_all = select.set_all;
  op->children = {std::move(left), std::move(right)};
  return BindOrderLimitOverOutput(select, std::move(op), outer);
}

Result<LogicalPtr> QueryBinder::BindWhere(const ast::Expr& where, LogicalPtr plan,
                                          const Scope& scope) {
  ExpressionBinder binder(resolver_, scope, Hooks("WHERE"));
  BOYO_ASSIGN_OR_RETURN(BoundExprPtr condition, binder.BindCondition(where));
  return ApplyWhere(std::move(plan), condition, resolver_);
}

Status QueryBinder::ExpandStar(const ast::StarExpr& star, int32_t position, const Scope& scope,
                               std::vector<BoundExprPtr>* exprs, std::vector<std::string>* names,
                               std::vector<int32_t>* positions) const {
  bool found = false;
  for (const ScopeRelation& relation : scope.relations()) {
    if (!star.qualifier.empty() && relation.alias != star.qualifier.back()) continue;
    found = true;
    for (const ScopeColumn& column : relation.columns) {
      if (column.hidden && star.qualifier.empty()) continue;
      exprs->push_back(MakeColumn(column.index, column.type));
      names->push_back(column.name);
      positions->push_back(position);
    }
  }
  if (!found && !star.qualifier.empty()) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "missing FROM-clause entry for table \"" + star.qualifier.back() + "\"")
        .WithPosition(position);
  }
  if (star.qualifier.empty() && scope.relations().empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "SELECT * with no tables specified is not valid")
        .WithPosition(position);
  }
  return Status::OK();
}

Result<LogicalPtr> QueryBinder::BindSelectCore(const ast::SelectStatement& select,
                                               const Scope* outer) {
  const FunctionCatalog& functions = catalog_.functions();
  Scope scope(outer);
  BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, BindFromList(select.from, outer, &scope));

  if (select.where != nullptr) {
    BOYO_ASSIGN_OR_RETURN(plan, BindWhere(*select.where, std::move(plan), scope));
  }

  // Does this SELECT aggregate?
  bool aggregating = !select.group_by.empty() || select.having != nullptr;
  for (const ast::SelectItem& item : select.items) {
    aggregating = aggregating || ContainsAggregate(*item.expr, functions);
  }
  for (const ast::OrderItem& item : select.order_by) {
    aggregating = aggregating || ContainsAggregate(*item.expr, functions);
  }

  AggregateContext aggregates;
  aggregates.input_scope = &scope;
  ExpressionHooks hooks = Hooks("SELECT");
  if (aggregating) {
    hooks.aggregate = [this, &aggregates](const ast::FunctionExpr& call) -> Result<BoundExprPtr> {
      if (aggregates.inside_aggregate) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                      "aggregate function calls cannot be nested")
            .WithPosition(call.position);
      }
      aggregates.inside_aggregate = true;
      ExpressionHooks inner = Hooks("aggregate arguments");
      inner.aggregate = [](const ast::FunctionExpr& nested) -> Result<BoundExprPtr> {
        return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                      "aggregate function calls cannot be nested")
            .WithPosition(nested.position);
      };
      ExpressionBinder binder(resolver_, *aggregates.input_scope, std::move(inner));
      std::vector<BoundExprPtr> args;
      Status status;
      for (const ast::ExprPtr& arg : call.args) {
        Result<BoundExprPtr> bound = binder.Bind(*arg);
        // An untyped literal argument (count(NULL), max('x')) is text, as in PostgreSQL.
        if (bound.ok() && ((*bound)->unknown_literal || ((*bound)->kind == BoundKind::kConstant &&
                                                         (*bound)->type.id() == TypeId::kNull))) {
          bound =
              coercer_.Coerce(*bound, DataType::String(), CastContext::kImplicit, arg->position);
        }
        if (!bound.ok()) {
          status = bound.status();
          break;
        }
        args.push_back(std::move(*bound));
      }
      std::vector<SortKey> order_by;
      for (const ast::OrderItem& item : call.order_by) {
        if (!status.ok()) break;
        Result<BoundExprPtr> bound = binder.Bind(*item.expr);
        if (bound.ok() && (*bound)->unknown_literal) {
          bound = coercer_.Coerce(*bound, DataType::String(), CastContext::kImplicit,
                                  item.expr->position);
        }
        if (!bound.ok()) {
          status = bound.status();
          break;
        }
        SortKey key;
        key.expr = std::move(*bound);
        key.descending = item.direction == ast::SortDirection::kDescending;
        key.nulls_first = item.nulls == ast::NullsOrder::kDefault
                              ? key.descending
                              : item.nulls == ast::NullsOrder::kFirst;
        // WITHIN GROUP (ORDER BY x): the ordered values are the aggregate's last arguments.
        if (call.within_group) args.push_back(key.expr);
        order_by.push_back(std::move(key));
      }
      BoundExprPtr filter;
      if (status.ok() && call.filter != nullptr) {
        Result<BoundExprPtr> bound = binder.BindCondition(*call.filter);
        if (bound.ok()) {
          filter = std::move(*bound);
        } else {
          status = bound.status();
        }
      }
      aggregates.inside_aggregate = false;
      BOYO_RETURN_IF_ERROR(status);
      // The same aggregate written twice is computed once.
      auto add = [&aggregates](BoundAggregate aggregate) {
        int32_t index = static_cast<int32_t>(aggregates.aggregates.size());
        for (size_t i = 0; i < aggregates.aggregates.size(); ++i) {
          const BoundAggregate& other = aggregates.aggregates[i];
          bool same = other.name == aggregate.name && other.distinct == aggregate.distinct &&
                      other.args.size() == aggregate.args.size() && other.filter == nullptr &&
                      aggregate.filter == nullptr && other.order_by.empty() &&
                      aggregate.order_by.empty();
          for (size_t a = 0; same && a < other.args.size(); ++a) {
            same = SameExpr(*other.args[a], *aggregate.args[a]);
          }
          if (same) {
            index = static_cast<int32_t>(i);
            break;
          }
        }
        auto ref = std::make_shared<BoundExpr>();
        ref->kind = BoundKind::kAggregateResult;
        ref->type = aggregate.type;
        ref->column_index = index;
        if (index == static_cast<int32_t>(aggregates.aggregates.size())) {
          aggregates.aggregates.push_back(std::move(aggregate));
        }
        return BoundExprPtr(std::move(ref));
      };
      // sum(x + c) as sum(x) + c * count(x) (shifted_sums.h).
      if (call.name == "sum" && args.size() == 1 && !call.distinct && filter == nullptr &&
          order_by.empty()) {
        BOYO_ASSIGN_OR_RETURN(ResolvedCall resolved,
                              resolver_.ResolveAggregate(call.name, args, call.position));
        const std::optional<ShiftedSum> shifted = AsShiftedSum(call.name, *resolved.args[0]);
        if (shifted) {
          BOYO_ASSIGN_OR_RETURN(BoundAggregate sum,
                                MakeAggregateCall(resolver_, "sum", {shifted->base}));
          BOYO_ASSIGN_OR_RETURN(BoundAggregate count,
                                MakeAggregateCall(resolver_, "count", {shifted->base}));
          BoundExprPtr sum_ref = add(std::move(sum));
          BoundExprPtr count_ref = add(std::move(count));
          BOYO_ASSIGN_OR_RETURN(
              ResolvedCall times,
              resolver_.ResolveScalar("*", {shifted->offset, count_ref}, true, call.position));
          BoundExprPtr shift = MakeScalarCall("*", std::move(times));
          BOYO_ASSIGN_OR_RETURN(ResolvedCall plus, resolver_.ResolveScalar("+", {sum_ref, shift},
                                                                           true, call.position));
          return coercer_.Coerce(MakeScalarCall("+", std::move(plus)), resolved.result,
                                 CastContext::kExplicit, call.position);
        }
      }
      BoundAggregate aggregate;
      if (call.name == "grouping") {
        BOYO_ASSIGN_OR_RETURN(aggregate, MakeGroupingCall(std::move(args), call.position));
      } else {
        BOYO_RETURN_IF_ERROR(CheckAggregateOrder(call, args, order_by, catalog_.functions()));
        BOYO_ASSIGN_OR_RETURN(
            ResolvedCall resolved,
            resolver_.ResolveAggregate(call.name, std::move(args), call.position));
        std::vector<DataType> arg_types;
        for (const BoundExprPtr& arg : resolved.args) arg_types.push_back(arg->type);
        Result<std::shared_ptr<const AggregateFunction>> function =
            resolved.aggregate->make(arg_types);
        if (!function.ok()) return Status(function.status()).WithPosition(call.position);
        aggregate.name = call.name;
        aggregate.args = std::move(resolved.args);
        aggregate.distinct = call.distinct;
        aggregate.filter = std::move(filter);
        aggregate.order_by = std::move(order_by);
        aggregate.function = std::move(*function);
        aggregate.skip_nulls = resolved.aggregate->skip_nulls;
        aggregate.type = resolved.result;
      }
      return add(std::move(aggregate));
    };
  }

  WindowContext windows;
  windows.select = &select;
  windows.scope = &scope;
  windows.hooks = hooks;
  hooks.window = [this, &windows](const ast::FunctionExpr& call) {
    return BindWindowCall(call, &windows);
  };
  // Set-returning calls (unnest, generate_series ...) become columns of a ProjectSet under the
  // projection, after aggregation and window functions, as in PostgreSQL.
  std::vector<BoundExprPtr> set_calls;
  std::vector<int32_t> set_positions;
  hooks.set_function = [&set_calls, &set_positions](BoundExprPtr call,
                                                    int32_t position) -> Result<BoundExprPtr> {
    if (ContainsKind(*call, BoundKind::kSetResult)) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "set-returning functions nested in the arguments of another are not "
                    "supported yet")
          .WithPosition(position);
    }
    auto placeholder = std::make_shared<BoundExpr>();
    placeholder->kind = BoundKind::kSetResult;
    placeholder->type = call->type.element_type();
    placeholder->column_index = static_cast<int32_t>(set_calls.size());
    set_calls.push_back(std::move(call));
    set_positions.push_back(position);
    return BoundExprPtr(std::move(placeholder));
  };

  // The select list, with * expanded.
  std::vector<size_t> unknown_outputs;  // positions of literals of unknown type
  std::vector<BoundExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<int32_t> positions;
  ExpressionBinder binder(resolver_, scope, hooks);
  for (const ast::SelectItem& item : select.items) {
    if (item.expr->kind == ast::ExprKind::kStar) {
      BOYO_RETURN_IF_ERROR(ExpandStar(item.expr->As<ast::StarExpr>(), item.expr->position, scope,
                                      &exprs, &names, &positions));
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*item.expr));
    // A select-list literal of unknown type (a quoted string, NULL) is text.
    const bool unknown = bound->unknown_literal ||
                         (bound->kind == BoundKind::kConstant && bound->type.id() == TypeId::kNull);
    if (unknown) {
      BOYO_ASSIGN_OR_RETURN(bound, coercer_.Coerce(bound, DataType::String(),
                                                   CastContext::kImplicit, item.expr->position));
      unknown_outputs.push_back(exprs.size());
    }
    exprs.push_back(std::move(bound));
    names.push_back(item.alias.empty() ? OutputName(*item.expr) : item.alias);
    positions.push_back(item.expr->position);
  }
  const size_t num_visible = exprs.size();

  // An ORDER BY or DISTINCT ON item as an output column: by position, by output name, or as
  // an expression (a hidden column when the select list lacks it).
  auto output_of = [&](const ast::Expr& expr, const std::string& clause) -> Result<int32_t> {
    int32_t output = -1;
    if (expr.kind == ast::ExprKind::kConstant &&
        expr.As<ast::ConstantExpr>().form == ast::ConstantExpr::Form::kInteger) {
      const int64_t position = expr.As<ast::ConstantExpr>().integer;
      if (position < 1 || position > static_cast<int64_t>(num_visible)) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                      clause + " position " + std::to_string(position) + " is not in select list")
            .WithPosition(expr.position);
      }
      return static_cast<int32_t>(position - 1);
    }
    if (expr.kind == ast::ExprKind::kColumn && expr.As<ast::ColumnExpr>().parts.size() == 1) {
      // A bare name matches an output column first, as in PostgreSQL.
      const std::string& name = expr.As<ast::ColumnExpr>().parts[0];
      for (size_t i = 0; i < num_visible; ++i) {
        if (names[i] != name) continue;
        if (output >= 0 && !SameExpr(*exprs[static_cast<size_t>(output)], *exprs[i])) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kAmbiguousColumn,
                        clause + " \"" + name + "\" is ambiguous")
              .WithPosition(expr.position);
        }
        if (output < 0) output = static_cast<int32_t>(i);
      }
      if (output >= 0) return output;
    }
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(expr));
    for (size_t i = 0; i < exprs.size(); ++i) {
      if (SameExpr(*exprs[i], *bound)) return static_cast<int32_t>(i);
    }
    if (select.distinct && select.distinct_on.empty()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
          .WithPosition(expr.position);
    }
    exprs.push_back(std::move(bound));
    names.push_back("?sort?");
    positions.push_back(expr.position);
    return static_cast<int32_t>(exprs.size() - 1);
  };

  std::vector<int32_t> distinct_on;
  for (const ast::ExprPtr& expr : select.distinct_on) {
    BOYO_ASSIGN_OR_RETURN(const int32_t output, output_of(*expr, "SELECT DISTINCT ON"));
    if (std::find(distinct_on.begin(), distinct_on.end(), output) == distinct_on.end()) {
      distinct_on.push_back(output);
    }
  }

  // ORDER BY: output columns by position or name, or expressions (hidden columns).
  std::vector<SortKey> order;
  std::vector<int32_t> order_outputs;
  for (const ast::OrderItem& item : select.order_by) {
    SortKey key;
    key.descending = item.direction == ast::SortDirection::kDescending;
    key.nulls_first = item.nulls == ast::NullsOrder::kDefault
                          ? key.descending
                          : item.nulls == ast::NullsOrder::kFirst;
    BOYO_ASSIGN_OR_RETURN(const int32_t output, output_of(*item.expr, "ORDER BY"));
    key.expr = MakeColumn(output, exprs[static_cast<size_t>(output)]->type);
    order.push_back(std::move(key));
    order_outputs.push_back(output);
  }
  if (!distinct_on.empty()) {
    // The leading ORDER BY items must be the DISTINCT ON keys (in any order), so that each
    // key's first row is the one ORDER BY puts first.
    std::vector<int32_t> uncovered = distinct_on;
    for (const int32_t output : order_outputs) {
      if (uncovered.empty()) break;
      const auto found = std::find(uncovered.begin(), uncovered.end(), output);
      if (found == uncovered.end()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                      "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
            .WithPosition(select.distinct_on.front()->position);
      }
      uncovered.erase(found);
    }
  }

  // The set-returning calls go through aggregation, windows and decorrelation with the
  // select list, after it.
  const size_t first_set_call = exprs.size();
  exprs.insert(exprs.end(), set_calls.begin(), set_calls.end());
  positions.insert(positions.end(), set_positions.begin(), set_positions.end());

  std::vector<BoundExprPtr> groups;
  if (aggregating) {
    // GROUP BY items: expressions over the FROM scope, output positions, or output names.
    ExpressionBinder group_binder(resolver_, scope, Hooks("GROUP BY"));
    // Each select item a GROUP BY element names (by position, by output name, or by an equal
    // expression) is one group of its own, as PostgreSQL keys groups by target entry: in
    // `SELECT d, d ... GROUP BY CUBE (1, 2)` the two are different groups, NULL in different
    // rows.
    std::vector<int32_t> item_groups(exprs.size(), -1);
    const auto group_of_item = [&](size_t item) -> GroupingSet {
      if (item_groups[item] < 0) {
        groups.push_back(exprs[item]);
        item_groups[item] = static_cast<int32_t>(groups.size() - 1);
      }
      return GroupingSet{item_groups[item]};
    };
    GroupIndexer add_group = [&](const ast::Expr& expr) -> Result<GroupingSet> {
      if (expr.kind == ast::ExprKind::kRow) {
        GroupingSet positions;
        for (const ast::ExprPtr& part : expr.As<ast::ListExpr>().args) {
          BOYO_ASSIGN_OR_RETURN(GroupingSet more, add_group(*part));
          positions.insert(positions.end(), more.begin(), more.end());
        }
        return positions;
      }
      BoundExprPtr bound;
      if (expr.kind == ast::ExprKind::kConstant &&
          expr.As<ast::ConstantExpr>().form == ast::ConstantExpr::Form::kInteger) {
        const int64_t position = expr.As<ast::ConstantExpr>().integer;
        if (position < 1 || position > static_cast<int64_t>(num_visible)) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                        "GROUP BY position " + std::to_string(position) + " is not in select list")
              .WithPosition(expr.position);
        }
        return group_of_item(static_cast<size_t>(position - 1));
      } else {
        Result<BoundExprPtr> result = group_binder.Bind(expr);
        if (!result.ok() && result.status().sqlstate() == sqlstate::kUndefinedColumn &&
            expr.kind == ast::ExprKind::kColumn && expr.As<ast::ColumnExpr>().parts.size() == 1) {
          // PostgreSQL also accepts an output column name in GROUP BY.
          const std::string& name = expr.As<ast::ColumnExpr>().parts[0];
          for (size_t i = 0; i < num_visible; ++i) {
            if (names[i] == name) return group_of_item(i);
          }
        }
        BOYO_RETURN_IF_ERROR(result.status());
        bound = std::move(*result);
        for (size_t i = 0; i < num_visible; ++i) {
          if (SameExpr(*exprs[i], *bound)) return group_of_item(i);
        }
      }
      for (size_t i = 0; i < groups.size(); ++i) {
        if (SameExpr(*groups[i], *bound)) return GroupingSet{static_cast<int32_t>(i)};
      }
      groups.push_back(std::move(bound));
      return GroupingSet{static_cast<int32_t>(groups.size() - 1)};
    };
    BOYO_ASSIGN_OR_RETURN(
        std::vector<GroupingSet> grouping_sets,
        ExpandGroupingSets(select.group_by, add_group, select.group_distinct, select.position));
    BoundExprPtr having;
    if (select.having != nullptr) {
      ExpressionHooks having_hooks = hooks;
      having_hooks.clause = "HAVING";
      having_hooks.window = nullptr;
      having_hooks.set_function = nullptr;
      ExpressionBinder having_binder(resolver_, scope, having_hooks);
      BOYO_ASSIGN_OR_RETURN(having, having_binder.BindCondition(*select.having));
    }
    BOYO_RETURN_IF_ERROR(ResolveGroupingCalls(groups, &aggregates.aggregates));
    auto aggregate = std::make_shared<LogicalOperator>();
    aggregate->kind = LogicalKind::kAggregate;
    for (size_t i = 0; i < groups.size(); ++i) {
      aggregate->columns.push_back({"group" + std::to_string(i), groups[i]->type});
    }
    for (const BoundAggregate& call : aggregates.aggregates) {
      aggregate->columns.push_back({call.name, call.type});
    }
    aggregate->groups = groups;
    aggregate->grouping_sets = std::move(grouping_sets);
    aggregate->aggregates = std::move(aggregates.aggregates);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
    if (having != nullptr) {
      BOYO_ASSIGN_OR_RETURN(having,
                            OverAggregateOutput(having, groups, scope, select.having->position));
      // Correlated subqueries become joins below the filter, their columns after the
      // aggregate's, so the select list's positions stay valid.
      std::vector<BoundExprPtr> conditions = {std::move(having)};
      BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &conditions, resolver_));
      having = std::move(conditions.front());
      auto filter = std::make_shared<LogicalOperator>();
      filter->kind = LogicalKind::kFilter;
      filter->columns = plan->columns;
      filter->condition = std::move(having);
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
    for (size_t i = 0; i < exprs.size(); ++i) {
      if (item_groups[i] >= 0) {
        exprs[i] = MakeColumn(item_groups[i], exprs[i]->type);  // the item's own group
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(exprs[i], OverAggregateOutput(exprs[i], groups, scope, positions[i]));
    }
  }

  if (!windows.windows.empty()) {
    BOYO_ASSIGN_OR_RETURN(plan, AddWindow(std::move(plan), std::move(windows.windows), aggregating,
                                          groups, scope, select.position, &exprs));
  }

  BOYO_ASSIGN_OR_RETURN(plan, DecorrelateExpressions(std::move(plan), &exprs, resolver_));
  if (!set_calls.empty()) {
    std::vector<BoundExprPtr> calls(exprs.begin() + static_cast<std::ptrdiff_t>(first_set_call),
                                    exprs.end());
    exprs.resize(first_set_call);
    positions.resize(first_set_call);
    plan = AddProjectSet(std::move(plan), std::move(calls), &exprs);
  }
  plan = MakeProject(std::move(plan), exprs, names);
  if (!unknown_outputs.empty()) {
    auto marked = std::make_shared<LogicalOperator>(*plan);
    for (const size_t output : unknown_outputs) marked->columns[output].unknown_literal = true;
    plan = std::move(marked);
  }
  if (!distinct_on.empty()) {
    // Sort by ORDER BY and then by the keys it leaves out, and keep each key's first row.
    std::vector<SortKey> keys = order;
    for (const int32_t output : distinct_on) {
      if (std::find(order_outputs.begin(), order_outputs.end(), output) != order_outputs.end()) {
        continue;
      }
      SortKey key;
      key.expr = MakeColumn(output, exprs[static_cast<size_t>(output)]->type);
      keys.push_back(std::move(key));
    }
    auto sort = std::make_shared<LogicalOperator>();
    sort->kind = LogicalKind::kSort;
    sort->columns = plan->columns;
    sort->order = std::move(keys);
    sort->children.push_back(std::move(plan));
    auto distinct = std::make_shared<LogicalOperator>();
    distinct->kind = LogicalKind::kDistinct;
    distinct->columns = sort->columns;
    distinct->distinct_on = distinct_on;
    distinct->children.push_back(std::move(sort));
    plan = std::move(distinct);
    order.clear();  // already in that order
  } else if (select.distinct) {
    auto distinct = std::make_shared<LogicalOperator>();
    distinct->kind = LogicalKind::kDistinct;
    distinct->columns = plan->columns;
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }
  if (!order.empty()) {
    auto sort = std::make_shared<LogicalOperator>();
    sort->kind = LogicalKind::kSort;
    sort->columns = plan->columns;
    sort->order = std::move(order);
    sort->children.push_back(std::move(plan));
    plan = std::move(sort);
  }
  BOYO_ASSIGN_OR_RETURN(plan, BindLimit(select, std::move(plan)));
  if (exprs.size() > num_visible) {
    std::vector<BoundExprPtr> visible;
    std::vector<std::string> visible_names;
    for (size_t i = 0; i < num_visible; ++i) {
      visible.push_back(MakeColumn(static_cast<int32_t>(i), exprs[i]->type));
      visible_names.push_back(names[i]);
    }
    plan = MakeProject(std::move(plan), std::move(visible), std::move(visible_names));
  }
  return plan;
}

}  // namespace boyodb::sql
