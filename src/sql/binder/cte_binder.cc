// WITH queries (common table expressions): each bound once and visible, by name, to the
// queries after it and to the statement's body; WITH RECURSIVE as a recursive union over a work
// table when its query is `anchor UNION [ALL] term` and the term names itself.
#include "common/sqlstate.h"
#include "sql/binder/query_binder.h"
#include "sql/binder/type_rules.h"

namespace boyodb::sql {

using types::DataType;

Result<LogicalPtr> QueryBinder::WithCommonTables(const std::vector<ast::CommonTableExpr>& ctes,
                                                 bool recursive, const Scope* outer,
                                                 const std::function<Result<LogicalPtr>()>& body) {
  BOYO_ASSIGN_OR_RETURN(auto tables, BindCommonTables(ctes, recursive, outer));
  ctes_.push_back(std::move(tables));
  Result<LogicalPtr> plan = body();
  ctes_.pop_back();
  return plan;
}

Result<std::map<std::string, QueryBinder::CommonTable>> QueryBinder::BindCommonTables(
    const std::vector<ast::CommonTableExpr>& list, bool recursive, const Scope* outer) {
  std::map<std::string, CommonTable> ctes;
  for (const ast::CommonTableExpr& cte : list) {
    if (ctes.count(cte.name) != 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateAlias,
                    "WITH query name \"" + cte.name + "\" specified more than once")
          .WithPosition(cte.position);
    }
    // Each CTE sees the ones before it.
    if (!recursive) ctes_.push_back(ctes);
    Result<LogicalPtr> plan =
        recursive ? BindRecursiveQuery(cte, ctes, outer) : BindQuery(*cte.query, outer);
    if (!recursive) ctes_.pop_back();
    BOYO_RETURN_IF_ERROR(plan.status());
    CommonTable table{*plan, {}};
    for (size_t i = 0; i < (*plan)->columns.size(); ++i) {
      table.names.push_back(i < cte.column_names.size() ? cte.column_names[i]
                                                        : (*plan)->columns[i].name);
    }
    if (cte.column_names.size() > (*plan)->columns.size()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                    "WITH query \"" + cte.name + "\" has " +
                        std::to_string((*plan)->columns.size()) + " columns available but " +
                        std::to_string(cte.column_names.size()) + " columns specified")
          .WithPosition(cte.position);
    }
    ctes.emplace(cte.name, std::move(table));
  }
  return ctes;
}

Result<LogicalPtr> QueryBinder::BindRecursiveQuery(
    const ast::CommonTableExpr& cte, const std::map<std::string, CommonTable>& visible,
    const Scope* outer) {
  const ast::SelectStatement& query = *cte.query;
  auto bind_plain = [&]() -> Result<LogicalPtr> {
    ctes_.push_back(visible);
    Result<LogicalPtr> plan = BindQuery(query, outer);
    ctes_.pop_back();
    return plan;
  };
  if (query.set_operation != ast::SetOperation::kUnion || !query.order_by.empty() ||
      query.limit != nullptr || query.offset != nullptr || !query.ctes.empty()) {
    return bind_plain();
  }
  // The non-recursive term fixes the columns' names and types.
  ctes_.push_back(visible);
  Result<LogicalPtr> anchor_result = BindQuery(*query.left, outer);
  ctes_.pop_back();
  BOYO_RETURN_IF_ERROR(anchor_result.status());
  LogicalPtr anchor = std::move(*anchor_result);
  if (cte.column_names.size() > anchor->columns.size()) return bind_plain();  // reports it

  auto work_table = std::make_shared<LogicalOperator>();
  work_table->kind = LogicalKind::kWorkTable;
  work_table->work_table_id = next_work_table_id_++;
  work_table->columns = anchor->columns;
  CommonTable self{work_table, {}, std::make_shared<bool>(false)};
  for (size_t i = 0; i < anchor->columns.size(); ++i) {
    self.names.push_back(i < cte.column_names.size() ? cte.column_names[i]
                                                     : anchor->columns[i].name);
  }
  std::map<std::string, CommonTable> with_self = visible;
  with_self[cte.name] = self;
  ctes_.push_back(std::move(with_self));
  Result<LogicalPtr> term_result = BindQuery(*query.right, outer);
  ctes_.pop_back();
  BOYO_RETURN_IF_ERROR(term_result.status());
  if (!*self.referenced) return bind_plain();  // an ordinary UNION
  LogicalPtr term = std::move(*term_result);

  if (term->columns.size() != anchor->columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "each UNION query must have the same number of columns")
        .WithPosition(query.right->position);
  }
  std::vector<BoundExprPtr> exprs;
  bool cast = false;
  for (size_t i = 0; i < term->columns.size(); ++i) {
    const DataType& wanted = anchor->columns[i].type;
    const DataType& given = term->columns[i].type;
    Result<BoundExprPtr> column = coercer_.Coerce(MakeColumn(static_cast<int32_t>(i), given),
                                                  wanted, CastContext::kImplicit, cte.position);
    if (!column.ok()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) +
                        " has type " + PgTypeName(wanted) + " in non-recursive term but type " +
                        PgTypeName(given) + " overall")
          .WithPosition(cte.position);
    }
    cast = cast || (*column)->kind != BoundKind::kColumn;
    exprs.push_back(std::move(*column));
  }
  if (cast) term = MakeProject(std::move(term), std::move(exprs), self.names);

  auto recursive = std::make_shared<LogicalOperator>();
  recursive->kind = LogicalKind::kRecursiveUnion;
  recursive->work_table_id = work_table->work_table_id;
  recursive->set_all = query.set_all;
  recursive->columns = anchor->columns;
  recursive->children = {std::move(anchor), std::move(term)};
  return LogicalPtr(std::move(recursive));
}

}  // namespace boyodb::sql
