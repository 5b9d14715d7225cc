#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "exec/operators/normalized_keys.h"
#include "exec/operators/parallel_sort.h"
#include "exec/operators/sort.h"
#include "sql/binder/bound_expr.h"
#include "tests/support/array_of.h"

namespace boyodb::exec {
namespace {

using columnar::ArrayPtr;
using types::DataType;

TEST(ParallelSortTest, AgreesWithStdSortOnAnyThreadCount) {
  std::mt19937_64 random(7);
  for (const size_t count : {size_t{0}, size_t{1}, size_t{5000}, size_t{100'003}}) {
    std::vector<uint64_t> values(count);
    for (uint64_t& value : values) value = random() % 50'000;  // many repeats
    // Ties broken by position, as the sort's callers do, make the order total.
    std::vector<std::pair<uint64_t, uint32_t>> items;
    for (size_t i = 0; i < count; ++i) items.emplace_back(values[i], static_cast<uint32_t>(i));
    std::vector<std::pair<uint64_t, uint32_t>> expected = items;
    std::sort(expected.begin(), expected.end());
    for (const int threads : {1, 2, 3, 4, 8}) {
      std::vector<std::pair<uint64_t, uint32_t>> sorted = items;
      ParallelSort(sorted, threads, [](const auto& a, const auto& b) { return a < b; });
      EXPECT_EQ(sorted, expected) << count << " items on " << threads << " threads";
    }
  }
}

// Checks that the normalized words of every pair of rows order them as CompareByKeys does,
// and tie only where the keys tie or the encoding says it is not exact.
void ExpectWordsAgree(const std::vector<ArrayPtr>& keys, const std::vector<sql::SortKey>& order,
                      bool expect_exact) {
  const int64_t rows = keys[0]->length();
  const std::optional<NormalizedKeys> normalized = NormalizedKeys::Make(keys, order, rows, 2);
  ASSERT_TRUE(normalized.has_value());
  EXPECT_EQ(normalized->exact(), expect_exact);
  const size_t words = normalized->words_per_row();
  for (int64_t x = 0; x < rows; ++x) {
    for (int64_t y = 0; y < rows; ++y) {
      const uint64_t* a = normalized->row(x);
      const uint64_t* b = normalized->row(y);
      const int by_words = std::lexicographical_compare(a, a + words, b, b + words)   ? -1
                           : std::lexicographical_compare(b, b + words, a, a + words) ? 1
                                                                                      : 0;
      const int by_keys = CompareByKeys(keys, order, x, y);
      if (by_words != 0) {
        EXPECT_EQ(by_words, by_keys < 0 ? -1 : (by_keys > 0 ? 1 : 0)) << "rows " << x << ", " << y;
      } else if (normalized->exact()) {
        EXPECT_EQ(by_keys, 0) << "rows " << x << ", " << y;
      }
    }
  }
}

using testing::ArrayOf;

std::vector<sql::SortKey> Order(const std::vector<ArrayPtr>& keys, std::vector<bool> descending,
                                std::vector<bool> nulls_first) {
  std::vector<sql::SortKey> order;
  for (size_t k = 0; k < keys.size(); ++k) {
    sql::SortKey key;
    key.expr = sql::MakeColumn(static_cast<int32_t>(k), keys[k]->type());
    key.descending = descending[k];
    key.nulls_first = nulls_first[k];
    order.push_back(key);
  }
  return order;
}

TEST(NormalizedKeysTest, IntegersFloatsAndNullsInEveryDirection) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const ArrayPtr integers = ArrayOf(columnar::FixedWidthBuilder<int32_t>(DataType::Int32()),
                                    std::vector<std::optional<int32_t>>{
                                        -5, 3, std::nullopt, 0, std::numeric_limits<int32_t>::min(),
                                        std::numeric_limits<int32_t>::max(), 3, -1});
  const ArrayPtr doubles = ArrayOf(
      columnar::FixedWidthBuilder<double>(DataType::Float64()),
      std::vector<std::optional<double>>{-0.0, 0.0, nan, -inf, inf, std::nullopt, -2.5, -nan});
  for (const bool descending : {false, true}) {
    for (const bool nulls_first : {false, true}) {
      ExpectWordsAgree({integers}, Order({integers}, {descending}, {nulls_first}), true);
      ExpectWordsAgree({doubles}, Order({doubles}, {descending}, {nulls_first}), true);
      ExpectWordsAgree({integers, doubles},
                       Order({integers, doubles}, {descending, !descending}, {nulls_first, true}),
                       true);
    }
  }
}

TEST(NormalizedKeysTest, TextsThatFitAreExactAndLongOnesArePrefixes) {
  const ArrayPtr short_texts = ArrayOf(
      columnar::BinaryBuilder(DataType::String()),
      std::vector<std::optional<std::string>>{"b", "", "ab", std::nullopt, "abc", "a", "ab", "zz"});
  const ArrayPtr ids = ArrayOf(columnar::FixedWidthBuilder<int64_t>(DataType::Int64()),
                               std::vector<std::optional<int64_t>>{1, 2, 3, 4, 5, 6, 7, 8});
  // Short texts leave room for the key after them, and the words decide everything.
  ExpectWordsAgree({short_texts, ids}, Order({short_texts, ids}, {false, true}, {false, false}),
                   true);
  ExpectWordsAgree({columnar::DictionaryEncode(*short_texts), ids},
                   Order({short_texts, ids}, {true, false}, {true, false}), true);
  // Only empty texts (and NULLs): no text bytes at all.
  const ArrayPtr empty_texts =
      ArrayOf(columnar::BinaryBuilder(DataType::String()),
              std::vector<std::optional<std::string>>{"", std::nullopt, ""});
  ExpectWordsAgree({empty_texts}, Order({empty_texts}, {false}, {true}), true);
  const std::string common(40, 'x');
  const ArrayPtr long_texts = ArrayOf(
      columnar::BinaryBuilder(DataType::String()),
      std::vector<std::optional<std::string>>{common + "b", common + "a", "y", common, std::nullopt,
                                              common + "a", "x", common + "c"});
  ExpectWordsAgree({long_texts}, Order({long_texts}, {false}, {false}), false);
  ExpectWordsAgree({long_texts}, Order({long_texts}, {true}, {true}), false);
}

TEST(NormalizedKeysTest, KeysWithoutAnEncoding) {
  columnar::FixedWidthBuilder<types::IntervalValue> intervals(DataType::Interval());
  intervals.Append(types::IntervalValue{1, 0, 0});
  const ArrayPtr interval = intervals.Finish();
  const ArrayPtr ids = ArrayOf(columnar::FixedWidthBuilder<int64_t>(DataType::Int64()),
                               std::vector<std::optional<int64_t>>{1});
  EXPECT_FALSE(NormalizedKeys::Make({interval}, Order({interval}, {false}, {false}), 1, 1));
  // After an encodable key, the words stop there and ties need the keys.
  const std::optional<NormalizedKeys> partial = NormalizedKeys::Make(
      {ids, interval}, Order({ids, interval}, {false, false}, {false, false}), 1, 1);
  ASSERT_TRUE(partial.has_value());
  EXPECT_FALSE(partial->exact());
}

}  // namespace
}  // namespace boyodb::exec
