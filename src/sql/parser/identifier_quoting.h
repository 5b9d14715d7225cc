// PostgreSQL's rule for when an identifier must be double-quoted to read back as itself
// (quote_ident, format's %I): unless it is lower-case letters, digits and underscores, not
// starting with a digit, and not a keyword that the grammar reserves in some position.
// Thread safety: pure functions (libpg_query's scanner keeps per-thread state).
#pragma once

#include <string>
#include <string_view>

namespace boyodb::sql {

/// True when `name` must be quoted to be read back as the same identifier.
bool IdentifierNeedsQuotes(std::string_view name);

/// `name` as PostgreSQL's quote_ident writes it: as is when safe, else in double quotes with
/// quotes inside doubled.
std::string QuoteIdentifierIfNeeded(std::string_view name);
/// `name` in double quotes, quotes inside doubled, whatever it holds.
std::string QuoteIdentifier(std::string_view name);
/// `text` as a SQL string literal: in single quotes, quotes inside doubled (BoyoDB's strings
/// are always standard-conforming: backslashes are plain characters).
std::string QuoteLiteral(std::string_view text);

}  // namespace boyodb::sql
