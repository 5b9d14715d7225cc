// TextTable: rows of already-formatted cells printed the way psql's aligned format prints them
// (centered headers, a dashed rule, " | " between cells, numbers right-aligned, a "(N rows)"
// footer).
// Thread safety: a TextTable is a value used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "columnar/chunk.h"

namespace boyodb::tools::cli {

struct TextTable {
  std::vector<std::string> headers;
  /// One per header; right-aligned columns hold numbers.
  std::vector<bool> right_align;
  std::vector<std::vector<std::string>> rows;

  /// Adds a column header.
  void AddColumn(std::string header, bool right = false) {
    headers.push_back(std::move(header));
    right_align.push_back(right);
  }
};

/// Prints the table and, when `footer` is set, "(N rows)" and a blank line after it.
/// Trailing spaces are not printed. Requires: every row has headers.size() cells.
void PrintTable(const TextTable& table, std::ostream& out, bool footer = true);

/// A table with the chunk schema's column names as headers; numeric columns are right-aligned.
/// Cells use PostgreSQL's text output; NULL is an empty cell.
TextTable TableForSchema(const types::Schema& schema);
/// Appends up to `max_rows` rows of the chunk (all when negative) to a table made by
/// TableForSchema.
void AppendChunkRows(const columnar::Chunk& chunk, int64_t max_rows, TextTable* table);

}  // namespace boyodb::tools::cli
