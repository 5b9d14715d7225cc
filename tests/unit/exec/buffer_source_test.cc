#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "columnar/builder.h"
#include "exec/exec_context.h"
#include "exec/operators/streaming.h"

namespace boyodb::exec {
namespace {

columnar::Chunk OneColumn(const columnar::SchemaPtr& schema, int64_t value) {
  columnar::FixedWidthBuilder<int64_t> values(types::DataType::Int64());
  values.Append(value);
  return columnar::Chunk(schema, {values.Finish()}, 1);
}

// A buffer's source knows its morsels before it is read, which caps the pipeline's drivers.
TEST(BufferSourceTest, CountsTheMorselsLeft) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("v", types::DataType::Int64())});
  auto buffer = std::make_shared<ChunkBuffer>();
  for (int64_t i = 0; i < 3; ++i) buffer->chunks.push_back(OneColumn(schema, i));
  BufferSource source(buffer);
  ExecContext context;
  EXPECT_EQ(source.morsels_left(), 3);
  uint64_t sequence = 0;
  for (int64_t expected = 2; expected >= 0; --expected) {
    auto morsel = source.NextMorsel(context, &sequence);
    ASSERT_TRUE(morsel.ok());
    ASSERT_TRUE(morsel->has_value());
    EXPECT_EQ(source.morsels_left(), expected);
  }
  auto end = source.NextMorsel(context, &sequence);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
  EXPECT_EQ(source.morsels_left(), 0);
  EXPECT_EQ(BufferSource(std::make_shared<ChunkBuffer>()).morsels_left(), 0);
}

}  // namespace
}  // namespace boyodb::exec
