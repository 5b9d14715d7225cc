// TextTable: rows of already-formatted cells printed byte for byte as psql's aligned format
// prints them (border 1): an optional centered title, centered headers, a dashed rule, " | "
// between cells, right-aligned number columns, cells with newlines spread over several lines
// marked with '+', then footer lines ("(N rows)" by default) and a blank line.
// Thread safety: a TextTable is a value used by one thread.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace boyodb::tools::cli {

struct TextTable {
  /// Printed centered above the table when not empty ("List of relations").
  std::string title;
  std::vector<std::string> headers;
  /// One per header; right-aligned columns hold numbers.
  std::vector<bool> right_align;
  std::vector<std::vector<std::string>> rows;
  /// Lines printed under the table; "(N rows)" when unset, nothing when empty.
  std::optional<std::vector<std::string>> footers;

  /// Adds a column header.
  void AddColumn(std::string header, bool right = false) {
    headers.push_back(std::move(header));
    right_align.push_back(right);
  }
};

/// Prints the table, its footers and a blank line. Like psql, tabs in cells are expanded to
/// 8-column stops and other control characters are shown as \r or \xHH; widths count UTF-8 code
/// points. Requires: every row has headers.size() cells.
void PrintTable(const TextTable& table, std::ostream& out);

/// psql's row-count footer: "(1 row)", "(3 rows)".
std::string RowCountFooter(size_t num_rows);

}  // namespace boyodb::tools::cli
