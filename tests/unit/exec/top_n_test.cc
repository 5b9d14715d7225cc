#include "exec/operators/top_n.h"

#include <gtest/gtest.h>

#include <memory>
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

class TopNTest : public ::testing::TestWithParam<int> {};

TEST_P(TopNTest, KeepsTheFirstRowsDecodedAcrossChunks) {
  const int chunks = GetParam();
  auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("k", DataType::Int64()), types::Field("t", DataType::String())});
  auto output = std::make_shared<ChunkBuffer>();
  std::vector<sql::SortKey> keys(1);
  keys[0].expr = sql::MakeColumn(0, DataType::Int64());
  keys[0].descending = true;
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

}  // namespace
}  // namespace boyodb::exec
