// CREATE/DROP VIEW and CREATE/DROP INDEX: checked here (the view's query binds, the index's
// columns exist, a unique index's keys are unique), kept by the Database's catalog.
#include <algorithm>
#include <set>

#include "common/sqlstate.h"
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "engine/unique_keys.h"
#include "sql/binder/query_binder.h"

namespace boyodb::engine {

namespace ast = sql::ast;

Result<StatementResult> Session::RunCreateView(const ast::CreateViewStatement& create,
                                               const std::string& text) {
  if (create.temporary) {
    // A view's query is bound in the view's own database, which for a temporary view would
    // hide the current database's tables; refused rather than made a permanent view.
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "temporary views are not supported")
        .WithPosition(create.name.position);
  }
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(create.name));
  // The query must bind now, as PostgreSQL checks a view's query when it is created.
  SessionCatalog catalog(database_, resolved.first, functions_, temp_database_);
  sql::QueryBinder binder(catalog, sql::BindParameters{}, TimeZoneSetting());
  BOYO_ASSIGN_OR_RETURN(sql::LogicalPtr plan, binder.BindQuery(*create.query, nullptr));
  if (create.column_names.size() > plan->columns.size()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "CREATE VIEW specifies more column names than columns")
        .WithPosition(create.name.position);
  }
  ViewInfo view;
  view.database = resolved.first;
  view.name = resolved.second;
  view.definition = text;
  std::set<std::string> seen;
  for (size_t i = 0; i < plan->columns.size(); ++i) {
    std::string name =
        i < create.column_names.size() ? create.column_names[i] : plan->columns[i].name;
    if (!seen.insert(name).second) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                    "column \"" + name + "\" specified more than once")
          .WithPosition(create.name.position);
    }
    view.columns.push_back(std::move(name));
  }
  if (create.or_replace) {
    // Like PostgreSQL, a replacement keeps the old columns' names and may only add columns.
    BOYO_ASSIGN_OR_RETURN(std::optional<ViewInfo> old,
                          database_.FindView(view.database, view.name));
    if (old) {
      if (old->columns.size() > view.columns.size()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                      "cannot drop columns from view")
            .WithPosition(create.name.position);
      }
      for (size_t i = 0; i < old->columns.size(); ++i) {
        if (old->columns[i] != view.columns[i]) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTableDefinition,
                        "cannot change name of view column \"" + old->columns[i] + "\" to \"" +
                            view.columns[i] + "\"")
              .WithPosition(create.name.position);
        }
      }
    }
  }
  Status status = database_.CreateView(view, create.or_replace);
  if (!status.ok()) return std::move(status).WithPosition(create.name.position);
  StatementResult result;
  result.command_tag = "CREATE VIEW";
  return result;
}

Result<StatementResult> Session::RunCreateIndex(const ast::CreateIndexStatement& create) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(create.table));
  IndexInfo index;
  index.database = resolved.first;
  index.table = resolved.second;
  index.name = create.name;
  index.unique = create.unique;
  std::string method = create.method;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // PostgreSQL's default (btree) and brin keep ranges: zone maps. hash answers equality only:
  // a bloom filter.
  if (method.empty() || method == "btree" || method == "brin" || method == "minmax") {
    index.method = "minmax";
  } else if (method == "hash" || method == "bloom") {
    index.method = "bloom";
  } else {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                  "access method \"" + create.method + "\" does not exist")
        .WithPosition(create.table.position);
  }
  for (const ast::OrderItem& item : create.columns) {
    if (item.expr->kind != ast::ExprKind::kColumn ||
        item.expr->As<ast::ColumnExpr>().parts.size() != 1) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "indexes on expressions are not supported")
          .WithPosition(item.expr->position);
    }
    index.columns.push_back(item.expr->As<ast::ColumnExpr>().parts.front());
  }
  BOYO_ASSIGN_OR_RETURN(TableInfo table, database_.DescribeTable(index.database, index.table));
  std::unique_ptr<TableMutation> mutation;
  if (index.unique) {
    // Existing rows must already be unique; the mutation's lock keeps other writers through
    // SQL out until the index exists.
    BOYO_RETURN_IF_ERROR(RefuseIfChangedInBlock({index.database, index.table}, "CREATE INDEX on")
                             .WithPosition(create.table.position));
    BOYO_ASSIGN_OR_RETURN(mutation, database_.BeginMutation(index.database, index.table));
    UniqueKeys keys({index}, table.schema);
    ScanSpec spec;
    spec.columns = keys.columns();
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<TableScan> scan, mutation->Scan(spec));
    Status unique = keys.AddScan(*scan, /*creating=*/true);
    if (!unique.ok()) return std::move(unique).WithPosition(create.table.position);
  }
  // Without a name, PostgreSQL's: table_column[_column...]_idx, numbered when it is taken.
  const bool generated = create.name.empty();
  std::string base = index.table;
  for (const std::string& column : index.columns) base += "_" + column;
  base = (base + "_idx").substr(0, 60);
  Status status;
  for (int n = 0; n < 1000; ++n) {
    if (generated) index.name = n == 0 ? base : base + std::to_string(n);
    status = database_.CreateIndex(index, create.if_not_exists);
    if (!generated || status.sqlstate() != sqlstate::kDuplicateTable) break;
  }
  if (!status.ok()) return std::move(status).WithPosition(create.table.position);
  StatementResult result;
  result.command_tag = "CREATE INDEX";
  return result;
}

Status Session::DropView(const ast::QualifiedName& name, bool if_exists) {
  Result<std::pair<std::string, std::string>> resolved = ResolveName(name);
  if (!resolved.ok()) return if_exists ? Status::OK() : resolved.status();
  Status status = database_.DropView(resolved->first, resolved->second, if_exists);
  if (!status.ok()) return std::move(status).WithPosition(name.position);
  return Status::OK();
}

Status Session::DropIndex(const ast::QualifiedName& name, bool if_exists) {
  Result<std::pair<std::string, std::string>> resolved = ResolveName(name);
  if (!resolved.ok()) return if_exists ? Status::OK() : resolved.status();
  Status status = database_.DropIndex(resolved->first, resolved->second, if_exists);
  if (!status.ok()) return std::move(status).WithPosition(name.position);
  return Status::OK();
}

}  // namespace boyodb::engine
