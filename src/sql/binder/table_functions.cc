// Functions in FROM: set-returning calls planned as a ProjectSet (over one empty row, or over
// the FROM items before them when their arguments read those, PostgreSQL's implicit LATERAL),
// scalar calls as one row, and generate_series of integer constants as a streaming source.
#include "common/sqlstate.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;

namespace {

// `expr` over a plan whose columns start at `offset` of the scope it was bound in; false when
// it reads a column before that.
bool ShiftColumns(BoundExprPtr* expr, int32_t offset) {
  if ((*expr)->kind == BoundKind::kColumn) {
    if ((*expr)->column_index < offset) return false;
    auto shifted = std::make_shared<BoundExpr>(**expr);
    shifted->column_index -= offset;
    *expr = std::move(shifted);
    return true;
  }
  if ((*expr)->children.empty()) return true;
  auto copy = std::make_shared<BoundExpr>(**expr);
  for (BoundExprPtr& child : copy->children) {
    if (!ShiftColumns(&child, offset)) return false;
  }
  *expr = std::move(copy);
  return true;
}

}  // namespace

std::optional<LogicalPtr> QueryBinder::BindIntegerSeries(const ast::FunctionRef& ref) {
  if (ref.calls.size() != 1 || ref.ordinality || ref.calls[0]->kind != ast::ExprKind::kFunction) {
    return std::nullopt;
  }
  const auto& call = ref.calls[0]->As<ast::FunctionExpr>();
  if (call.name != "generate_series" || call.args.size() < 2 || call.args.size() > 3) {
    return std::nullopt;
  }
  // Constants, parameters or uncorrelated subqueries only: no FROM columns in scope.
  Scope empty;
  ExpressionBinder binder(resolver_, empty, Hooks("functions in FROM"));
  std::vector<BoundExprPtr> args;
  std::vector<DataType> types;
  for (const ast::ExprPtr& arg : call.args) {
    Result<BoundExprPtr> bound = binder.Bind(*arg);
    if (!bound.ok()) return std::nullopt;
    types.push_back((*bound)->unknown_literal ? DataType::Int32() : (*bound)->type);
    args.push_back(std::move(*bound));
  }
  const std::vector<bool> unknown(types.size(), false);
  Result<DataType> common = CommonType(types, unknown, "generate_series");
  if (!common.ok() || !common->is_integer()) return std::nullopt;
  const DataType type = common->id() == TypeId::kInt64 ? DataType::Int64() : DataType::Int32();
  if (args.size() == 2) args.push_back(MakeConstant(types::Value::Int32(1)));
  for (BoundExprPtr& arg : args) {
    Result<BoundExprPtr> coerced = coercer_.Coerce(arg, type, CastContext::kImplicit, ref.position);
    if (!coerced.ok()) return std::nullopt;
    arg = std::move(*coerced);
  }
  auto series = std::make_shared<LogicalOperator>();
  series->kind = LogicalKind::kSeries;
  // A scalar function's alias names its column too (FROM generate_series(1, 3) AS n).
  series->columns.push_back(
      {ref.alias.empty() || !ref.column_aliases.empty() ? "generate_series" : ref.alias, type});
  series->exprs = std::move(args);
  return LogicalPtr(std::move(series));
}

Result<QueryBinder::TableFunctionPlan> QueryBinder::BindTableFunction(const ast::FunctionRef& ref,
                                                                      const LogicalPtr& left,
                                                                      int32_t left_offset,
                                                                      Scope* scope) {
  const int32_t offset = scope->width();
  std::vector<BoundExprPtr> calls;
  std::vector<std::string> names;
  std::optional<LogicalPtr> series = BindIntegerSeries(ref);
  if (!series) {
    // Each call is bound with the set-returning hook, which hands over the array-valued call
    // the function's rows come from.
    BoundExprPtr set_call;
    ExpressionHooks hooks = Hooks("functions in FROM");
    hooks.set_function = [&set_call](BoundExprPtr call, int32_t position) -> Result<BoundExprPtr> {
      if (set_call != nullptr || ContainsKind(*call, BoundKind::kSetResult)) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "set-returning functions must appear at top level of FROM")
            .WithPosition(position);
      }
      set_call = call;
      auto placeholder = std::make_shared<BoundExpr>();
      placeholder->kind = BoundKind::kSetResult;
      placeholder->type = call->type.element_type();
      return BoundExprPtr(std::move(placeholder));
    };
    ExpressionBinder binder(resolver_, *scope, hooks);
    auto add_call = [&](BoundExprPtr bound, std::string name, int32_t position) -> Status {
      if (bound->kind == BoundKind::kSetResult) {
        calls.push_back(std::move(set_call));
      } else if (set_call != nullptr) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "set-returning functions must appear at top level of FROM")
            .WithPosition(position);
      } else {
        // A scalar call in FROM is a one-row table.
        if (bound->unknown_literal) {
          BOYO_ASSIGN_OR_RETURN(
              bound, coercer_.Coerce(bound, DataType::String(), CastContext::kImplicit, position));
        }
        auto one = std::make_shared<BoundExpr>();
        one->kind = BoundKind::kArray;
        one->type = DataType::List(bound->type);
        one->children.push_back(std::move(bound));
        calls.push_back(std::move(one));
      }
      set_call = nullptr;
      names.push_back(std::move(name));
      return Status::OK();
    };
    for (const ast::ExprPtr& expr : ref.calls) {
      if (expr->kind != ast::ExprKind::kFunction) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                      "only function calls are allowed in FROM")
            .WithPosition(expr->position);
      }
      const auto& call = expr->As<ast::FunctionExpr>();
      if (call.name == "unnest" && call.args.size() > 1) {
        // unnest(a, b) in FROM is ROWS FROM (unnest(a), unnest(b)).
        for (const ast::ExprPtr& arg : call.args) {
          BOYO_ASSIGN_OR_RETURN(BoundExprPtr array, binder.Bind(*arg));
          BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound,
                                binder.CallFunction("unnest", {std::move(array)}, arg->position));
          BOYO_RETURN_IF_ERROR(add_call(std::move(bound), "unnest", arg->position));
        }
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*expr));
      BOYO_RETURN_IF_ERROR(add_call(std::move(bound), call.name, expr->position));
    }
  }

  // A call that reads an enclosing query (a LATERAL subquery's `FROM unnest(t.tags)`) leaves
  // its subquery correlated; the decorrelator runs it for each value it reads.
  bool lateral = false;
  for (const BoundExprPtr& call : calls) {
    lateral = lateral || ContainsKind(*call, BoundKind::kColumn);
  }
  if (lateral) {
    bool within_left = left != nullptr;
    for (BoundExprPtr& call : calls) within_left = within_left && ShiftColumns(&call, left_offset);
    if (!within_left) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "a function in FROM may read only the FROM items just before it")
          .WithPosition(ref.position);
    }
  }

  TableFunctionPlan out;
  out.lateral = lateral;
  if (series) {
    out.plan = std::move(*series);
  } else {
    auto project_set = std::make_shared<LogicalOperator>();
    project_set->kind = LogicalKind::kProjectSet;
    LogicalPtr input = left;
    if (!lateral) {
      auto one_row = std::make_shared<LogicalOperator>();
      one_row->kind = LogicalKind::kValues;
      one_row->rows.emplace_back();
      input = std::move(one_row);
    }
    project_set->columns = input->columns;
    // One column of one call takes the alias as its name (FROM unnest(a) AS u).
    const bool alias_names_column =
        calls.size() == 1 && !ref.alias.empty() && ref.column_aliases.empty();
    for (size_t i = 0; i < calls.size(); ++i) {
      project_set->columns.push_back(
          {alias_names_column ? ref.alias : names[i], calls[i]->type.element_type()});
    }
    if (ref.ordinality) project_set->columns.push_back({"ordinality", DataType::Int64()});
    project_set->exprs = std::move(calls);
    project_set->ordinality = ref.ordinality;
    project_set->children.push_back(std::move(input));
    out.plan = std::move(project_set);
  }

  // The relation: the function's columns, which follow the left side's when lateral.
  const size_t first = lateral ? left->columns.size() : 0;
  ScopeRelation relation;
  relation.alias = ref.alias.empty() ? out.plan->columns[first].name : ref.alias;
  for (size_t i = first; i < out.plan->columns.size(); ++i) {
    relation.columns.push_back({out.plan->columns[i].name, out.plan->columns[i].type,
                                offset + static_cast<int32_t>(i - first), false});
  }
  if (ref.column_aliases.size() > relation.columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                  "table \"" + relation.alias + "\" has " +
                      std::to_string(relation.columns.size()) + " columns available but " +
                      std::to_string(ref.column_aliases.size()) + " columns specified")
        .WithPosition(ref.position);
  }
  for (size_t i = 0; i < ref.column_aliases.size(); ++i) {
    relation.columns[i].name = ref.column_aliases[i];
  }
  scope->AddRelation(std::move(relation));
  return out;
}

}  // namespace boyodb::sql
