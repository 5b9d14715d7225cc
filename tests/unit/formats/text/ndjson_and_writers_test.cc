// NdjsonReader (strings, escapes, numbers kept as written, missing keys, nested values, bad
// lines) and the two writers (PostgreSQL's quoting and escaping rules, NDJSON's bare numbers).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "formats/text/delimited_writer.h"
#include "formats/text/ndjson_reader.h"
#include "formats/text/ndjson_writer.h"

namespace boyodb::formats::text {
namespace {

columnar::ArrayPtr Text(const std::vector<const char*>& values) {
  columnar::BinaryBuilder builder(types::DataType::String());
  for (const char* value : values) {
    if (value == nullptr) {
      builder.AppendNull();
    } else {
      builder.Append(value);
    }
  }
  return builder.Finish();
}

TEST(NdjsonReaderTest, ValuesBecomeTheirTextAndMissingKeysNull) {
  NdjsonReader reader({"a", "b", "c"}, "COPY t");
  const std::string input =
      "{\"a\": 1.50, \"b\": \"x\\\"y\\u00e9\\n\", \"c\": true}\n"
      "\n"
      "  {\"c\": [1, {\"k\": \"]\"}], \"a\": null, \"ignored\": 3}\n"
      "{}";
  Result<size_t> consumed = reader.Parse(input, /*at_end=*/true, 100);
  ASSERT_TRUE(consumed.ok()) << consumed.status().ToString();
  EXPECT_EQ(*consumed, input.size());
  const TextBlock block = reader.TakeBlock();
  ASSERT_EQ(block.num_rows, 3);
  EXPECT_EQ(block.columns[0]->GetView(0), "1.50");
  EXPECT_EQ(block.columns[1]->GetView(0), "x\"y\xc3\xa9\n");
  EXPECT_EQ(block.columns[2]->GetView(0), "true");
  EXPECT_TRUE(block.columns[0]->IsNull(1));
  EXPECT_TRUE(block.columns[1]->IsNull(1));
  EXPECT_EQ(block.columns[2]->GetView(1), "[1, {\"k\": \"]\"}]");
  EXPECT_TRUE(block.columns[0]->IsNull(2));
  EXPECT_EQ(block.line_numbers, (std::vector<int64_t>{1, 3, 4}));
}

TEST(NdjsonReaderTest, ALineCutByTheBufferWaitsForMore) {
  NdjsonReader reader({"a"}, "COPY t");
  Result<size_t> consumed = reader.Parse("{\"a\": 1}\n{\"a\"", /*at_end=*/false, 100);
  ASSERT_TRUE(consumed.ok());
  EXPECT_EQ(*consumed, 9u);
}

TEST(NdjsonReaderTest, MalformedLinesAre22P02WithTheLine) {
  for (const std::string bad :
       {"[1]", "{\"a\": tru}", "{\"a\" 1}", "{\"a\": \"open}", "{\"a\": 1} x",
        "{\"a\": 1, \"a\": 2}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\xff\"}"}) {
    NdjsonReader reader({"a"}, "COPY t");
    Result<size_t> consumed = reader.Parse("{\"a\": 0}\n" + bad + "\n", true, 100);
    ASSERT_FALSE(consumed.ok()) << bad;
    EXPECT_EQ(consumed.status().sqlstate(), bad.find('\xff') != std::string::npos
                                                ? sqlstate::kCharacterNotInRepertoire
                                                : sqlstate::kInvalidTextRepresentation)
        << bad;
    EXPECT_EQ(consumed.status().context().back(), "COPY t, line 2") << bad;
  }
}

TEST(DelimitedWriterTest, CsvQuotesOnlyWhatMustBeQuoted) {
  DelimitedWriter writer(DelimitedOptions::ForFormat(DelimitedFormat::kCsv));
  const std::vector<columnar::ArrayPtr> columns = {
      Text({"plain", "a,b", "say \"hi\"", "two\nlines", "", nullptr, "\\."}),
      Text({"x", "x", "x", "x", "x", "x", "x"})};
  std::string out;
  writer.WriteRows(columns, 7, &out);
  EXPECT_EQ(out, "plain,x\n\"a,b\",x\n\"say \"\"hi\"\"\",x\n\"two\nlines\",x\n\"\",x\n,x\n\\.,x\n");
  // Alone on its line, "\." would end the data: quoted.
  std::string single;
  writer.WriteRows(std::vector<columnar::ArrayPtr>{Text({"\\."})}, 1, &single);
  EXPECT_EQ(single, "\"\\.\"\n");
}

TEST(DelimitedWriterTest, TextEscapesBackslashesControlCharactersAndTheDelimiter) {
  DelimitedWriter writer(DelimitedOptions::ForFormat(DelimitedFormat::kText));
  std::string out;
  writer.WriteRows(std::vector<columnar::ArrayPtr>{Text({"a\tb\\c\nd\re", nullptr, "\\N"})}, 3,
                   &out);
  EXPECT_EQ(out, "a\\tb\\\\c\\nd\\re\n\\N\n\\\\N\n");
}

TEST(NdjsonWriterTest, NumbersBareOthersQuotedNullAsNull) {
  NdjsonWriter writer({"n", "s"}, {true, false});
  std::string out;
  writer.WriteRows(std::vector<columnar::ArrayPtr>{Text({"1.5", "NaN", nullptr}),
                                                   Text({"a\"\x01", "b", nullptr})},
                   3, &out);
  EXPECT_EQ(out,
            "{\"n\":1.5,\"s\":\"a\\\"\\u0001\"}\n{\"n\":\"NaN\",\"s\":\"b\"}\n"
            "{\"n\":null,\"s\":null}\n");
}

}  // namespace
}  // namespace boyodb::formats::text
