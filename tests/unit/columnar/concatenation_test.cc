#include "columnar/concatenation.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "columnar/dictionary.h"
#include "tests/support/array_of.h"

namespace boyodb::columnar {
namespace {

using types::DataType;

using testing::ArrayOf;

ArrayPtr Texts(const std::vector<std::optional<std::string>>& values) {
  return ArrayOf(BinaryBuilder(DataType::String()), values);
}

ArrayPtr Integers(const std::vector<std::optional<int64_t>>& values) {
  return ArrayOf(FixedWidthBuilder<int64_t>(DataType::Int64()), values);
}

// Measures and copies the pieces in reverse order, as threads may.
ArrayPtr Concatenate(const DataType& type, std::vector<ArrayPtr> pieces) {
  EXPECT_TRUE(ArrayConcatenation::Handles(type, pieces));
  ArrayConcatenation concatenation(type, std::move(pieces));
  for (size_t p = concatenation.num_pieces(); p-- > 0;) concatenation.Measure(p);
  concatenation.Allocate();
  for (size_t p = concatenation.num_pieces(); p-- > 0;) concatenation.Copy(p);
  return concatenation.Finish();
}

TEST(ArrayConcatenationTest, FixedWidthWithSlicesAndNulls) {
  const ArrayPtr a = Integers({1, std::nullopt, 3, 4});
  const ArrayPtr b = Integers({5, 6});
  const ArrayPtr joined = Concatenate(DataType::Int64(), {a->Slice(1, 3), Integers({}), b});
  ASSERT_TRUE(ValidateArray(*joined).ok());
  EXPECT_TRUE(ArraysEqual(*joined, *Integers({std::nullopt, 3, 4, 5, 6})));
  EXPECT_EQ(joined->null_count(), 1);
}

TEST(ArrayConcatenationTest, NoNullsMeansNoValidityBuffer) {
  const ArrayPtr joined = Concatenate(DataType::Int64(), {Integers({1, 2}), Integers({3})});
  EXPECT_EQ(joined->validity_bits(), nullptr);
  EXPECT_EQ(joined->null_count(), 0);
}

TEST(ArrayConcatenationTest, TextsPlainSlicedAndDictionaryEncoded) {
  const ArrayPtr plain = Texts({"alpha", std::nullopt, "", "gamma"});
  const ArrayPtr repeated = Texts({"x", "yy", "x", std::nullopt, "yy", "zzz"});
  const ArrayPtr encoded = DictionaryEncode(*repeated);
  ASSERT_TRUE(encoded->is_dictionary());
  const ArrayPtr joined =
      Concatenate(DataType::String(), {plain->Slice(1, 3), encoded->Slice(1, 5), Texts({"end"})});
  ASSERT_TRUE(ValidateArray(*joined).ok());
  EXPECT_FALSE(joined->is_dictionary());
  EXPECT_TRUE(ArraysEqual(
      *joined, *Texts({std::nullopt, "", "gamma", "yy", "x", std::nullopt, "yy", "zzz", "end"})));
}

TEST(ArrayConcatenationTest, NoPiecesGiveAnEmptyArray) {
  const ArrayPtr texts = Concatenate(DataType::String(), {});
  ASSERT_TRUE(ValidateArray(*texts).ok());
  EXPECT_EQ(texts->length(), 0);
  const ArrayPtr integers = Concatenate(DataType::Int64(), {Integers({})});
  EXPECT_EQ(integers->length(), 0);
}

TEST(ArrayConcatenationTest, OtherLayoutsAreLeftToBuilders) {
  BooleanBuilder booleans;
  booleans.Append(true);
  EXPECT_FALSE(ArrayConcatenation::Handles(DataType::Boolean(), {booleans.Finish()}));
  // A dictionary over fixed-width values is rare and not handled.
  const ArrayPtr dictionary = Integers({7, 8});
  FixedWidthBuilder<int32_t> codes(DataType::Int32());
  codes.Append(1);
  codes.Append(0);
  const ArrayPtr code_array = codes.Finish();
  const auto encoded = std::make_shared<const Array>(
      DataType::Int64(), 2, std::vector<BufferPtr>{nullptr, code_array->buffers()[1]},
      std::vector<ArrayPtr>{}, dictionary);
  EXPECT_FALSE(ArrayConcatenation::Handles(DataType::Int64(), {encoded}));
}

TEST(ArrayConcatenationTest, ConcatenateChunksAgreesWithBuilders) {
  auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("n", DataType::Int64()), types::Field("t", DataType::String()),
      types::Field("b", DataType::Boolean())});
  BooleanBuilder first_flags;
  first_flags.Append(true);
  first_flags.AppendNull();
  BooleanBuilder second_flags;
  second_flags.Append(false);
  const Chunk first(schema, {Integers({1, 2}), Texts({"a", std::nullopt}), first_flags.Finish()},
                    2);
  const Chunk second(
      schema, {Integers({std::nullopt}), DictionaryEncode(*Texts({"b"})), second_flags.Finish()},
      1);
  const Chunk both = ConcatenateChunks(schema, {first, second});
  EXPECT_EQ(both.ToString(), "1 | a | t\n2 | NULL | NULL\nNULL | b | f\n");
}

TEST(ArrayConcatenationTest, ConsumingConcatenationReleasesThePieces) {
  auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>{
      types::Field("n", DataType::Int64()), types::Field("t", DataType::String())});
  std::vector<Chunk> chunks;
  chunks.emplace_back(schema, std::vector<ArrayPtr>{Integers({1, 2}), Texts({"a", "bc"})}, 2);
  chunks.emplace_back(schema, std::vector<ArrayPtr>{Integers({3}), Texts({std::nullopt})}, 1);
  const std::weak_ptr<const Array> first_numbers = chunks[0].column(0);
  const std::weak_ptr<const Array> last_texts = chunks[1].column(1);
  const Chunk both = ConcatenateChunks(schema, std::move(chunks));
  EXPECT_EQ(both.ToString(), "1 | a\n2 | bc\n3 | NULL\n");
  // Nothing but the chunks held the pieces, so none outlives the concatenation.
  EXPECT_TRUE(first_numbers.expired());
  EXPECT_TRUE(last_texts.expired());
}

}  // namespace
}  // namespace boyodb::columnar
