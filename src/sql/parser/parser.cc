// Parse: runs PostgreSQL's grammar through libpg_query and hands the protobuf tree to the
// translator; a text parsed before takes its tree from ParseTreeCache. libpg_query keeps
// per-thread memory contexts, so parses on several threads are safe.
#include "sql/parser/parser.h"

#include <pg_query.h>

#include <memory>
#include <string>

#include "common/sqlstate.h"
#include "sql/parser/parse_tree_cache.h"
#include "sql/parser/translator.h"

namespace boyodb::sql {

namespace {

struct ProtobufResultDeleter {
  void operator()(PgQuery__ParseResult* result) const {
    pg_query__parse_result__free_unpacked(result, nullptr);
  }
};

// The packed parse tree of `sql`: kept from an earlier parse of the same text, or made by
// libpg_query (and then kept).
Result<std::shared_ptr<const std::string>> PackedTree(std::string_view sql) {
  ParseTreeCache& cache = ParseTreeCache::Global();
  if (std::shared_ptr<const std::string> kept = cache.Find(sql)) return kept;
  const std::string text(sql);  // libpg_query needs a terminating NUL
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(text.c_str());
  std::unique_ptr<PgQueryProtobufParseResult, void (*)(PgQueryProtobufParseResult*)> guard(
      &parsed,
      [](PgQueryProtobufParseResult* result) { pg_query_free_protobuf_parse_result(*result); });
  if (parsed.error != nullptr) {
    // cursorpos is PostgreSQL's 1-based byte position of the offending token (0: end of input).
    const int32_t position =
        parsed.error->cursorpos > 0 ? parsed.error->cursorpos : static_cast<int32_t>(sql.size());
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, parsed.error->message)
        .WithPosition(position);
  }
  auto tree = std::make_shared<const std::string>(parsed.parse_tree.data, parsed.parse_tree.len);
  cache.Add(sql, tree);
  return tree;
}

}  // namespace

int32_t CharacterPosition(std::string_view sql, int32_t byte_position) {
  if (byte_position <= 0) return 0;
  int32_t characters = 0;
  const size_t end = std::min<size_t>(static_cast<size_t>(byte_position - 1), sql.size());
  // Count the bytes that start a UTF-8 character (every byte but continuation bytes).
  for (size_t i = 0; i < end; ++i) {
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters + 1;
}

Result<std::vector<ast::Statement>> Parse(std::string_view sql) {
  BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const std::string> packed, PackedTree(sql));
  std::unique_ptr<PgQuery__ParseResult, ProtobufResultDeleter> tree(pg_query__parse_result__unpack(
      nullptr, packed->size(), reinterpret_cast<const uint8_t*>(packed->data())));
  if (tree == nullptr) return Status::Internal("could not decode the parse tree");

  internal::Translator translator(sql);
  std::vector<ast::Statement> statements;
  for (size_t i = 0; i < tree->n_stmts; ++i) {
    const PgQuery__RawStmt& raw = *tree->stmts[i];
    BOYO_ASSIGN_OR_RETURN(ast::Statement statement, translator.TranslateStatement(*raw.stmt));
    const size_t start = static_cast<size_t>(std::max(raw.stmt_location, 0));
    // stmt_len 0 means "to the end of the string".
    const size_t length = raw.stmt_len > 0 ? static_cast<size_t>(raw.stmt_len) : sql.size() - start;
    statement.offset = static_cast<int32_t>(start);
    statement.text = std::string(sql.substr(start, length));
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace boyodb::sql
