#include "tools/slt/result_sort.h"

#include <algorithm>
#include <numeric>

#include "common/check.h"

namespace boyodb::tools::slt {

std::optional<SortMode> ParseSortMode(std::string_view word) {
  if (word.empty() || word == "nosort") return SortMode::kNoSort;
  if (word == "rowsort") return SortMode::kRowSort;
  if (word == "valuesort") return SortMode::kValueSort;
  return std::nullopt;
}

void SortResult(SortMode mode, size_t num_columns, std::vector<std::string>& values) {
  switch (mode) {
    case SortMode::kNoSort:
      return;
    case SortMode::kValueSort:
      // std::string compares through char_traits<char>, which orders bytes as unsigned char,
      // like strcmp.
      std::sort(values.begin(), values.end());
      return;
    case SortMode::kRowSort:
      break;
  }
  BOYO_CHECK_GT(num_columns, size_t{0});
  BOYO_CHECK_EQ(values.size() % num_columns, size_t{0});
  const size_t num_rows = values.size() / num_columns;
  std::vector<size_t> order(num_rows);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t left, size_t right) {
    for (size_t column = 0; column < num_columns; ++column) {
      const int cmp =
          values[left * num_columns + column].compare(values[right * num_columns + column]);
      if (cmp != 0) return cmp < 0;
    }
    return false;
  });
  std::vector<std::string> sorted;
  sorted.reserve(values.size());
  for (const size_t row : order) {
    for (size_t column = 0; column < num_columns; ++column) {
      sorted.push_back(std::move(values[row * num_columns + column]));
    }
  }
  values = std::move(sorted);
}

}  // namespace boyodb::tools::slt
