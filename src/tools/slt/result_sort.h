// Result sorting: puts a query's rendered values in the order its script compares them
// (nosort, rowsort, valuesort).
// Thread safety: free functions without shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boyodb::tools::slt {

enum class SortMode {
  kNoSort,     // values in the order the engine returned them
  kRowSort,    // whole rows sorted, comparing rendered values column by column, byte-wise
  kValueSort,  // every value sorted on its own, ignoring rows
};

/// "" and "nosort", "rowsort", "valuesort"; nullopt for any other word.
std::optional<SortMode> ParseSortMode(std::string_view word);

/// Sorts values, which hold rows of num_columns values one after the other, by mode. Strings
/// compare byte-wise as strcmp does ("10" < "9"). Requires: num_columns > 0 for kRowSort and
/// values.size() is a multiple of it.
void SortResult(SortMode mode, size_t num_columns, std::vector<std::string>& values);

}  // namespace boyodb::tools::slt
