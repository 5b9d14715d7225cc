// Parameter types of a statement prepared without them: the statement is bound (not run) with
// parameter inference on, so each $n takes the type its context gives it, as PostgreSQL infers
// them for PREPARE without a type list and for a Parse message that leaves types unspecified.
// docs/design/sql_engine.md.
#include "common/sqlstate.h"
#include "engine/session.h"
#include "engine/session_catalog.h"

namespace boyodb::engine {

namespace ast = sql::ast;
using types::DataType;

Status Session::BindWithoutRunning(const ast::Statement& statement) {
  SessionCatalog catalog(database_, current_database_, functions_, temp_database_);
  switch (statement.kind) {
    case ast::StatementKind::kSelect: {
      sql::QueryBinder binder = NewBinder(catalog);
      return binder.BindQuery(*statement.select, nullptr).status();
    }
    case ast::StatementKind::kInsert:
      return BindInsert(*statement.insert).status();
    case ast::StatementKind::kUpdate: {
      const ast::UpdateStatement& update = *statement.update;
      if (!update.returning.empty()) {
        BOYO_RETURN_IF_ERROR(BindReturning(update.returning, update.table, update.alias));
      }
      sql::QueryBinder binder = NewBinder(catalog);
      return BindUpdate(binder, update).status();
    }
    case ast::StatementKind::kDelete: {
      const ast::DeleteStatement& deletion = *statement.delete_;
      if (!deletion.returning.empty()) {
        BOYO_RETURN_IF_ERROR(BindReturning(deletion.returning, deletion.table, deletion.alias));
      }
      sql::QueryBinder binder = NewBinder(catalog);
      return binder.BindDelete(deletion, !deletion.returning.empty()).status();
    }
    default:
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                    "only SELECT, INSERT, UPDATE and DELETE can be prepared");
  }
}

Result<std::vector<DataType>> Session::InferParameterTypes(
    const ast::Statement& statement, std::vector<std::optional<DataType>> declared) {
  std::vector<std::optional<DataType>> types = std::move(declared);
  inferred_parameters_ = &types;
  const Status bound = BindWithoutRunning(statement);
  inferred_parameters_ = nullptr;
  BOYO_RETURN_IF_ERROR(bound);
  std::vector<DataType> resolved;
  for (size_t i = 0; i < types.size(); ++i) {
    // Never used, or used only where any type would do ($1 IS NULL).
    if (!types[i]) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kIndeterminateDatatype,
                    "could not determine data type of parameter $" + std::to_string(i + 1));
    }
    resolved.push_back(*types[i]);
  }
  return resolved;
}

}  // namespace boyodb::engine
