#include "exec/operators/top_n.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "exec/exec_context.h"
#include "sql/binder/bound_expr.h"

namespace boyodb::exec {
namespace {

using columnar::ArrayPtr;
using columnar::Chunk;
using types::DataType;

// Chunk i of `count`: keys i, i + count, ...; each row's text dictionary-encoded over a
// dictionary with an entry per row, as a segment's column reads.
Chunk MakeChunk(const columnar::SchemaPtr& schema, int64_t first, int64_t rows, int64_t step) {
  columnar::FixedWidthBuilder<int64_t> keys(DataType::Int64());
  columnar::BinaryBuilder texts(DataType::String());
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t key = first + r * step;
    keys.Append(key);
    texts.Append("text " + std::to_string(key));
  }
  const ArrayPtr encoded = columnar::DictionaryEncode(*texts.Finish());
  return Chunk(schema, {keys.Finish(), encoded}, rows);
}

// Rows of an integer key and a text.
columnar::SchemaPtr KeyAndTextSchema() {
  return std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("k", DataType::Int64()), types::Field("t", DataType::String())});
}

// ORDER BY the key DESC.
std::vector<sql::SortKey> FirstColumnDescending() {
  std::vector<sql::SortKey> keys(1);
  keys[0].expr = sql::MakeColumn(0, DataType::Int64());
  keys[0].descending = true;
  return keys;
}

class TopNTest : public ::testing::TestWithParam<int> {};

TEST_P(TopNTest, KeepsTheFirstRowsDecodedAcrossChunks) {
  const int chunks = GetParam();
  const columnar::SchemaPtr schema = KeyAndTextSchema();
  auto output = std::make_shared<ChunkBuffer>();
  const std::vector<sql::SortKey> keys = FirstColumnDescending();
  TopNSink sink(keys, 3, output);
  ExecContext context;
  const int64_t rows = 30'000;  // enough across chunks for the sink to cut along the way
  for (int c = 0; c < chunks; ++c) {
    ASSERT_TRUE(sink.Consume(MakeChunk(schema, c, rows, chunks), context).ok());
  }
  ASSERT_TRUE(sink.Finalize(context).ok());
  ASSERT_EQ(output->chunks.size(), 1u);
  const Chunk& result = output->chunks.front();
  const int64_t last = rows * chunks - 1;
  EXPECT_EQ(result.ToString(), std::to_string(last) + " | text " + std::to_string(last) + "\n" +
                                   std::to_string(last - 1) + " | text " +
                                   std::to_string(last - 1) + "\n" + std::to_string(last - 2) +
                                   " | text " + std::to_string(last - 2) + "\n");
  // The kept rows do not hold on to a dictionary of every row's text.
  EXPECT_FALSE(result.column(1)->is_dictionary());
}

INSTANTIATE_TEST_SUITE_P(Chunks, TopNTest, ::testing::Values(1, 3));

// Two drivers' sinks that each cut their own rows when their input ends (FinishDriver) keep,
// once absorbed, the rows one sink would have: ties in the order of their morsels.
TEST(TopNDrivers, CutOnEachDriverKeepsTheOrderOfTies) {
  const columnar::SchemaPtr schema = KeyAndTextSchema();
  auto output = std::make_shared<ChunkBuffer>();
  const std::vector<sql::SortKey> keys = FirstColumnDescending();
  TopNSink first(keys, 5, output);
  std::unique_ptr<Sink> second = first.NewLocal();
  ASSERT_NE(second, nullptr);
  ExecContext context;
  // Morsel m holds keys m % 3 * 10 + r for r in 0..99 (each chunk's rows differ): the largest
  // keys, 2 * 10 + 99 = 119 down to 115, come from morsels 2, 5, 8, ... in sequence order.
  auto morsel = [&](uint64_t m) {
    columnar::FixedWidthBuilder<int64_t> k(DataType::Int64());
    columnar::BinaryBuilder t(DataType::String());
    for (int64_t r = 0; r < 100; ++r) {
      k.Append(static_cast<int64_t>(m % 3) * 10 + r);
      t.Append("m" + std::to_string(m));
    }
    return Chunk(schema, {k.Finish(), t.Finish()}, 100);
  };
  // The drivers take morsels in turn, the second one the later ones of each pair.
  for (uint64_t m = 0; m < 12; ++m) {
    Sink& sink = m % 2 == 0 ? static_cast<Sink&>(first) : *second;
    ASSERT_TRUE(sink.ConsumeMorsel(morsel(m), m, context).ok());
  }
  ASSERT_TRUE(first.FinishDriver(context).ok());
  ASSERT_TRUE(second->FinishDriver(context).ok());
  ASSERT_TRUE(first.Absorb(*second, context).ok());
  ASSERT_TRUE(first.Finalize(context).ok());
  ASSERT_EQ(output->chunks.size(), 1u);
  // 119 appears in morsels 2, 5, 8 and 11; then 118 in morsel 2.
  EXPECT_EQ(output->chunks.front().ToString(),
            "119 | m2\n119 | m5\n119 | m8\n119 | m11\n118 | m2\n");
}

// A cut that keeps between 64 and 1024 rows selects them by their normalized keys: keys that
// the words tell apart (short texts), keys whose words tie and are told apart by the values
// (texts longer than the words hold), NULLs, and rows whose keys tie, kept in input order.
TEST(TopNTest, KeepsHundredsOfRowsInTheOrderOfAStableSort) {
  const auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("t", DataType::String()), types::Field("k", DataType::Int64()),
      types::Field("id", DataType::Int64())});
  const std::string long_prefix(40, 'p');
  auto text_of = [&](int64_t id) {
    return (id % 3 == 0 ? long_prefix : std::string("s")) + std::to_string(id % 37);
  };
  auto key_of = [](int64_t id) { return id % 17 == 0 ? std::optional<int64_t>() : id % 11; };
  // ORDER BY t, k DESC (NULLs first, as PostgreSQL puts them for DESC).
  std::vector<sql::SortKey> keys(2);
  keys[0].expr = sql::MakeColumn(0, DataType::String());
  keys[1].expr = sql::MakeColumn(1, DataType::Int64());
  keys[1].descending = true;
  keys[1].nulls_first = true;
  auto output = std::make_shared<ChunkBuffer>();
  constexpr int64_t kKept = 200;
  TopNSink sink(keys, kKept, output);
  ExecContext context;
  constexpr int64_t kChunks = 3;
  constexpr int64_t kRows = 1000;
  for (int64_t c = 0; c < kChunks; ++c) {
    columnar::BinaryBuilder t(DataType::String());
    columnar::FixedWidthBuilder<int64_t> k(DataType::Int64());
    columnar::FixedWidthBuilder<int64_t> id(DataType::Int64());
    for (int64_t r = 0; r < kRows; ++r) {
      const int64_t row = c * kRows + r;
      t.Append(text_of(row));
      if (const std::optional<int64_t> key = key_of(row); key.has_value()) {
        k.Append(*key);
      } else {
        k.AppendNull();
      }
      id.Append(row);
    }
    ASSERT_TRUE(
        sink.Consume(Chunk(schema, {t.Finish(), k.Finish(), id.Finish()}, kRows), context).ok());
  }
  ASSERT_TRUE(sink.Finalize(context).ok());
  ASSERT_EQ(output->chunks.size(), 1u);
  const Chunk& result = output->chunks.front();
  ASSERT_EQ(result.num_rows(), kKept);

  std::vector<int64_t> expected(kChunks * kRows);
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int64_t>(i);
  std::stable_sort(expected.begin(), expected.end(), [&](int64_t x, int64_t y) {
    if (text_of(x) != text_of(y)) return text_of(x) < text_of(y);
    const std::optional<int64_t> a = key_of(x);
    const std::optional<int64_t> b = key_of(y);
    if (a.has_value() != b.has_value()) return !a.has_value();
    return a.has_value() && *a > *b;
  });
  for (int64_t r = 0; r < kKept; ++r) {
    EXPECT_EQ(result.column(2)->GetValue(r).ToString(),
              std::to_string(expected[static_cast<size_t>(r)]))
        << "row " << r;
  }
}

}  // namespace
}  // namespace boyodb::exec
