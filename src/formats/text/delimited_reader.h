// DelimitedReader: splits PostgreSQL COPY text or CSV input into rows of fields and collects
// them as TEXT columns (one per expected field), a block at a time, for the caller to convert
// with whole-column casts. It reads from a buffer the caller refills: a row cut by the end of
// the buffer is left unconsumed until more input arrives. Quoted CSV fields may span lines.
// Thread safety: one reader per input, used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/array.h"
#include "columnar/builder.h"
#include "common/result.h"
#include "formats/text/delimited_options.h"

namespace boyodb::formats::text {

/// Rows read from text, not yet converted: TEXT columns and where each row ended.
struct TextBlock {
  /// One TEXT column per expected field; NULL where the input held the NULL string.
  std::vector<columnar::ArrayPtr> columns;
  /// The input line each row ends on (1-based; a quoted newline starts a new line).
  std::vector<int64_t> line_numbers;
  int64_t num_rows = 0;
};

class DelimitedReader {
 public:
  /// `column_names` are the fields each row must have, in order (named in errors).
  /// `error_label` starts the context of every error ("COPY t" gives "COPY t, line 3").
  /// `header` says what to do with the first line.
  enum class Header : uint8_t {
    kNone,   // it is data
    kSkip,   // it is dropped
    kMatch,  // it must hold the column names in order (22P04 otherwise), then is dropped
  };
  DelimitedReader(DelimitedOptions options, std::vector<std::string> column_names, Header header,
                  std::string error_label);

  /// Reads the complete rows at the start of `data`, at most `max_rows` of them (counting the
  /// rows already buffered), and returns how many bytes they took; a row cut by the end of
  /// `data` is left for the next call unless `at_end`, when the input's last line needs no
  /// newline. Errors (22P04, with the line in their context): a row with too few or too many
  /// fields, an unterminated quoted CSV field at the end of the input.
  Result<size_t> Parse(std::string_view data, bool at_end, int64_t max_rows);

  /// Rows read since the last TakeBlock.
  int64_t buffered_rows() const { return num_rows_; }
  /// The buffered rows; the reader starts a new block.
  TextBlock TakeBlock();
  /// True once the end-of-data line "\." was read; later input is ignored.
  bool finished() const { return finished_; }
  /// Input lines consumed so far.
  int64_t lines_read() const { return lines_; }

 private:
  struct Field {
    const char* data;
    size_t size;
    bool null;
  };
  enum class RowEnd : uint8_t { kComplete, kNeedMore, kEndMarker };

  // Each parses one row starting at `*position`, appending its fields to fields_ and moving
  // `*position` past its line end.
  Result<RowEnd> ParseTextRow(std::string_view data, bool at_end, size_t* position);
  Result<RowEnd> ParseCsvRow(std::string_view data, bool at_end, size_t* position);
  // True (and the position moved past it) when the row at `*position` is the line "\.".
  bool AtEndMarker(std::string_view data, bool at_end, size_t* position, bool* need_more) const;
  // Checks the field count and appends the row to the builders.
  // `raw_row`: the row's input bytes when one UTF-8 check of them stands for the fields'
  // (CSV with ASCII quote, escape and delimiter); empty otherwise.
  Status AddRow(int64_t line, std::string_view raw_row);
  Status AppendFields(int64_t line);
  // The first position at or after p holding the delimiter, the quote or a line end.
  size_t SkipPlainBytes(std::string_view data, size_t p) const;
  // Checks the header line's fields against the column names (HEADER MATCH).
  Status MatchHeader(int64_t line) const;
  Status RowError(std::string message, int64_t line) const;
  bool ForceNotNull(size_t column) const {
    return column < options_.force_not_null.size() && options_.force_not_null[column];
  }

  const DelimitedOptions options_;
  const std::vector<std::string> column_names_;
  Header header_;
  const std::string error_label_;
  std::vector<std::unique_ptr<columnar::BinaryBuilder>> builders_;
  std::vector<int64_t> line_numbers_;
  int64_t num_rows_ = 0;
  int64_t lines_ = 0;
  // Newlines inside the row being parsed (quoted CSV newlines, escaped text newlines).
  int64_t row_newlines_ = 0;
  bool finished_ = false;
  std::vector<Field> fields_;
  // Unescaped field bytes of the current Parse call; never longer than its input, so sized
  // once per call and never moved while fields point into it.
  std::unique_ptr<char[]> scratch_;
  size_t scratch_size_ = 0;
  size_t scratch_used_ = 0;
};

}  // namespace boyodb::formats::text
