#include "server/result_frames.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/dictionary.h"
#include "formats/ipc/stream_reader.h"

namespace boyodb::server {
namespace {

using columnar::ArrayPtr;
using columnar::Chunk;
using types::DataType;

std::vector<sql::OutputColumn> OneTextColumn() {
  sql::OutputColumn column;
  column.name = "url";
  column.type = DataType::String();
  return {column};
}

// A text column of `rows` rows, "url 0" ... , dictionary-encoded: one entry per row.
ArrayPtr EncodedTexts(int64_t rows) {
  columnar::BinaryBuilder texts(DataType::String());
  for (int64_t r = 0; r < rows; ++r) texts.Append("https://example.com/page/" + std::to_string(r));
  return columnar::DictionaryEncode(*texts.Finish());
}

std::vector<Chunk> RoundTrip(std::vector<Chunk> chunks, size_t* stream_bytes) {
  Result<std::unique_ptr<ResultFrames>> frames = ResultFrames::Make(OneTextColumn(), chunks);
  EXPECT_TRUE(frames.ok()) << frames.status().ToString();
  Result<std::string> stream = (*frames)->ReadAll();
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  *stream_bytes = stream->size();
  Result<std::vector<Chunk>> read = formats::ipc::ReadStream(*stream);
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  return *read;
}

TEST(ResultFramesTest, AFewRowsOfALargeDictionaryGoOutAsTheirValues) {
  // Rows 7, 8, 9 of a column whose dictionary has 100000 entries (LIMIT over a scan).
  const ArrayPtr encoded = EncodedTexts(100'000);
  const auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("url", DataType::String())});
  size_t bytes = 0;
  const std::vector<Chunk> read = RoundTrip({Chunk(schema, {encoded->Slice(7, 3)}, 3)}, &bytes);
  ASSERT_EQ(read.size(), 1u);
  ASSERT_EQ(read[0].num_rows(), 3);
  EXPECT_FALSE(read[0].column(0)->is_dictionary());
  EXPECT_EQ(read[0].column(0)->GetView(0), "https://example.com/page/7");
  EXPECT_EQ(read[0].column(0)->GetView(2), "https://example.com/page/9");
  // Three values, not a dictionary of megabytes.
  EXPECT_LT(bytes, 2000u);
}

TEST(ResultFramesTest, RowsUsingASmallDictionaryKeepIt) {
  // 3000 rows over 3 distinct values: the dictionary is the cheaper form and stays.
  columnar::BinaryBuilder texts(DataType::String());
  for (int r = 0; r < 3000; ++r) texts.Append(r % 3 == 0 ? "red" : (r % 3 == 1 ? "green" : "blue"));
  const ArrayPtr encoded = columnar::DictionaryEncode(*texts.Finish());
  const auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("url", DataType::String())});
  size_t bytes = 0;
  const std::vector<Chunk> read = RoundTrip({Chunk(schema, {encoded}, 3000)}, &bytes);
  ASSERT_EQ(read.size(), 1u);
  ASSERT_EQ(read[0].num_rows(), 3000);
  EXPECT_TRUE(read[0].column(0)->is_dictionary());
  EXPECT_EQ(read[0].column(0)->GetView(2999), "blue");
}

TEST(ResultFramesTest, FramesDecodedAndEncodedMixInOneStream) {
  // The first frame keeps its small dictionary (and the schema marks the column encoded); the
  // next is a few rows of a large one, decoded and then encoded again by the writer.
  columnar::BinaryBuilder texts(DataType::String());
  for (int r = 0; r < 8192; ++r) texts.Append(r % 2 == 0 ? "a" : "b");
  const ArrayPtr small = columnar::DictionaryEncode(*texts.Finish());
  const ArrayPtr large = EncodedTexts(50'000);
  const auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{types::Field("url", DataType::String())});
  size_t bytes = 0;
  const std::vector<Chunk> read = RoundTrip(
      {Chunk(schema, {small}, 8192), Chunk(schema, {large->Slice(40'000, 2)}, 2)}, &bytes);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].column(0)->GetView(1), "b");
  ASSERT_EQ(read[1].num_rows(), 2);
  EXPECT_EQ(read[1].column(0)->GetView(0), "https://example.com/page/40000");
  EXPECT_EQ(read[1].column(0)->GetView(1), "https://example.com/page/40001");
  EXPECT_LT(bytes, 40'000u);
}

}  // namespace
}  // namespace boyodb::server
