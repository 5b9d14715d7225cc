// Queries: SELECT, VALUES, set operations, WITH, FROM items, GROUP BY forms.
#include "sql/parser/translator.h"

namespace boyodb::sql::internal {

namespace {

void ApplyAlias(const PgQuery__Alias* alias, ast::TableRef* ref) {
  if (alias == nullptr) return;
  ref->alias = alias->aliasname;
  for (size_t i = 0; i < alias->n_colnames; ++i) {
    ref->column_aliases.push_back(StringOf(alias->colnames[i]));
  }
}

}  // namespace

Result<ast::QualifiedName> Translator::Name(const PgQuery__RangeVar& range) {
  ast::QualifiedName name;
  name.position = Position(range.location);
  if (range.catalogname != nullptr && range.catalogname[0] != '\0') {
    name.parts.push_back(range.catalogname);
  }
  if (range.schemaname != nullptr && range.schemaname[0] != '\0') {
    name.parts.push_back(range.schemaname);
  }
  name.parts.push_back(range.relname);
  return name;
}

Result<std::vector<ast::SelectItem>> Translator::Targets(PgQuery__Node** nodes, size_t count) {
  std::vector<ast::SelectItem> items;
  for (size_t i = 0; i < count; ++i) {
    if (nodes[i]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) {
      return Unsupported("select item " + NodeName(*nodes[i]), -1);
    }
    const PgQuery__ResTarget& target = *nodes[i]->res_target;
    if (target.n_indirection != 0) return Unsupported("subscripts here", target.location);
    ast::SelectItem item;
    BOYO_ASSIGN_OR_RETURN(item.expr, Expr(target.val));
    if (target.name != nullptr) item.alias = target.name;
    items.push_back(std::move(item));
  }
  return items;
}

Result<ast::TableRefPtr> Translator::FromItem(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      const PgQuery__RangeVar& range = *node.range_var;
      auto ref = std::make_unique<ast::BaseTableRef>();
      BOYO_ASSIGN_OR_RETURN(ref->name, Name(range));
      ref->position = Position(range.location);
      ApplyAlias(range.alias, ref.get());
      return ast::TableRefPtr(std::move(ref));
    }
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE: {
      // The grammar allows TABLESAMPLE only after a table name.
      const PgQuery__RangeTableSample& range = *node.range_table_sample;
      BOYO_ASSIGN_OR_RETURN(ast::TableRefPtr ref, FromItem(*range.relation));
      auto sample = std::make_unique<ast::TableSample>();
      sample->position = Position(range.location);
      if (range.n_method > 0 &&
          range.method[range.n_method - 1]->node_case == PG_QUERY__NODE__NODE_STRING) {
        sample->method = range.method[range.n_method - 1]->string->sval;
      }
      BOYO_ASSIGN_OR_RETURN(sample->args, ExprList(range.args, range.n_args));
      if (range.repeatable != nullptr) {
        BOYO_ASSIGN_OR_RETURN(sample->repeatable, Expr(range.repeatable));
      }
      static_cast<ast::BaseTableRef&>(*ref).sample = std::move(sample);
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect& sub = *node.range_subselect;
      auto ref = std::make_unique<ast::SubqueryRef>();
      BOYO_ASSIGN_OR_RETURN(ref->query, Query(sub.subquery));
      ref->lateral = sub.lateral;
      ref->position = ref->query->position;
      ApplyAlias(sub.alias, ref.get());
      return ast::TableRefPtr(std::move(ref));
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction& function = *node.range_function;
      if (function.n_functions < 1 || function.n_coldeflist != 0) {
        return Unsupported("a column definition list", -1);
      }
      auto ref = std::make_unique<ast::FunctionRef>();
      // Each entry of `functions` is a two-item list: the call and its column definitions.
      for (size_t i = 0; i < function.n_functions; ++i) {
        const PgQuery__Node* entry = function.functions[i];
        if (entry->node_case != PG_QUERY__NODE__NODE_LIST || entry->list->n_items < 1) {
          return Unsupported("this form of function in FROM", -1);
        }
        if (entry->list->n_items > 1 && entry->list->items[1] != nullptr &&
            entry->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST &&
            entry->list->items[1]->list->n_items > 0) {
          return Unsupported("a column definition list", -1);
        }
        BOYO_ASSIGN_OR_RETURN(ast::ExprPtr call, Expr(entry->list->items[0]));
        ref->calls.push_back(std::move(call));
      }
      ref->ordinality = function.ordinality;
      ref->lateral = function.lateral;
      ref->position = ref->calls.front()->position;
      ApplyAlias(function.alias, ref.get());
      return ast::TableRefPtr(std::move(ref));
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr& join = *node.join_expr;
      auto ref = std::make_unique<ast::JoinRef>();
      switch (join.jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_INNER:
          // CROSS JOIN is an inner join without a condition.
          ref->type = join.quals == nullptr && join.n_using_clause == 0 && !join.is_natural
                          ? ast::JoinType::kCross
                          : ast::JoinType::kInner;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          ref->type = ast::JoinType::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          ref->type = ast::JoinType::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          ref->type = ast::JoinType::kFull;
          break;
        default:
          return Unsupported("this join type", -1);
      }
      ref->natural = join.is_natural;
      BOYO_ASSIGN_OR_RETURN(ref->left, FromItem(*join.larg));
      BOYO_ASSIGN_OR_RETURN(ref->right, FromItem(*join.rarg));
      if (join.quals != nullptr) {
        BOYO_ASSIGN_OR_RETURN(ref->condition, Expr(join.quals));
      }
      for (size_t i = 0; i < join.n_using_clause; ++i) {
        ref->using_columns.push_back(StringOf(join.using_clause[i]));
      }
      if (join.join_using_alias != nullptr) {
        return Unsupported("an alias for JOIN USING", -1);
      }
      ref->position = ref->left->position;
      ApplyAlias(join.alias, ref.get());
      return ast::TableRefPtr(std::move(ref));
    }
    default:
      return Unsupported("FROM item " + NodeName(node), -1);
  }
}

Result<ast::GroupingElement> Translator::Grouping(const PgQuery__Node& node) {
  ast::GroupingElement element;
  if (node.node_case != PG_QUERY__NODE__NODE_GROUPING_SET) {
    element.kind = ast::GroupingKind::kExpr;
    BOYO_ASSIGN_OR_RETURN(element.expr, Expr(&node));
    return element;
  }
  const PgQuery__GroupingSet& set = *node.grouping_set;
  switch (set.kind) {
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
      element.kind = ast::GroupingKind::kEmpty;
      return element;
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP:
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
      element.kind = set.kind == PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP
                         ? ast::GroupingKind::kRollup
                         : ast::GroupingKind::kCube;
      // Each item is an expression or a parenthesized row of them (a ROW expression, which
      // the binder expands into its columns).
      for (size_t i = 0; i < set.n_content; ++i) {
        BOYO_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expr(set.content[i]));
        element.items.push_back(std::move(expr));
      }
      return element;
    }
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS:
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE: {
      element.kind = ast::GroupingKind::kSets;
      for (size_t i = 0; i < set.n_content; ++i) {
        BOYO_ASSIGN_OR_RETURN(ast::GroupingElement nested, Grouping(*set.content[i]));
        element.nested.push_back(std::move(nested));
      }
      return element;
    }
    default:
      return Unsupported("this grouping set", set.location);
  }
}

Result<std::unique_ptr<ast::SelectStatement>> Translator::Query(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    return Unsupported(node == nullptr ? std::string("an empty query") : "query " + NodeName(*node),
                       -1);
  }
  return Select(*node->select_stmt);
}

Status Translator::With(const PgQuery__WithClause& with, std::vector<ast::CommonTableExpr>* ctes) {
  for (size_t i = 0; i < with.n_ctes; ++i) {
    const PgQuery__CommonTableExpr& cte = *with.ctes[i]->common_table_expr;
    ast::CommonTableExpr item;
    item.name = cte.ctename;
    item.position = Position(cte.location);
    for (size_t c = 0; c < cte.n_aliascolnames; ++c) {
      item.column_names.push_back(StringOf(cte.aliascolnames[c]));
    }
    if (cte.search_clause != nullptr || cte.cycle_clause != nullptr) {
      return Unsupported("SEARCH and CYCLE clauses", cte.location);
    }
    BOYO_ASSIGN_OR_RETURN(item.query, Query(cte.ctequery));
    ctes->push_back(std::move(item));
  }
  return Status::OK();
}

Result<std::unique_ptr<ast::SelectStatement>> Translator::Select(
    const PgQuery__SelectStmt& select) {
  auto out = std::make_unique<ast::SelectStatement>();
  // (SELECT INTO at the top is CREATE TABLE AS; the grammar allows INTO nowhere else.)
  if (select.into_clause != nullptr) return Unsupported("SELECT INTO here", -1);
  for (size_t i = 0; i < select.n_locking_clause; ++i) {
    const PgQuery__LockingClause& clause = *select.locking_clause[i]->locking_clause;
    ast::LockingClause locking;
    switch (clause.strength) {
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
        locking.strength = "KEY SHARE";
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
        locking.strength = "SHARE";
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
        locking.strength = "NO KEY UPDATE";
        break;
      default:
        locking.strength = "UPDATE";
        break;
    }
    locking.wait = clause.wait_policy == PG_QUERY__LOCK_WAIT_POLICY__LockWaitError
                       ? ast::LockingClause::Wait::kNoWait
                   : clause.wait_policy == PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip
                       ? ast::LockingClause::Wait::kSkipLocked
                       : ast::LockingClause::Wait::kBlock;
    for (size_t r = 0; r < clause.n_locked_rels; ++r) {
      BOYO_ASSIGN_OR_RETURN(ast::QualifiedName name, Name(*clause.locked_rels[r]->range_var));
      locking.relations.push_back(std::move(name));
    }
    out->locking.push_back(std::move(locking));
  }
  // (The grammar already requires ORDER BY with WITH TIES.)
  out->with_ties = select.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES;
  if (select.with_clause != nullptr) {
    out->recursive = select.with_clause->recursive;
    BOYO_RETURN_IF_ERROR(With(*select.with_clause, &out->ctes));
  }
  switch (select.op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT: {
      out->set_operation =
          select.op == PG_QUERY__SET_OPERATION__SETOP_UNION       ? ast::SetOperation::kUnion
          : select.op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ? ast::SetOperation::kIntersect
                                                                  : ast::SetOperation::kExcept;
      out->set_all = select.all;
      BOYO_ASSIGN_OR_RETURN(out->left, Select(*select.larg));
      BOYO_ASSIGN_OR_RETURN(out->right, Select(*select.rarg));
      out->position = out->left->position;
      break;
    }
    default:
      break;
  }
  for (size_t i = 0; i < select.n_values_lists; ++i) {
    const PgQuery__Node* row = select.values_lists[i];
    if (row->node_case != PG_QUERY__NODE__NODE_LIST) return Unsupported("this VALUES row", -1);
    BOYO_ASSIGN_OR_RETURN(std::vector<ast::ExprPtr> values,
                          ExprList(row->list->items, row->list->n_items));
    out->values.push_back(std::move(values));
  }
  // DISTINCT is a list holding one empty node; DISTINCT ON (a, b) lists the expressions.
  if (select.n_distinct_clause > 0) {
    out->distinct = true;
    for (size_t i = 0; i < select.n_distinct_clause; ++i) {
      const PgQuery__Node* item = select.distinct_clause[i];
      if (item == nullptr || item->node_case == PG_QUERY__NODE__NODE__NOT_SET) continue;
      BOYO_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expr(item));
      out->distinct_on.push_back(std::move(expr));
    }
  }
  BOYO_ASSIGN_OR_RETURN(out->items, Targets(select.target_list, select.n_target_list));
  if (!out->items.empty() && out->position == 0) out->position = out->items.front().expr->position;
  for (size_t i = 0; i < select.n_from_clause; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::TableRefPtr item, FromItem(*select.from_clause[i]));
    out->from.push_back(std::move(item));
  }
  if (select.where_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->where, Expr(select.where_clause));
  }
  out->group_distinct = select.group_distinct;
  for (size_t i = 0; i < select.n_group_clause; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::GroupingElement element, Grouping(*select.group_clause[i]));
    out->group_by.push_back(std::move(element));
  }
  if (select.having_clause != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->having, Expr(select.having_clause));
  }
  for (size_t i = 0; i < select.n_window_clause; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::WindowSpec window, Window(*select.window_clause[i]->window_def));
    out->windows.push_back(std::move(window));
  }
  BOYO_ASSIGN_OR_RETURN(out->order_by, OrderBy(select.sort_clause, select.n_sort_clause));
  if (select.limit_count != nullptr) {
    // LIMIT ALL arrives as a NULL constant: no limit.
    const PgQuery__Node* limit = select.limit_count;
    const bool limit_all =
        limit->node_case == PG_QUERY__NODE__NODE_A_CONST && limit->a_const->isnull;
    if (!limit_all) {
      BOYO_ASSIGN_OR_RETURN(out->limit, Expr(limit));
    }
  }
  if (select.limit_offset != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->offset, Expr(select.limit_offset));
  }
  return out;
}

}  // namespace boyodb::sql::internal

namespace boyodb::sql::ast {
SelectStatement::SelectStatement() = default;
SelectStatement::~SelectStatement() = default;
SelectStatement::SelectStatement(SelectStatement&&) noexcept = default;
SelectStatement& SelectStatement::operator=(SelectStatement&&) noexcept = default;
SubqueryRef::~SubqueryRef() = default;
}  // namespace boyodb::sql::ast
