// FROM: base tables, CTE references, subqueries, joins; each FROM item adds a relation to the
// scope whose columns sit at the item's offset in the joined input.
#include "common/sqlstate.h"
#include "sql/binder/decorrelator.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"

namespace boyodb::sql {

using types::DataType;

namespace {

LogicalPtr MakeJoin(LogicalPtr left, LogicalPtr right, JoinType type, BoundExprPtr condition) {
  auto join = std::make_shared<LogicalOperator>();
  join->kind = LogicalKind::kJoin;
  join->join_type = type;
  join->columns = left->columns;
  join->columns.insert(join->columns.end(), right->columns.begin(), right->columns.end());
  join->condition = std::move(condition);
  join->children = {std::move(left), std::move(right)};
  return join;
}

// `expr`, bound over the whole FROM list's columns, over a join of items that start at
// `offset` in that list (a JOIN after comma-separated items: t, a JOIN b ON ...).
BoundExprPtr RelativeTo(const BoundExprPtr& expr, int32_t offset) {
  if (expr == nullptr || offset == 0) return expr;
  if (expr->kind == BoundKind::kColumn) {
    return MakeColumn(expr->column_index - offset, expr->type);
  }
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = RelativeTo(child, offset);
  return copy;
}

// `expr` with its column references made references to the enclosing query.
BoundExprPtr ToOuterReferences(const BoundExprPtr& expr) {
  if (expr == nullptr) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  if (copy->kind == BoundKind::kColumn) {
    copy->kind = BoundKind::kOuterColumn;
    copy->depth = 1;
    return copy;
  }
  for (BoundExprPtr& child : copy->children) child = ToOuterReferences(child);
  return copy;
}

// The set-returning calls of `project_set` (a ProjectSet over the first `input_width` columns
// of a join's left side) as a subquery of their own over one row, reading the left side as
// an enclosing query: the form JoinLateral takes.
LogicalPtr AsLateralSubquery(const LogicalOperator& project_set, size_t input_width) {
  auto one_row = std::make_shared<LogicalOperator>();
  one_row->kind = LogicalKind::kValues;
  one_row->rows.emplace_back();
  auto calls = std::make_shared<LogicalOperator>(project_set);
  calls->exprs.clear();
  for (const BoundExprPtr& expr : project_set.exprs) {
    calls->exprs.push_back(ToOuterReferences(expr));
  }
  calls->columns.assign(project_set.columns.begin() + static_cast<std::ptrdiff_t>(input_width),
                        project_set.columns.end());
  calls->children = {std::move(one_row)};
  return calls;
}

// 42P01 when an ON condition reads a FROM item outside its join (columns before `offset`),
// which PostgreSQL does not let it see.
Status OnlyJoinedColumns(const BoundExpr& expr, int32_t offset, const Scope& scope,
                         int32_t position) {
  if (expr.kind == BoundKind::kColumn && expr.column_index < offset) {
    std::string alias;
    for (const ScopeRelation& relation : scope.relations()) {
      for (const ScopeColumn& column : relation.columns) {
        if (column.index == expr.column_index) alias = relation.alias;
      }
    }
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "invalid reference to FROM-clause entry for table \"" + alias + "\"")
        .WithPosition(position);
  }
  for (const BoundExprPtr& child : expr.children) {
    BOYO_RETURN_IF_ERROR(OnlyJoinedColumns(*child, offset, scope, position));
  }
  return Status::OK();
}

// Puts a JOIN USING's merged columns in the scope before the join's own relations, where an
// unqualified name and * find them first.
void AddMergedColumns(ScopeRelation merged, size_t first_relation, Scope* scope) {
  if (merged.columns.empty()) return;
  auto& relations = scope->mutable_relations();
  relations.insert(relations.begin() + static_cast<std::ptrdiff_t>(first_relation),
                   std::move(merged));
}

// One row, no columns: the input of a SELECT without FROM.
LogicalPtr SingleRow() {
  auto values = std::make_shared<LogicalOperator>();
  values->kind = LogicalKind::kValues;
  values->rows.emplace_back();
  return values;
}

Status ApplyColumnAliases(const ast::TableRef& ref, ScopeRelation* relation) {
  if (ref.column_aliases.size() > relation->columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                  "table \"" + relation->alias + "\" has " +
                      std::to_string(relation->columns.size()) + " columns available but " +
                      std::to_string(ref.column_aliases.size()) + " columns specified")
        .WithPosition(ref.position);
  }
  for (size_t i = 0; i < ref.column_aliases.size(); ++i) {
    relation->columns[i].name = ref.column_aliases[i];
  }
  return Status::OK();
}

// Adds a FROM item computed by `plan` (a view or subquery) to the scope under `alias`.
Result<LogicalPtr> AddDerivedRelation(LogicalPtr plan, const ast::TableRef& ref, std::string alias,
                                      Scope* scope) {
  const int32_t offset = scope->width();
  ScopeRelation relation;
  relation.alias = std::move(alias);
  for (size_t i = 0; i < plan->columns.size(); ++i) {
    relation.columns.push_back(
        {plan->columns[i].name, plan->columns[i].type, offset + static_cast<int32_t>(i), false});
  }
  BOYO_RETURN_IF_ERROR(ApplyColumnAliases(ref, &relation));
  scope->AddRelation(std::move(relation));
  return plan;
}

}  // namespace

Result<LogicalPtr> QueryBinder::BindFromList(const std::vector<ast::TableRefPtr>& from,
                                             const Scope* outer, Scope* scope) {
  std::vector<const ast::TableRef*> items;
  for (const ast::TableRefPtr& ref : from) items.push_back(ref.get());
  return BindFromItems(items, outer, scope);
}

Result<LogicalPtr> QueryBinder::BindFromItems(const std::vector<const ast::TableRef*>& from,
                                              const Scope* outer, Scope* scope) {
  if (from.empty()) return SingleRow();
  LogicalPtr plan;
  for (const ast::TableRef* ref : from) {
    if (plan != nullptr && ref->kind == ast::TableRef::Kind::kSubquery &&
        ref->As<ast::SubqueryRef>().lateral) {
      BOYO_ASSIGN_OR_RETURN(plan, BindLateralSubquery(ref->As<ast::SubqueryRef>(), std::move(plan),
                                                      JoinType::kInner, scope));
      continue;
    }
    if (plan != nullptr && ref->kind == ast::TableRef::Kind::kFunction) {
      // A function may read the items before it: FROM t, unnest(t.tags).
      BOYO_ASSIGN_OR_RETURN(TableFunctionPlan function,
                            BindTableFunction(ref->As<ast::FunctionRef>(), plan, 0, scope));
      plan = function.lateral
                 ? std::move(function.plan)
                 : MakeJoin(std::move(plan), std::move(function.plan), JoinType::kCross, nullptr);
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(LogicalPtr item, BindTableRef(*ref, outer, scope));
    plan = plan == nullptr ? std::move(item)
                           : MakeJoin(std::move(plan), std::move(item), JoinType::kCross, nullptr);
  }
  // Two FROM items with one name are ambiguous (PostgreSQL: 42712).
  for (size_t i = 0; i < scope->relations().size(); ++i) {
    for (size_t j = i + 1; j < scope->relations().size(); ++j) {
      const std::string& alias = scope->relations()[i].alias;
      if (!alias.empty() && alias == scope->relations()[j].alias) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateAlias,
                      "table name \"" + alias + "\" specified more than once")
            .WithPosition(from.front()->position);
      }
    }
  }
  return plan;
}

Result<LogicalPtr> QueryBinder::BindTableRef(const ast::TableRef& ref, const Scope* outer,
                                             Scope* scope) {
  const int32_t offset = scope->width();
  switch (ref.kind) {
    case ast::TableRef::Kind::kTable: {
      const auto& table = ref.As<ast::BaseTableRef>();
      const auto not_a_table = [&]() {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "TABLESAMPLE clause can only be applied to tables and materialized views")
            .WithPosition(ref.position);
      };
      ScopeRelation relation;
      relation.alias = ref.alias.empty() ? table.name.name() : ref.alias;
      // An unqualified name may be a WITH query, innermost first.
      if (table.name.parts.size() == 1 && &ref != row_id_target_) {
        for (auto level = ctes_.rbegin(); level != ctes_.rend(); ++level) {
          auto found = level->find(table.name.name());
          if (found == level->end()) continue;
          if (table.sample != nullptr) return not_a_table();
          if (found->second.referenced != nullptr) *found->second.referenced = true;
          const LogicalPtr& plan = found->second.plan;
          for (size_t i = 0; i < plan->columns.size(); ++i) {
            relation.columns.push_back({found->second.names[i], plan->columns[i].type,
                                        offset + static_cast<int32_t>(i), false});
          }
          BOYO_RETURN_IF_ERROR(ApplyColumnAliases(ref, &relation));
          scope->AddRelation(std::move(relation));
          return plan;
        }
      }
      BOYO_ASSIGN_OR_RETURN(TableDescription description, catalog_.FindTable(table.name));
      if (description.view_definition) {
        if (table.sample != nullptr) return not_a_table();
        if (&ref == row_id_target_) {
          return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                        "cannot change view \"" + description.table + "\": views are read-only")
              .WithPosition(ref.position);
        }
        BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, BindView(description, ref.position));
        return AddDerivedRelation(std::move(plan), ref, std::move(relation.alias), scope);
      }
      auto get = std::make_shared<LogicalOperator>();
      get->kind = LogicalKind::kGet;
      get->database = description.database;
      get->table = description.table;
      const auto& fields = description.schema.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        get->columns.push_back({fields[i].name, fields[i].type()});
        get->table_columns.push_back(static_cast<int32_t>(i));
        relation.columns.push_back(
            {fields[i].name, fields[i].type(), offset + static_cast<int32_t>(i), false});
      }
      if (&ref == row_id_target_) {
        // PostgreSQL calls a row's physical identity ctid; only `t.ctid` names it here.
        get->columns.push_back({"ctid", DataType::Int64()});
        get->table_columns.push_back(kRowIdColumn);
        relation.columns.push_back(
            {"ctid", DataType::Int64(), offset + static_cast<int32_t>(fields.size()), true});
      }
      BOYO_RETURN_IF_ERROR(ApplyColumnAliases(ref, &relation));
      scope->AddRelation(std::move(relation));
      if (table.sample != nullptr) return BindTableSample(*table.sample, std::move(get));
      return LogicalPtr(std::move(get));
    }
    case ast::TableRef::Kind::kSubquery: {
      const auto& subquery = ref.As<ast::SubqueryRef>();
      // A subquery in FROM sees the enclosing query's scope, not its sibling FROM items (a
      // LATERAL one after other items is bound by BindLateralSubquery).
      BOYO_ASSIGN_OR_RETURN(LogicalPtr plan, BindQuery(*subquery.query, outer));
      return AddDerivedRelation(std::move(plan), ref, ref.alias, scope);
    }
    case ast::TableRef::Kind::kJoin:
      return BindJoin(ref.As<ast::JoinRef>(), outer, scope);
    case ast::TableRef::Kind::kFunction: {
      BOYO_ASSIGN_OR_RETURN(TableFunctionPlan function,
                            BindTableFunction(ref.As<ast::FunctionRef>(), nullptr, 0, scope));
      return function.plan;
    }
  }
  return Status::Internal("unknown FROM item");
}

Result<LogicalPtr> QueryBinder::BindLateralSubquery(const ast::SubqueryRef& ref, LogicalPtr left,
                                                    JoinType type, Scope* scope,
                                                    int32_t left_offset) {
  // The subquery's outer scope is this FROM list so far (whose parent is the enclosing query):
  // references to the items before it are outer references of depth 1.
  BOYO_ASSIGN_OR_RETURN(LogicalPtr subquery, BindQuery(*ref.query, scope));
  if (left_offset > 0) {
    // A join after comma items: `left` starts at column left_offset of the FROM list. The
    // subquery's references count from the list's start, so `left` is padded with NULL
    // columns in front while they are joined, and the padding dropped after.
    const std::vector<int32_t> read = OuterColumnsOf(*subquery);
    if (!read.empty() && read.front() < left_offset) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "a LATERAL subquery inside a JOIN that reads a FROM item before the JOIN is "
                    "not supported yet")
          .WithPosition(ref.position);
    }
    std::vector<BoundExprPtr> padded;
    std::vector<std::string> padded_names(static_cast<size_t>(left_offset));
    for (int32_t i = 0; i < left_offset; ++i) {
      padded.push_back(MakeConstant(types::Value::Null(DataType::Int32())));
    }
    for (size_t i = 0; i < left->columns.size(); ++i) {
      padded.push_back(MakeColumn(static_cast<int32_t>(i), left->columns[i].type));
      padded_names.push_back(left->columns[i].name);
    }
    LogicalPtr input = MakeProject(std::move(left), std::move(padded), std::move(padded_names));
    BOYO_ASSIGN_OR_RETURN(LogicalPtr joined,
                          JoinLateral(std::move(input), subquery, type, resolver_));
    std::vector<BoundExprPtr> kept;
    std::vector<std::string> kept_names;
    for (size_t i = static_cast<size_t>(left_offset); i < joined->columns.size(); ++i) {
      kept.push_back(MakeColumn(static_cast<int32_t>(i), joined->columns[i].type));
      kept_names.push_back(joined->columns[i].name);
    }
    BOYO_RETURN_IF_ERROR(AddDerivedRelation(subquery, ref, ref.alias, scope));
    return MakeProject(std::move(joined), std::move(kept), std::move(kept_names));
  }
  BOYO_ASSIGN_OR_RETURN(LogicalPtr joined, JoinLateral(std::move(left), subquery, type, resolver_));
  // (The Result itself, not a reference into a temporary one.)
  BOYO_RETURN_IF_ERROR(AddDerivedRelation(subquery, ref, ref.alias, scope));
  return joined;
}

Result<LogicalPtr> QueryBinder::BindView(const TableDescription& view, int32_t position) {
  constexpr int kMaxViewDepth = 32;
  if (view_depth_ >= kMaxViewDepth) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kProgramLimitExceeded,
                  "views nest more than " + std::to_string(kMaxViewDepth) + " deep (is view \"" +
                      view.table + "\" defined in terms of itself?)")
        .WithPosition(position);
  }
  auto invalid = [&](const Status& why) {
    return Status(why.code(), why.sqlstate(),
                  "view \"" + view.table + "\" cannot be used: " + std::string(why.message()))
        .WithPosition(position);
  };
  Result<std::vector<ast::Statement>> parsed = Parse(*view.view_definition);
  if (!parsed.ok()) return invalid(parsed.status());
  if (parsed->size() != 1 || parsed->front().kind != ast::StatementKind::kCreateView) {
    return Status::Corruption("the definition of view \"" + view.table +
                              "\" is not a CREATE VIEW statement");
  }
  const std::unique_ptr<CatalogView> catalog = catalog_.InDatabase(view.database);
  QueryBinder binder(*catalog, BindParameters{}, coercer_.time_zone());
  binder.view_depth_ = view_depth_ + 1;
  Result<LogicalPtr> bound = binder.BindQuery(*parsed->front().create_view->query, nullptr);
  if (!bound.ok()) {
    if (bound.status().sqlstate() == sqlstate::kProgramLimitExceeded) return bound.status();
    return invalid(bound.status());
  }
  // The view has the columns it had when created, as PostgreSQL fixes a view's `*` then;
  // a view it reads may have gained columns since.
  const LogicalPtr& plan = *bound;
  if (plan->columns.size() < view.view_columns.size()) {
    return invalid(Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                          "its query now returns " + std::to_string(plan->columns.size()) +
                              " columns, not " + std::to_string(view.view_columns.size())));
  }
  std::vector<BoundExprPtr> exprs;
  for (size_t i = 0; i < view.view_columns.size(); ++i) {
    exprs.push_back(MakeColumn(static_cast<int32_t>(i), plan->columns[i].type));
  }
  return MakeProject(plan, std::move(exprs), view.view_columns);
}

Result<LogicalPtr> QueryBinder::BindJoin(const ast::JoinRef& join, const Scope* outer,
                                         Scope* scope) {
  const size_t first_relation = scope->relations().size();
  const int32_t left_offset = scope->width();
  BOYO_ASSIGN_OR_RETURN(LogicalPtr left, BindTableRef(*join.left, outer, scope));
  const size_t right_relation = scope->relations().size();
  if (join.right->kind == ast::TableRef::Kind::kSubquery &&
      join.right->As<ast::SubqueryRef>().lateral) {
    // t JOIN LATERAL (SELECT ... t.x ...) s ON ...: the subquery may read the left side.
    if (!join.using_columns.empty() || join.natural ||
        (join.type != ast::JoinType::kInner && join.type != ast::JoinType::kCross &&
         join.type != ast::JoinType::kLeft)) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "this form of JOIN LATERAL is not supported yet (INNER, CROSS and LEFT "
                    "joins with ON are)")
          .WithPosition(join.position);
    }
    const JoinType lateral_type =
        join.type == ast::JoinType::kLeft ? JoinType::kLeft : JoinType::kInner;
    BOYO_ASSIGN_OR_RETURN(LogicalPtr joined,
                          BindLateralSubquery(join.right->As<ast::SubqueryRef>(), std::move(left),
                                              lateral_type, scope, left_offset));
    if (join.condition == nullptr) return joined;
    ExpressionBinder binder(resolver_, *scope, Hooks("JOIN conditions"));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr condition, binder.BindCondition(*join.condition));
    if (lateral_type == JoinType::kLeft) {
      // The left side's rows stay whatever ON says; only ON TRUE means that here.
      if (condition->kind != BoundKind::kConstant || condition->constant.is_null() ||
          !condition->constant.boolean()) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "LEFT JOIN LATERAL is supported with ON TRUE only")
            .WithPosition(join.position);
      }
      return joined;
    }
    BOYO_RETURN_IF_ERROR(
        OnlyJoinedColumns(*condition, left_offset, *scope, join.condition->position));
    auto filter = std::make_shared<LogicalOperator>();
    filter->kind = LogicalKind::kFilter;
    filter->columns = joined->columns;
    filter->condition = RelativeTo(condition, left_offset);
    filter->children.push_back(std::move(joined));
    return LogicalPtr(std::move(filter));
  }
  LogicalPtr right;
  bool lateral = false;
  if (join.right->kind == ast::TableRef::Kind::kFunction) {
    // t JOIN unnest(t.tags) ON ...: the function may read the left side.
    BOYO_ASSIGN_OR_RETURN(
        TableFunctionPlan function,
        BindTableFunction(join.right->As<ast::FunctionRef>(), left, left_offset, scope));
    right = std::move(function.plan);
    lateral = function.lateral;
  } else {
    BOYO_ASSIGN_OR_RETURN(right, BindTableRef(*join.right, outer, scope));
  }

  JoinType type = JoinType::kInner;
  switch (join.type) {
    case ast::JoinType::kInner:
      type = JoinType::kInner;
      break;
    case ast::JoinType::kLeft:
      type = JoinType::kLeft;
      break;
    case ast::JoinType::kRight:
      type = JoinType::kRight;
      break;
    case ast::JoinType::kFull:
      type = JoinType::kFull;
      break;
    case ast::JoinType::kCross:
      type = JoinType::kCross;
      break;
  }

  // USING / NATURAL: equality of the named columns; the right copies become hidden so an
  // unqualified name finds one column.
  std::vector<std::string> using_columns = join.using_columns;
  if (join.natural) {
    for (size_t r = first_relation; r < right_relation; ++r) {
      for (const ScopeColumn& column : scope->relations()[r].columns) {
        for (size_t s = right_relation; s < scope->relations().size(); ++s) {
          for (const ScopeColumn& other : scope->relations()[s].columns) {
            if (other.name == column.name) using_columns.push_back(column.name);
          }
        }
      }
    }
  }
  BoundExprPtr condition;
  // The USING columns as one column each, listed first by * (PostgreSQL's order): the left
  // copy, the right one for RIGHT JOIN, or for FULL JOIN COALESCE(left, right), computed
  // after the join. Both copies stay reachable through their own table's name.
  ScopeRelation merged;
  std::vector<BoundExprPtr> coalesced;
  if (!using_columns.empty()) {
    ExpressionBinder binder(resolver_, *scope, Hooks("JOIN conditions"));
    std::vector<BoundExprPtr> equalities;
    for (const std::string& name : using_columns) {
      auto find = [&](size_t from, size_t to) -> ScopeColumn* {
        ScopeColumn* found = nullptr;
        for (size_t r = from; r < to; ++r) {
          for (ScopeColumn& column : scope->mutable_relations()[r].columns) {
            if (column.name == name && !column.hidden) found = &column;
          }
        }
        return found;
      };
      ScopeColumn* left_column = find(first_relation, right_relation);
      ScopeColumn* right_column = find(right_relation, scope->relations().size());
      if (left_column == nullptr || right_column == nullptr) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" specified in USING clause does not exist in " +
                          (left_column == nullptr ? "left" : "right") + " table")
            .WithPosition(join.position);
      }
      BOYO_ASSIGN_OR_RETURN(
          BoundExprPtr equal,
          binder.CallOperator("=",
                              {MakeColumn(left_column->index, left_column->type),
                               MakeColumn(right_column->index, right_column->type)},
                              join.position));
      equalities.push_back(std::move(equal));
      left_column->hidden = true;
      right_column->hidden = true;
      if (type == JoinType::kFull) {
        std::vector<BoundExprPtr> pair = {MakeColumn(left_column->index, left_column->type),
                                          MakeColumn(right_column->index, right_column->type)};
        BOYO_RETURN_IF_ERROR(binder.Unify(&pair, "JOIN/USING", join.position));
        auto coalesce = std::make_shared<BoundExpr>();
        coalesce->kind = BoundKind::kCoalesce;
        coalesce->type = pair.front()->type;
        coalesce->children = std::move(pair);
        merged.columns.push_back({name, coalesce->type, 0, false});
        coalesced.push_back(std::move(coalesce));
      } else {
        // RIGHT JOIN ... USING shows the right side's value; the others the left's.
        merged.columns.push_back(type == JoinType::kRight ? *right_column : *left_column);
        merged.columns.back().hidden = false;
      }
    }
    condition = equalities.size() == 1 ? equalities.front()
                                       : MakeLogical(BoundKind::kAnd, std::move(equalities));
  } else if (join.condition != nullptr) {
    ExpressionBinder binder(resolver_, *scope, Hooks("JOIN conditions"));
    BOYO_ASSIGN_OR_RETURN(condition, binder.BindCondition(*join.condition));
    BOYO_RETURN_IF_ERROR(
        OnlyJoinedColumns(*condition, left_offset, *scope, join.condition->position));
  } else if (type != JoinType::kCross) {
    if (join.type != ast::JoinType::kInner) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "a join needs an ON or USING clause")
          .WithPosition(join.position);
    }
    type = JoinType::kCross;
  }
  if (!join.alias.empty()) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "an alias on a join is not supported yet")
        .WithPosition(join.position);
  }
  if (lateral && type == JoinType::kLeft) {
    // t LEFT JOIN LATERAL unnest(t.tags) u ON true: a left row the function gives no rows
    // for stays, with NULLs. The calls become a LATERAL subquery that reads t's row.
    if (condition == nullptr || condition->kind != BoundKind::kConstant ||
        condition->constant.is_null() || !condition->constant.boolean()) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "LEFT JOIN LATERAL is supported with ON TRUE only")
          .WithPosition(join.position);
    }
    BOYO_ASSIGN_OR_RETURN(LogicalPtr joined,
                          JoinLateral(left, AsLateralSubquery(*right, left->columns.size()),
                                      JoinType::kLeft, resolver_));
    AddMergedColumns(std::move(merged), first_relation, scope);
    return joined;
  }
  if (lateral) {
    // `right` already pairs every left row with the function's rows: an inner join of them
    // is a filter.
    if (type != JoinType::kInner && type != JoinType::kCross) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "an outer join to a function that reads the other side (LATERAL) is not "
                    "supported yet")
          .WithPosition(join.position);
    }
    AddMergedColumns(std::move(merged), first_relation, scope);
    if (condition == nullptr) return right;
    auto filter = std::make_shared<LogicalOperator>();
    filter->kind = LogicalKind::kFilter;
    filter->columns = right->columns;
    filter->condition = RelativeTo(condition, left_offset);
    filter->children.push_back(std::move(right));
    return LogicalPtr(std::move(filter));
  }
  if (condition != nullptr && HasCorrelatedSubquery(*condition)) {
    // A subquery in ON that reads the joined rows. For an inner join that is a filter over the
    // cross product, whose subqueries decorrelate into joins as WHERE's do.
    if (type != JoinType::kInner || left_offset != 0) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    type != JoinType::kInner
                        ? "a correlated subquery in the ON condition of an outer join is not "
                          "supported yet"
                        : "a correlated subquery in the ON condition of a join that follows "
                          "other FROM items is not supported yet")
          .WithPosition(join.condition->position);
    }
    LogicalPtr crossed = MakeJoin(std::move(left), std::move(right), JoinType::kCross, nullptr);
    const std::vector<OutputColumn> columns = crossed->columns;
    std::vector<BoundExprPtr> conditions = {std::move(condition)};
    BOYO_ASSIGN_OR_RETURN(LogicalPtr input,
                          DecorrelateExpressions(std::move(crossed), &conditions, resolver_));
    auto filter = std::make_shared<LogicalOperator>();
    filter->kind = LogicalKind::kFilter;
    filter->columns = input->columns;
    filter->condition = std::move(conditions.front());
    filter->children.push_back(std::move(input));
    // The subqueries' columns end here, so the FROM items after this join keep their places.
    auto project = std::make_shared<LogicalOperator>();
    project->kind = LogicalKind::kProject;
    project->columns = columns;
    for (size_t i = 0; i < columns.size(); ++i) {
      project->exprs.push_back(MakeColumn(static_cast<int32_t>(i), columns[i].type));
    }
    project->children.push_back(std::move(filter));
    AddMergedColumns(std::move(merged), first_relation, scope);
    return LogicalPtr(std::move(project));
  }
  LogicalPtr joined =
      MakeJoin(std::move(left), std::move(right), type, RelativeTo(condition, left_offset));
  if (!coalesced.empty()) {
    // FULL JOIN: the merged columns come after the join's own.
    auto project = std::make_shared<LogicalOperator>();
    project->kind = LogicalKind::kProject;
    project->columns = joined->columns;
    for (size_t i = 0; i < joined->columns.size(); ++i) {
      project->exprs.push_back(MakeColumn(static_cast<int32_t>(i), joined->columns[i].type));
    }
    const int32_t base = left_offset + static_cast<int32_t>(joined->columns.size());
    for (size_t i = 0; i < coalesced.size(); ++i) {
      merged.columns[i].index = base + static_cast<int32_t>(i);
      project->columns.push_back({merged.columns[i].name, coalesced[i]->type});
      project->exprs.push_back(RelativeTo(coalesced[i], left_offset));
    }
    project->children.push_back(std::move(joined));
    joined = std::move(project);
  }
  AddMergedColumns(std::move(merged), first_relation, scope);
  return joined;
}

}  // namespace boyodb::sql
