#include "storage/scan/key_filter.h"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"

namespace boyodb::storage {
namespace {

using types::DataType;
using types::Value;

template <typename Builder, typename T>
columnar::ArrayPtr Build(Builder builder, const std::vector<std::optional<T>>& values) {
  for (const auto& value : values) {
    if (value) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

template <typename T>
columnar::ArrayPtr Integers(DataType type, const std::vector<std::optional<T>>& values) {
  return Build(columnar::FixedWidthBuilder<T>(std::move(type)), values);
}

columnar::ArrayPtr Texts(const std::vector<std::optional<std::string>>& values) {
  return Build(columnar::BinaryBuilder(DataType::String()), values);
}

std::vector<uint32_t> Passing(const KeyFilter& filter, const columnar::Array& column) {
  columnar::SelectionVector selection = columnar::SelectionVector::All(column.length());
  filter.FilterRows(column, &selection);
  return selection.rows();
}

ZoneMap Zone(int64_t min, int64_t max) {
  return ZoneMap{Value::Int64(min), Value::Int64(max), 0, 100};
}

TEST(KeyFilterTest, UnpublishedPassesEverything) {
  const KeyFilter filter;
  const auto probe = Integers<int64_t>(DataType::Int64(), {1, 2, std::nullopt});
  EXPECT_EQ(Passing(filter, *probe), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_TRUE(filter.ZoneMayMatch(Zone(100, 200)));
}

TEST(KeyFilterTest, DenseIntegerKeysAreExact) {
  KeyFilter filter;
  filter.Publish(*Integers<int64_t>(DataType::Int64(), {10, 12, std::nullopt, 12, 15}));
  // A narrower probe column (widened by a cast before the join) is tested as stored; NULL
  // never passes.
  const auto probe =
      Integers<int32_t>(DataType::Int32(), {10, 11, 12, 13, 14, 15, 16, std::nullopt, 9});
  EXPECT_EQ(Passing(filter, *probe), (std::vector<uint32_t>{0, 2, 5}));
  EXPECT_FALSE(filter.ZoneMayMatch(Zone(16, 40)));
  EXPECT_FALSE(filter.ZoneMayMatch(Zone(-5, 9)));
  EXPECT_TRUE(filter.ZoneMayMatch(Zone(15, 40)));
  EXPECT_TRUE(filter.ZoneMayMatch(ZoneMap{}));  // bounds unknown
}

TEST(KeyFilterTest, SparseIntegerKeysPassEveryKeyAndFewOthers) {
  // Keys 1,000,003 apart: far too sparse for a bitmap, so a bloom filter.
  std::vector<std::optional<int64_t>> keys;
  for (int64_t i = 0; i < 5000; ++i) keys.emplace_back(i * 1'000'003 - 2'000'000'000);
  KeyFilter filter;
  filter.Publish(*Integers<int64_t>(DataType::Int64(), keys));
  EXPECT_EQ(Passing(filter, *Integers<int64_t>(DataType::Int64(), keys)).size(), keys.size());
  std::vector<std::optional<int64_t>> others;
  for (int64_t i = 0; i < 100'000; ++i) others.emplace_back(i * 1'000'003 - 2'000'000'000 + 17);
  const size_t passed = Passing(filter, *Integers<int64_t>(DataType::Int64(), others)).size();
  // Most of these lie beyond the keys' range; of the 5,000 within it about 1% may pass.
  EXPECT_LT(passed, 250u);
}

// Keys published in ranges on several threads give the filter one range's publication gives:
// exact bitmaps, bloom filters and text alike, NULLs and the keys' bounds included.
TEST(KeyFilterTest, PublishedInRangesOnThreadsAsInOne) {
  const KeyFilter::TaskRunner on_threads = [](size_t tasks,
                                              const std::function<void(size_t)>& task) {
    std::vector<std::thread> threads;
    for (size_t t = 0; t < tasks; ++t) threads.emplace_back(task, t);
    for (std::thread& thread : threads) thread.join();
  };
  std::vector<std::optional<int64_t>> dense;
  std::vector<std::optional<int64_t>> sparse;
  std::vector<std::optional<std::string>> texts;
  for (int64_t i = 0; i < 600'000; ++i) {
    dense.emplace_back(i % 11 == 0 ? std::nullopt : std::optional<int64_t>(3 * i + 7));
    sparse.emplace_back(i * 7'919'993 - 5'000'000'000'000);
    texts.emplace_back(i % 13 == 0 ? std::nullopt
                                   : std::optional<std::string>("k" + std::to_string(i)));
  }
  std::vector<std::optional<int64_t>> probe_values;
  std::vector<std::optional<std::string>> probe_texts;
  for (int64_t i = -1000; i < 2'000'000; i += 3) {
    probe_values.emplace_back(i);
    probe_values.emplace_back(i * 7'919'993 - 5'000'000'000'000);
    probe_texts.emplace_back("k" + std::to_string(i));
  }
  const auto probe = Integers<int64_t>(DataType::Int64(), probe_values);
  const auto text_probe = Texts(probe_texts);
  for (const auto& keys : {Integers<int64_t>(DataType::Int64(), dense),
                           Integers<int64_t>(DataType::Int64(), sparse), Texts(texts)}) {
    KeyFilter one;
    one.Publish(*keys);
    KeyFilter ranges;
    ranges.Publish(*keys, on_threads);
    const columnar::Array& column =
        keys->type().id() == types::TypeId::kString ? *text_probe : *probe;
    EXPECT_EQ(Passing(ranges, column), Passing(one, column));
    EXPECT_EQ(ranges.ZoneMayMatch(Zone(-100, 6)), one.ZoneMayMatch(Zone(-100, 6)));
    EXPECT_EQ(ranges.ZoneMayMatch(Zone(7, 7)), one.ZoneMayMatch(Zone(7, 7)));
  }
}

TEST(KeyFilterTest, DatesCompareAsIntegers) {
  KeyFilter filter;
  filter.Publish(*Integers<int32_t>(DataType::Date(), {19000, 19005}));
  EXPECT_EQ(Passing(filter, *Integers<int32_t>(DataType::Date(), {19005, 19001, 19000})),
            (std::vector<uint32_t>{0, 2}));
}

TEST(KeyFilterTest, TextKeysPlainAndDictionaryEncoded) {
  KeyFilter filter;
  filter.Publish(*Texts({"GERMANY", std::nullopt, "FRANCE"}));
  const auto probe = Texts({"FRANCE", "PERU", std::nullopt, "GERMANY", "", "FRANCE"});
  EXPECT_EQ(Passing(filter, *probe), (std::vector<uint32_t>{0, 3, 5}));
  EXPECT_EQ(Passing(filter, *columnar::DictionaryEncode(*probe)), (std::vector<uint32_t>{0, 3, 5}));
  // Zone maps of text say nothing here.
  EXPECT_TRUE(filter.ZoneMayMatch(ZoneMap{Value::String("A"), Value::String("B"), 0, 1}));
}

TEST(KeyFilterTest, KeysFromADictionaryEncodedBuildSide) {
  KeyFilter filter;
  filter.Publish(*columnar::DictionaryEncode(*Texts({"x", "y", "x", std::nullopt})));
  EXPECT_EQ(Passing(filter, *Texts({"y", "z", "x"})), (std::vector<uint32_t>{0, 2}));
}

TEST(KeyFilterTest, NoKeysPassNothing) {
  KeyFilter filter;
  filter.Publish(*Integers<int64_t>(DataType::Int64(), {std::nullopt}));
  EXPECT_TRUE(Passing(filter, *Integers<int64_t>(DataType::Int64(), {1, 2})).empty());
  EXPECT_FALSE(filter.ZoneMayMatch(Zone(0, 100)));
}

TEST(KeyFilterTest, StopsTestingWhenNearlyEverythingPasses) {
  std::vector<std::optional<int32_t>> values;
  for (int32_t i = 0; i < 1000; ++i) values.emplace_back(i);
  KeyFilter filter;
  filter.Publish(*Integers<int32_t>(DataType::Int32(), values));
  const auto all_keys = Integers<int32_t>(DataType::Int32(), values);
  for (int round = 0; round < 300; ++round) Passing(filter, *all_keys);
  EXPECT_EQ(filter.rows_passed(), filter.rows_tested());
  const int64_t tested = filter.rows_tested();
  // From here on rows are no longer tested: even a non-key passes.
  EXPECT_EQ(Passing(filter, *Integers<int32_t>(DataType::Int32(), {5000})).size(), 1u);
  EXPECT_EQ(filter.rows_tested(), tested);
}

}  // namespace
}  // namespace boyodb::storage
