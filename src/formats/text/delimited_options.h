// DelimitedOptions: the dialect of a delimited text file as PostgreSQL's COPY knows it: its
// default "text" format (tab-separated, backslash escapes, \N for NULL) or CSV (quotes, an
// escape character, empty unquoted field for NULL). docs/design/copy.md describes both.
// Thread safety: a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace boyodb::formats::text {

enum class DelimitedFormat : uint8_t {
  kText,  // PostgreSQL's text format (also called tsv here)
  kCsv,
};

struct DelimitedOptions {
  DelimitedFormat format = DelimitedFormat::kText;
  /// Separates fields: tab for text, ',' for CSV.
  char delimiter = '\t';
  /// CSV only: encloses a field; inside, `escape` followed by `quote` (or by itself) is literal.
  char quote = '"';
  char escape = '"';
  /// The text of a NULL: "\N" for text, "" (an unquoted empty field) for CSV.
  std::string null_string = "\\N";
  /// CSV only, per column (may be shorter than the column count): a value equal to the NULL
  /// string is read as that string, not NULL (FORCE_NOT_NULL) ...
  std::vector<bool> force_not_null;
  /// ... or written quoted (FORCE_QUOTE); NULLs are never quoted.
  std::vector<bool> force_quote;

  /// The defaults of a format: text (tab, \N) or CSV (comma, "", '"').
  static DelimitedOptions ForFormat(DelimitedFormat format);
  /// 22023/0A000 as PostgreSQL checks COPY options: the delimiter is not a newline, a
  /// backslash (text) or the quote, the NULL string holds no newline, and so on.
  Status Validate() const;
};

}  // namespace boyodb::formats::text
