#include "exec/operators/key_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace boyodb::exec {
namespace {

// MurmurHash3's finalizer: every key bit reaches the high bits that pick partitions.
struct MixHash {
  size_t operator()(uint64_t key) const {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    return static_cast<size_t>(key ^ (key >> 33));
  }
};

using Table = KeyTable<uint64_t, MixHash, std::equal_to<uint64_t>>;

// Keys with many repeats, spanning several of BuildPartitioned's ranges, some skipped.
struct Input {
  std::vector<uint64_t> keys;
  std::vector<uint8_t> skip;
};

Input MakeInput(int64_t count, uint64_t distinct) {
  Input input;
  uint64_t state = 12345;
  for (int64_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    input.keys.push_back((state >> 33) % distinct);
    input.skip.push_back(i % 97 == 0 ? 1 : 0);
  }
  return input;
}

std::vector<int64_t> Build(Table* table, const Input& input, int threads) {
  std::vector<int64_t> numbers(input.keys.size(), -7);
  table->BuildPartitioned(input.keys.data(), input.skip.data(),
                          static_cast<int64_t>(input.keys.size()), threads, numbers.data());
  return numbers;
}

TEST(KeyTableTest, PartitionedBuildNumbersEachKeyOnce) {
  const Input input = MakeInput(300'000, 50'000);
  Table table;
  const std::vector<int64_t> numbers = Build(&table, input, 2);
  std::map<uint64_t, int64_t> number_of;
  std::vector<bool> used(static_cast<size_t>(table.size()), false);
  for (size_t i = 0; i < input.keys.size(); ++i) {
    if (input.skip[i] != 0) {
      EXPECT_EQ(numbers[i], -1) << i;
      continue;
    }
    ASSERT_GE(numbers[i], 0);
    ASSERT_LT(numbers[i], table.size());
    const auto [it, inserted] = number_of.emplace(input.keys[i], numbers[i]);
    EXPECT_EQ(it->second, numbers[i]) << "key " << input.keys[i];
    if (inserted) {
      EXPECT_FALSE(used[static_cast<size_t>(numbers[i])]) << "number given twice";
      used[static_cast<size_t>(numbers[i])] = true;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(number_of.size()), table.size());
  // Lookups find the same numbers, and nothing for keys never added.
  std::vector<uint64_t> probes;
  for (const auto& [key, number] : number_of) probes.push_back(key);
  probes.push_back(1'000'000'007);
  std::vector<int64_t> found(probes.size());
  table.FindMany(probes.data(), nullptr, static_cast<int64_t>(probes.size()), found.data());
  for (size_t i = 0; i + 1 < probes.size(); ++i) EXPECT_EQ(found[i], number_of[probes[i]]);
  EXPECT_EQ(found.back(), -1);
}

TEST(KeyTableTest, PartitionedBuildIsTheSameOnAnyThreadCount) {
  const Input input = MakeInput(200'000, 150'000);
  Table one;
  Table four;
  EXPECT_EQ(Build(&one, input, 1), Build(&four, input, 4));
  EXPECT_EQ(one.size(), four.size());
}

TEST(KeyTableTest, PartitionedBuildOfNothing) {
  Table table;
  std::vector<int64_t> numbers;
  table.BuildPartitioned(nullptr, nullptr, 0, 2, numbers.data());
  EXPECT_EQ(table.size(), 0);
  const uint64_t probe = 3;
  int64_t found = 0;
  table.FindMany(&probe, nullptr, 1, &found);
  EXPECT_EQ(found, -1);
}

}  // namespace
}  // namespace boyodb::exec
