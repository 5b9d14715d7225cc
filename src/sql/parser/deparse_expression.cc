#include "sql/parser/deparse_expression.h"

#include <pg_query.h>

#include <memory>
#include <vector>

namespace boyodb::sql::internal {

Result<std::string> DeparseTree(const PgQuery__ParseResult& tree) {
  std::vector<uint8_t> packed(pg_query__parse_result__get_packed_size(&tree));
  pg_query__parse_result__pack(&tree, packed.data());
  PgQueryProtobuf protobuf;
  protobuf.len = packed.size();
  protobuf.data = reinterpret_cast<char*>(packed.data());
  PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(protobuf);
  std::unique_ptr<PgQueryDeparseResult, void (*)(PgQueryDeparseResult*)> guard(
      &deparsed, [](PgQueryDeparseResult* result) { pg_query_free_deparse_result(*result); });
  if (deparsed.error != nullptr) {
    return Status::Internal(std::string("could not print SQL: ") + deparsed.error->message);
  }
  return std::string(deparsed.query);
}

Result<std::string> DeparseExpression(PgQuery__Node* expr) {
  // The deparser takes whole statements, so the expression goes into `SELECT <expr>` and the
  // "SELECT " comes off the text again.
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = expr;
  PgQuery__Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[] = {&target_node};
  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = targets;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  PgQuery__Node statement = PG_QUERY__NODE__INIT;
  statement.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  statement.select_stmt = &select;
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = &statement;
  PgQuery__RawStmt* statements[] = {&raw};
  PgQuery__ParseResult tree = PG_QUERY__PARSE_RESULT__INIT;
  tree.version = PG_VERSION_NUM;
  tree.n_stmts = 1;
  tree.stmts = statements;

  BOYO_ASSIGN_OR_RETURN(const std::string text, DeparseTree(tree));
  constexpr std::string_view kPrefix = "SELECT ";
  if (text.rfind(kPrefix, 0) != 0) {
    return Status::Internal("the expression printed as \"" + text + "\"");
  }
  return text.substr(kPrefix.size());
}

}  // namespace boyodb::sql::internal
