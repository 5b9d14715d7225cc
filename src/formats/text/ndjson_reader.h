// NdjsonReader: reads newline-delimited JSON (one object per line, keyed by column name) into
// TEXT columns, a block at a time, for the caller to convert with whole-column casts: a string
// gives its decoded text, a number, true or false its JSON text as written, null and a missing
// key give NULL, and a nested array or object its JSON text. Keys that name no column are
// ignored. Same buffer protocol as DelimitedReader.
// Thread safety: one reader per input, used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "common/result.h"
#include "formats/text/delimited_reader.h"

namespace boyodb::formats::text {

class NdjsonReader {
 public:
  /// `error_label` starts the context of errors ("COPY t" gives "COPY t, line 3").
  NdjsonReader(std::vector<std::string> column_names, std::string error_label);

  /// Reads the complete lines at the start of `data` (at most `max_rows` rows buffered) and
  /// returns the bytes they took; blank lines are skipped. 22P02 (with the line) for a line
  /// that is not one JSON object or names a column twice.
  Result<size_t> Parse(std::string_view data, bool at_end, int64_t max_rows);
  int64_t buffered_rows() const { return num_rows_; }
  TextBlock TakeBlock();

 private:
  // Parses one object (the line without its newline) into values_.
  Status ParseObject(std::string_view line, int64_t line_number);
  Status LineError(std::string message, int64_t line) const;

  const std::vector<std::string> column_names_;
  const std::string error_label_;
  std::vector<std::unique_ptr<columnar::BinaryBuilder>> builders_;
  std::vector<int64_t> line_numbers_;
  int64_t num_rows_ = 0;
  int64_t lines_ = 0;
  // The current row's value per column (nullopt: NULL), and decoded string bytes.
  std::vector<bool> present_;
  std::vector<std::string> values_;
};

}  // namespace boyodb::formats::text
