// RETURNING of INSERT, UPDATE and DELETE: the list is planned over a work table that holds the
// rows the statement writes (new rows, new row versions, removed rows), laid out as the
// table's columns. docs/design/sql_engine.md.
#include "engine/session.h"
#include "engine/session_catalog.h"
#include "sql/optimizer/optimizer.h"

namespace boyodb::engine {

Result<Session::Returning> Session::BindReturning(const std::vector<sql::ast::SelectItem>& items,
                                                  const sql::ast::QualifiedName& table,
                                                  const std::string& alias) {
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  BOYO_ASSIGN_OR_RETURN(sql::TableDescription description, catalog.FindTable(table));
  sql::QueryBinder binder = NewBinder(catalog);
  Returning returning;
  BOYO_ASSIGN_OR_RETURN(returning.plan,
                        binder.BindReturning(items, description, alias, &returning.work_table_id));
  return returning;
}

Result<StatementResult> Session::ReturnRows(const Returning& returning,
                                            std::vector<columnar::Chunk> rows) {
  DatabaseTableReader reader(database_);
  exec::ExecContext context;
  PrepareContext(reader, context);
  context.work_tables[returning.work_table_id] =
      std::make_shared<const std::vector<columnar::Chunk>>(std::move(rows));
  BOYO_ASSIGN_OR_RETURN(exec::QueryResult output,
                        exec::Execute(*sql::Optimize(returning.plan), context));
  StatementResult result;
  result.returns_rows = true;
  result.columns = std::move(output.columns);
  result.chunks = std::move(output.chunks);
  return result;
}

}  // namespace boyodb::engine
