#include "sql/parser/identifier_quoting.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <memory>

namespace boyodb::sql {

namespace {

// Whether libpg_query's scanner reads `word` as a keyword that is reserved somewhere (any
// category but UNRESERVED_KEYWORD), which PostgreSQL's quote_identifier quotes.
bool IsQuotedKeyword(const std::string& word) {
  PgQueryScanResult scanned = pg_query_scan(word.c_str());
  std::unique_ptr<PgQueryScanResult, void (*)(PgQueryScanResult*)> guard(
      &scanned, [](PgQueryScanResult* result) { pg_query_free_scan_result(*result); });
  if (scanned.error != nullptr) return false;
  std::unique_ptr<PgQuery__ScanResult, void (*)(PgQuery__ScanResult*)> tokens(
      pg_query__scan_result__unpack(nullptr, scanned.pbuf.len,
                                    reinterpret_cast<const uint8_t*>(scanned.pbuf.data)),
      [](PgQuery__ScanResult* result) { pg_query__scan_result__free_unpacked(result, nullptr); });
  if (tokens == nullptr || tokens->n_tokens != 1) return false;
  const PgQuery__KeywordKind kind = tokens->tokens[0]->keyword_kind;
  return kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
         kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
}

}  // namespace

bool IdentifierNeedsQuotes(std::string_view name) {
  if (name.empty()) return true;
  const char first = name.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return true;
  }
  return IsQuotedKeyword(std::string(name));
}

namespace {

// `text` between two `quote` characters, each one inside doubled.
std::string Enclose(std::string_view text, char quote) {
  std::string quoted(1, quote);
  for (const char c : text) {
    if (c == quote) quoted.push_back(quote);
    quoted.push_back(c);
  }
  quoted.push_back(quote);
  return quoted;
}

}  // namespace

std::string QuoteIdentifierIfNeeded(std::string_view name) {
  return IdentifierNeedsQuotes(name) ? QuoteIdentifier(name) : std::string(name);
}

std::string QuoteIdentifier(std::string_view name) { return Enclose(name, '"'); }

std::string QuoteLiteral(std::string_view text) { return Enclose(text, '\''); }

}  // namespace boyodb::sql
