// Translator: libpg_query's protobuf tree -> our AST. Internal to the parser; one translator per
// parse. Each method refuses what it does not understand with 0A000 at the node's position.
// Thread safety: one thread per translator.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sql/ast/statement.h"

namespace boyodb::sql::internal {

class Translator {
 public:
  explicit Translator(std::string_view sql) : sql_(sql) {}

  Result<ast::Statement> TranslateStatement(const PgQuery__Node& node);

  // Expressions (translate_expr.cc).
  Result<ast::ExprPtr> Expr(const PgQuery__Node* node);
  Result<std::vector<ast::ExprPtr>> ExprList(PgQuery__Node** nodes, size_t count);
  /// INTERVAL '1' YEAR (a field qualifier on a cast of a bare number): makes the number's text
  /// say its unit, since Type drops the qualifier.
  void ApplyIntervalField(const PgQuery__TypeName& type, ast::Expr& arg) const;
  Result<ast::TypeName> Type(const PgQuery__TypeName& type);
  Result<std::vector<ast::OrderItem>> OrderBy(PgQuery__Node** nodes, size_t count);
  Result<ast::WindowSpec> Window(const PgQuery__WindowDef& window);

  // Queries (translate_select.cc).
  Result<std::unique_ptr<ast::SelectStatement>> Select(const PgQuery__SelectStmt& select);
  /// The queries of a WITH clause, appended to `ctes`.
  Status With(const PgQuery__WithClause& with, std::vector<ast::CommonTableExpr>* ctes);
  Result<std::unique_ptr<ast::SelectStatement>> Query(const PgQuery__Node* node);
  Result<ast::TableRefPtr> FromItem(const PgQuery__Node& node);
  Result<ast::QualifiedName> Name(const PgQuery__RangeVar& range);
  Result<std::vector<ast::SelectItem>> Targets(PgQuery__Node** nodes, size_t count);

  // Other statements (translate_statement.cc).
  Result<ast::Statement> CreateTable(const PgQuery__CreateStmt& create);
  Result<ast::Statement> CreateTableAs(const PgQuery__CreateTableAsStmt& create);
  Result<ast::Statement> SelectInto(const PgQuery__SelectStmt& select);
  // CREATE TABLE AS and SELECT INTO: a table named by `into` made from `query`.
  Result<ast::Statement> TableFromQuery(const PgQuery__IntoClause& into,
                                        std::unique_ptr<ast::SelectStatement> query);
  Result<ast::Statement> Drop(const PgQuery__DropStmt& drop);
  Result<ast::Statement> Insert(const PgQuery__InsertStmt& insert);
  // UPDATE's SET list, also ON CONFLICT DO UPDATE's.
  Result<std::vector<ast::UpdateStatement::Assignment>> Assignments(PgQuery__Node** targets,
                                                                    size_t count);
  Result<std::unique_ptr<ast::OnConflict>> OnConflict(const PgQuery__OnConflictClause& clause);
  Result<ast::Statement> Update(const PgQuery__UpdateStmt& update);
  Result<ast::Statement> Delete(const PgQuery__DeleteStmt& del);
  // ALTER TABLE, RENAME, ALTER SEQUENCE and CHECK constraints (translate_alter.cc).
  Result<ast::Statement> AlterTable(const PgQuery__AlterTableStmt& alter);
  Result<ast::Statement> Rename(const PgQuery__RenameStmt& rename);
  Result<ast::Statement> AlterSequence(const PgQuery__AlterSeqStmt& alter);
  /// A CHECK constraint (column or table) with its expression deparsed for the catalog.
  Result<ast::CheckConstraintDefinition> Check(const PgQuery__Constraint& constraint);
  Result<ast::Statement> CreateIndex(const PgQuery__IndexStmt& index);
  Result<ast::Statement> CreateView(const PgQuery__ViewStmt& view);
  Result<ast::Statement> CreateSequence(const PgQuery__CreateSeqStmt& create);
  /// CREATE/ALTER/DROP USER or ROLE and GRANT/REVOKE role (translate_role.cc).
  Result<ast::Statement> CreateRole(const PgQuery__CreateRoleStmt& create);
  Result<ast::Statement> AlterRole(const PgQuery__AlterRoleStmt& alter);
  Result<ast::Statement> DropRole(const PgQuery__DropRoleStmt& drop);
  Result<ast::Statement> GrantRole(const PgQuery__GrantRoleStmt& grant);
  Result<ast::Statement> GrantPrivileges(const PgQuery__GrantStmt& grant);
  Result<std::vector<ast::Option>> RoleOptions(PgQuery__Node** options, size_t count);
  /// CREATE SEQUENCE's options, also an identity column's: bare NO MINVALUE / NO MAXVALUE
  /// keep an empty value, a bare CYCLE is "true".
  Result<std::vector<ast::Option>> SequenceOptions(PgQuery__Node** options, size_t count);
  Result<ast::Statement> Copy(const PgQuery__CopyStmt& copy);
  Result<ast::Statement> Set(const PgQuery__VariableSetStmt& set);
  Result<ast::Statement> Explain(const PgQuery__ExplainStmt& explain);
  Result<ast::Statement> Prepare(const PgQuery__PrepareStmt& prepare);
  Result<std::vector<ast::Option>> Options(PgQuery__Node** nodes, size_t count);
  Result<ast::ColumnDefinition> Column(const PgQuery__ColumnDef& column);

  /// 0A000 "<what> is not supported" at the given libpg_query location.
  Status Unsupported(std::string_view what, int32_t location) const;
  /// 42601 at the given location.
  Status SyntaxError(std::string message, int32_t location) const;
  /// libpg_query's 0-based location (or -1) -> our 1-based position (0 for none).
  static int32_t Position(int32_t location) { return location < 0 ? 0 : location + 1; }

 private:
  Result<ast::ExprPtr> Operator(const PgQuery__AExpr& expr);
  Result<ast::ExprPtr> Constant(const PgQuery__AConst& constant);
  Result<ast::ExprPtr> Function(const PgQuery__FuncCall& call);
  Result<ast::ExprPtr> Sublink(const PgQuery__SubLink& link);
  Result<ast::ExprPtr> Column(const PgQuery__ColumnRef& ref);
  Result<ast::GroupingElement> Grouping(const PgQuery__Node& node);

  std::string_view sql_;
};

/// The text of a String node, or "" for any other node.
std::string StringOf(const PgQuery__Node* node);
/// The name of a node's kind for messages ("RangeFunction").
std::string NodeName(const PgQuery__Node& node);
/// The text of an option's value: a string, a number, a boolean ("true"/"false"), a name, or
/// a list of them (comma-separated); "" for none.
std::string OptionValue(const PgQuery__Node* node);

}  // namespace boyodb::sql::internal
