// NdjsonWriter: writes rows as newline-delimited JSON, one object per row keyed by column
// name: numbers and booleans as JSON numbers and booleans (NaN and infinities, which JSON
// lacks, as strings), NULL as null, everything else as a JSON string of its text form.
// Thread safety: immutable after construction; WriteRows may run on any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "columnar/array.h"

namespace boyodb::formats::text {

class NdjsonWriter {
 public:
  /// `bare[i]` says column i holds numbers or booleans, written without quotes.
  NdjsonWriter(const std::vector<std::string>& column_names, std::vector<bool> bare);

  /// Appends one line per row. Requires: plain TEXT columns of at least `num_rows` rows, the
  /// text forms of the values (a number's text as PostgreSQL prints it).
  void WriteRows(std::span<const columnar::ArrayPtr> columns, int64_t num_rows,
                 std::string* out) const;

 private:
  std::vector<std::string> keys_;  // `"name":` already quoted
  const std::vector<bool> bare_;
};

/// Appends `text` as a JSON string literal (quotes and escapes).
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace boyodb::formats::text
