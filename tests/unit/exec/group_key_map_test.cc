#include "exec/operators/group_keys.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "columnar/builder.h"

namespace boyodb::exec {
namespace {

using Rows = std::vector<std::optional<int64_t>>;

columnar::ArrayPtr Column(const types::DataType& type, const Rows& rows) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  for (const std::optional<int64_t>& row : rows) {
    const types::Value value =
        !row                                 ? types::Value::Null(type)
        : type.id() == types::TypeId::kInt16 ? types::Value::Int16(static_cast<int16_t>(*row))
        : type.id() == types::TypeId::kInt32 ? types::Value::Int32(static_cast<int32_t>(*row))
                                             : types::Value::Int64(*row);
    EXPECT_TRUE(builder->AppendValue(value).ok());
  }
  return builder->Finish();
}

// What GroupKeyMap must give: groups numbered in order of their first row, NULL one of them;
// `seen` carries the numbering over from earlier chunks.
std::vector<int64_t> Expected(const Rows& rows, std::map<std::optional<int64_t>, int64_t>* seen) {
  std::vector<int64_t> groups;
  for (const std::optional<int64_t>& row : rows) {
    const auto found = seen->try_emplace(row, static_cast<int64_t>(seen->size())).first;
    groups.push_back(found->second);
  }
  return groups;
}

// Maps `chunks` one after another and checks each row's group and the new rows reported,
// then looks every chunk up again with Find, and values no chunk had.
void CheckChunks(const types::DataType& type, const std::vector<Rows>& chunks, const Rows& absent) {
  GroupKeyMap map({type});
  std::map<std::optional<int64_t>, int64_t> seen;
  for (const Rows& chunk : chunks) {
    const size_t groups_before = seen.size();
    const std::vector<int64_t> expected = Expected(chunk, &seen);
    std::vector<int64_t> groups;
    std::vector<int64_t> new_rows;
    map.Map({Column(type, chunk)}, static_cast<int64_t>(chunk.size()), &groups, &new_rows);
    EXPECT_EQ(groups, expected) << type.ToString();
    ASSERT_EQ(new_rows.size(), seen.size() - groups_before);
    for (size_t i = 0; i < new_rows.size(); ++i) {
      EXPECT_EQ(expected[static_cast<size_t>(new_rows[i])],
                static_cast<int64_t>(groups_before + i));
    }
  }
  EXPECT_EQ(map.size(), static_cast<int64_t>(seen.size()));
  for (const Rows& chunk : chunks) {
    std::vector<int64_t> found;
    map.Find({Column(type, chunk)}, static_cast<int64_t>(chunk.size()), &found);
    std::map<std::optional<int64_t>, int64_t> copy = seen;
    EXPECT_EQ(found, Expected(chunk, &copy));
  }
  std::vector<int64_t> found;
  map.Find({Column(type, absent)}, static_cast<int64_t>(absent.size()), &found);
  EXPECT_EQ(found, std::vector<int64_t>(absent.size(), -1));
}

// Integer keys whose first rows span a small range are numbered through a direct window;
// values outside it, later or far away, through the hash table. Both together must number
// every value once, in order of its first row.
TEST(GroupKeyMapTest, SmallRangesAndValuesOutsideTheirWindow) {
  for (const types::DataType& type :
       {types::DataType::Int16(), types::DataType::Int32(), types::DataType::Int64()}) {
    Rows first;
    for (int i = 0; i < 1000; ++i) first.push_back((i * 7) % 50 - 20);  // -20 .. 29
    Rows second = {-20, 29, 30, -21, 400, -400, std::nullopt, 5, 400, std::nullopt, 32767};
    Rows third;
    for (int i = 0; i < 3000; ++i) third.push_back((i * 13) % 3000 - 1500);
    third.push_back(-32768);
    CheckChunks(type, {first, second, third}, {-32767, 32766, 1600, -1600});
  }
}

// Keys that grow along the input (an order key): the first rows choose a window, and once
// most rows fall outside it its groups move into the hash table. The numbering goes on as if
// nothing had moved, and values of the window are still found, in chunks before and after.
TEST(GroupKeyMapTest, WindowGivenUpWhenMostRowsFallOutside) {
  for (const types::DataType& type : {types::DataType::Int32(), types::DataType::Int64()}) {
    std::vector<Rows> chunks;
    Rows first;
    for (int i = 0; i < 2000; ++i) first.push_back(i / 4 - 250);  // -250 .. 249: a window
    chunks.push_back(first);
    for (int c = 1; c <= 12; ++c) {  // 24000 rows, nearly all outside the window
      Rows rising;
      for (int i = 0; i < 2000; ++i) rising.push_back(c * 100000 + i / 2);
      rising.push_back(c * 37 - 250);  // a value of the window, found again
      rising.push_back(std::nullopt);
      chunks.push_back(rising);
    }
    chunks.push_back({249, -250, 0, 1200000, 1300000, std::nullopt, 250});
    CheckChunks(type, chunks, {-251, 1300001, 99999});
    // Every value is in the hash table now, the window's too (NULL's group is in none).
    GroupKeyMap map({type});
    std::vector<int64_t> groups;
    std::vector<int64_t> new_rows;
    for (const Rows& chunk : chunks) {
      map.Map({Column(type, chunk)}, static_cast<int64_t>(chunk.size()), &groups, &new_rows);
    }
    EXPECT_EQ(map.TableSizes(), std::vector<int64_t>{map.size() - 1});
  }
}

TEST(GroupKeyMapTest, WideRangesAndExtremeValues) {
  const types::DataType type = types::DataType::Int64();
  const int64_t lowest = std::numeric_limits<int64_t>::min();
  const int64_t highest = std::numeric_limits<int64_t>::max();
  // The first rows span the whole range: no window at all.
  CheckChunks(type, {{lowest, highest, 0, -1, 1}, {1, 0, highest, 5, std::nullopt}}, {2, -2});
  // A window at the very bottom and at the very top of the range.
  CheckChunks(type, {{lowest, lowest + 3, lowest + 1}, {highest, lowest + 2, lowest, 0}},
              {lowest + 4, highest - 1});
  CheckChunks(type, {{highest, highest - 3}, {lowest, highest - 1, highest}}, {highest - 2});
}

// NULL rows before any value leave the window undecided; the numbering stays in row order.
TEST(GroupKeyMapTest, NullsFirst) {
  for (const types::DataType& type : {types::DataType::Int16(), types::DataType::Int32()}) {
    CheckChunks(type,
                {{std::nullopt, std::nullopt}, {}, {std::nullopt, 3, 1, 3}, {2, 70000 % 30000}},
                {4, -1});
  }
}

// A text column of `texts` (nullopt: NULL).
columnar::ArrayPtr TextColumn(const std::vector<std::optional<std::string>>& texts) {
  std::unique_ptr<columnar::ArrayBuilder> builder =
      columnar::MakeBuilder(types::DataType::String());
  for (const std::optional<std::string>& text : texts) {
    EXPECT_TRUE(builder
                    ->AppendValue(text ? types::Value::String(*text)
                                       : types::Value::Null(types::DataType::String()))
                    .ok());
  }
  return builder->Finish();
}

// Maps `chunks` (rows of key columns) into a map made as `make` says and returns every row's
// group, chunk after chunk.
template <typename Make>
std::vector<int64_t> MapAll(const std::vector<std::vector<columnar::ArrayPtr>>& chunks,
                            Make&& make) {
  GroupKeyMap map = make();
  std::vector<int64_t> all;
  for (const std::vector<columnar::ArrayPtr>& chunk : chunks) {
    std::vector<int64_t> groups;
    std::vector<int64_t> new_rows;
    map.Map(chunk, chunk[0]->length(), &groups, &new_rows);
    all.insert(all.end(), groups.begin(), groups.end());
  }
  return all;
}

// A map that reserved room for the sizes an earlier map of the same keys reached numbers the
// rows exactly as a map that grew step by step; sizes of another shape are ignored.
TEST(GroupKeyMapTest, ReservedTablesNumberAsGrownOnes) {
  const types::DataType int64 = types::DataType::Int64();
  const types::DataType text = types::DataType::String();
  std::vector<std::vector<columnar::ArrayPtr>> words;   // one integer column, spread wide
  std::vector<std::vector<columnar::ArrayPtr>> packed;  // an integer and a text
  std::vector<std::vector<columnar::ArrayPtr>> texts;   // one text column
  for (int chunk = 0; chunk < 4; ++chunk) {
    Rows values;
    std::vector<std::optional<std::string>> strings;
    for (int i = 0; i < 5000; ++i) {
      const int64_t n = (static_cast<int64_t>(chunk) * 5000 + i) * 7919 % 12000;
      values.push_back(i % 97 == 0 ? std::nullopt : std::optional<int64_t>(n * 1000003));
      strings.push_back(i % 89 == 0 ? std::nullopt
                                    : std::optional<std::string>("t" + std::to_string(n % 3000)));
    }
    words.push_back({Column(int64, values)});
    packed.push_back({Column(int64, values), TextColumn(strings)});
    texts.push_back({TextColumn(strings)});
  }
  for (const auto& [types, chunks] : std::vector<
           std::pair<std::vector<types::DataType>, std::vector<std::vector<columnar::ArrayPtr>>>>{
           {{int64}, words}, {{int64, text}, packed}, {{text}, texts}}) {
    GroupKeyMap grown(types);
    for (const std::vector<columnar::ArrayPtr>& chunk : chunks) {
      std::vector<int64_t> groups;
      std::vector<int64_t> new_rows;
      grown.Map(chunk, chunk[0]->length(), &groups, &new_rows);
    }
    const std::vector<int64_t> sizes = grown.TableSizes();
    ASSERT_EQ(sizes.size(), types.size() == 2 ? 3u : 1u);
    EXPECT_GT(sizes[0], 1000);
    if (types.size() == 2) {
      EXPECT_EQ(sizes[1], 0);     // the integer column has no table of texts
      EXPECT_EQ(sizes[2], 3000);  // the distinct texts
    }
    const std::vector<int64_t> expected = MapAll(chunks, [&] { return GroupKeyMap(types); });
    EXPECT_EQ(MapAll(chunks,
                     [&] {
                       GroupKeyMap map(types);
                       map.ReserveTables(sizes);
                       return map;
                     }),
              expected);
    EXPECT_EQ(MapAll(chunks,
                     [&] {
                       GroupKeyMap map(types);
                       map.ReserveTables({5, 6, 7, 8});  // another shape's sizes
                       return map;
                     }),
              expected);
  }
}

}  // namespace
}  // namespace boyodb::exec
