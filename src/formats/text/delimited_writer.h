// DelimitedWriter: writes rows of TEXT columns in PostgreSQL COPY's text format (backslash
// escapes, \N for NULL) or as CSV (quoting a value only when it must be, as PostgreSQL does),
// so that DelimitedReader and PostgreSQL both read the output back unchanged.
// Thread safety: immutable after construction; Write* may run on any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "columnar/array.h"
#include "formats/text/delimited_options.h"

namespace boyodb::formats::text {

class DelimitedWriter {
 public:
  explicit DelimitedWriter(DelimitedOptions options) : options_(std::move(options)) {}

  /// Appends the header line: the names, written as values are.
  void WriteHeader(const std::vector<std::string>& names, std::string* out) const;
  /// Appends `num_rows` lines, one value of each column per line. Requires: every column is a
  /// plain (not dictionary-encoded) TEXT array of at least `num_rows` rows.
  void WriteRows(std::span<const columnar::ArrayPtr> columns, int64_t num_rows,
                 std::string* out) const;

 private:
  void WriteValue(std::string_view value, size_t column, bool single_column,
                  std::string* out) const;

  const DelimitedOptions options_;
};

}  // namespace boyodb::formats::text
