#include "sql/parser/view_query_text.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <memory>
#include <vector>

namespace boyodb::sql {

namespace {

struct Token {
  PgQuery__Token kind;
  size_t start;
  size_t end;
};

std::vector<Token> Scan(const std::string& text) {
  PgQueryScanResult scanned = pg_query_scan(text.c_str());
  std::unique_ptr<PgQueryScanResult, void (*)(PgQueryScanResult*)> guard(
      &scanned, [](PgQueryScanResult* result) { pg_query_free_scan_result(*result); });
  std::vector<Token> out;
  if (scanned.error != nullptr) return out;
  std::unique_ptr<PgQuery__ScanResult, void (*)(PgQuery__ScanResult*)> tokens(
      pg_query__scan_result__unpack(nullptr, scanned.pbuf.len,
                                    reinterpret_cast<const uint8_t*>(scanned.pbuf.data)),
      [](PgQuery__ScanResult* result) { pg_query__scan_result__free_unpacked(result, nullptr); });
  if (tokens == nullptr) return out;
  for (size_t i = 0; i < tokens->n_tokens; ++i) {
    const PgQuery__ScanToken& token = *tokens->tokens[i];
    out.push_back(
        Token{token.token, static_cast<size_t>(token.start), static_cast<size_t>(token.end)});
  }
  return out;
}

}  // namespace

std::string ViewQueryText(std::string_view create_view) {
  const std::string text(create_view);
  const std::vector<Token> tokens = Scan(text);
  // The first AS outside parentheses after VIEW: column lists and WITH (options) are
  // parenthesized, so it is the one that starts the query.
  size_t first = tokens.size();
  bool after_view = false;
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const PgQuery__Token kind = tokens[i].kind;
    if (kind == PG_QUERY__TOKEN__ASCII_40) ++depth;
    if (kind == PG_QUERY__TOKEN__ASCII_41) --depth;
    if (kind == PG_QUERY__TOKEN__VIEW) after_view = true;
    if (after_view && depth == 0 && kind == PG_QUERY__TOKEN__AS) {
      first = i + 1;
      break;
    }
  }
  if (first >= tokens.size()) return text;
  size_t last = tokens.size();  // one past the query's last token
  if (tokens[last - 1].kind == PG_QUERY__TOKEN__ASCII_59) --last;  // ';'
  // WITH [CASCADED | LOCAL] CHECK OPTION belongs to the view, not to its query.
  if (last >= first + 3 && tokens[last - 1].kind == PG_QUERY__TOKEN__OPTION &&
      tokens[last - 2].kind == PG_QUERY__TOKEN__CHECK) {
    size_t with = last - 3;
    if (tokens[with].kind == PG_QUERY__TOKEN__CASCADED ||
        tokens[with].kind == PG_QUERY__TOKEN__LOCAL) {
      --with;
    }
    if (tokens[with].kind == PG_QUERY__TOKEN__WITH) last = with;
  }
  if (last <= first) return text;
  return text.substr(tokens[first].start, tokens[last - 1].end - tokens[first].start);
}

}  // namespace boyodb::sql
