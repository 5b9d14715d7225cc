// DelimitedReader on tricky input: CSV quotes, doubled quotes, quoted newlines, CRLF, a last
// line without newline, rows cut at every byte boundary, truncated quoted fields, the text
// format's escapes and \N, the end-of-data line, HEADER and HEADER MATCH, field count errors.
#include "formats/text/delimited_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/sqlstate.h"

namespace boyodb::formats::text {
namespace {

using Header = DelimitedReader::Header;

// Rows as "a|b|<null>" strings, or the error's message and context.
struct Parsed {
  std::vector<std::string> rows;
  std::vector<int64_t> lines;
  Status status;
};

std::vector<std::string> Names(size_t count) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) names.push_back(std::string(1, static_cast<char>('a' + i)));
  return names;
}

void Collect(DelimitedReader& reader, Parsed* parsed) {
  const TextBlock block = reader.TakeBlock();
  for (int64_t row = 0; row < block.num_rows; ++row) {
    std::string text;
    for (size_t c = 0; c < block.columns.size(); ++c) {
      if (c > 0) text += "|";
      text +=
          block.columns[c]->IsNull(row) ? "<null>" : std::string(block.columns[c]->GetView(row));
    }
    parsed->rows.push_back(text);
    parsed->lines.push_back(block.line_numbers[static_cast<size_t>(row)]);
  }
}

// Feeds `input` in pieces of `piece` bytes (0: all at once), as CopyReader's buffer does.
Parsed Parse(const std::string& input, size_t columns, DelimitedFormat format,
             Header header = Header::kNone, size_t piece = 0,
             DelimitedOptions options = DelimitedOptions()) {
  if (options.format != format) options = DelimitedOptions::ForFormat(format);
  DelimitedReader reader(options, Names(columns), header, "COPY t");
  Parsed parsed;
  std::string buffer;
  size_t fed = 0;
  while (true) {
    const size_t take = piece == 0 ? input.size() - fed : std::min(piece, input.size() - fed);
    buffer.append(input, fed, take);
    fed += take;
    const bool at_end = fed == input.size();
    Result<size_t> consumed = reader.Parse(buffer, at_end, 1 << 20);
    if (!consumed.ok()) {
      parsed.status = consumed.status();
      return parsed;
    }
    buffer.erase(0, *consumed);
    if (at_end || reader.finished()) break;
  }
  Collect(reader, &parsed);
  return parsed;
}

TEST(DelimitedReaderTest, CsvQuotesDoubledQuotesAndQuotedNewlines) {
  const std::string input = "1,\"a,b\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",x\n3,,\"\"\n";
  const Parsed parsed = Parse(input, 3, DelimitedFormat::kCsv);
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.ToString();
  EXPECT_EQ(parsed.rows,
            (std::vector<std::string>{"1|a,b|say \"hi\"", "2|two\nlines|x", "3|<null>|"}));
  // A quoted newline starts a new input line: row 2 ends on line 3.
  EXPECT_EQ(parsed.lines, (std::vector<int64_t>{1, 3, 4}));
}

TEST(DelimitedReaderTest, EveryCutOfTheInputGivesTheSameRows) {
  const std::string input = "1,\"a,\"\"b\"\"\r\nc\"\r\n2,x\r\n\"3\",\"\"\n4,last";
  const Parsed whole = Parse(input, 2, DelimitedFormat::kCsv);
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  EXPECT_EQ(whole.rows, (std::vector<std::string>{"1|a,\"b\"\r\nc", "2|x", "3|", "4|last"}));
  for (size_t piece = 1; piece < input.size(); ++piece) {
    const Parsed parsed = Parse(input, 2, DelimitedFormat::kCsv, Header::kNone, piece);
    ASSERT_TRUE(parsed.status.ok()) << piece << ": " << parsed.status.ToString();
    EXPECT_EQ(parsed.rows, whole.rows) << "pieces of " << piece;
  }
}

TEST(DelimitedReaderTest, CrLfAndMissingTrailingNewline) {
  EXPECT_EQ(Parse("a\tb\r\nc\td", 2, DelimitedFormat::kText).rows,
            (std::vector<std::string>{"a|b", "c|d"}));
  EXPECT_EQ(Parse("a,b\r\nc,d\r\n", 2, DelimitedFormat::kCsv).rows,
            (std::vector<std::string>{"a|b", "c|d"}));
}

TEST(DelimitedReaderTest, TruncatedQuotedFieldIsAnErrorNamingTheLine) {
  const Parsed parsed = Parse("1,ok\n2,\"never closed\nstill open", 2, DelimitedFormat::kCsv);
  EXPECT_EQ(parsed.status.sqlstate(), sqlstate::kBadCopyFileFormat);
  EXPECT_EQ(parsed.status.message(), "unterminated CSV quoted field");
  ASSERT_EQ(parsed.status.context().size(), 1u);
  EXPECT_EQ(parsed.status.context()[0], "COPY t, line 3");
}

TEST(DelimitedReaderTest, TextEscapesAndNull) {
  const std::string input =
      "\\N\t\\\\N\tx\\ty\n"
      "a\\nb\t\\101\\x41\\q\tend\\\\\n"
      "\\\ttab\t\t\n";
  const Parsed parsed = Parse(input, 3, DelimitedFormat::kText);
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.ToString();
  EXPECT_EQ(parsed.rows,
            (std::vector<std::string>{"<null>|\\N|x\ty", "a\nb|AAq|end\\", "\ttab||"}));
}

TEST(DelimitedReaderTest, EndOfDataLineStopsReading) {
  const Parsed parsed = Parse("1\n2\n\\.\n3\n", 1, DelimitedFormat::kText);
  EXPECT_EQ(parsed.rows, (std::vector<std::string>{"1", "2"}));
  // In CSV a quoted "\." is a value.
  EXPECT_EQ(Parse("\"\\.\"\n\\.\n", 1, DelimitedFormat::kCsv).rows,
            (std::vector<std::string>{"\\."}));
}

TEST(DelimitedReaderTest, HeaderIsSkippedOrMatched) {
  EXPECT_EQ(Parse("a,b\n1,2\n", 2, DelimitedFormat::kCsv, Header::kSkip).rows,
            (std::vector<std::string>{"1|2"}));
  EXPECT_EQ(Parse("a,b\n1,2\n", 2, DelimitedFormat::kCsv, Header::kMatch).rows,
            (std::vector<std::string>{"1|2"}));
  const Parsed wrong = Parse("a,c\n1,2\n", 2, DelimitedFormat::kCsv, Header::kMatch);
  EXPECT_EQ(wrong.status.sqlstate(), sqlstate::kBadCopyFileFormat);
  EXPECT_EQ(wrong.status.message(),
            "column name mismatch in header line field 2: got \"c\", expected \"b\"");
}

TEST(DelimitedReaderTest, TooFewAndTooManyFields) {
  const Parsed few = Parse("1,2,3\n4,5\n", 3, DelimitedFormat::kCsv);
  EXPECT_EQ(few.status.sqlstate(), sqlstate::kBadCopyFileFormat);
  EXPECT_EQ(few.status.message(), "missing data for column \"c\"");
  EXPECT_EQ(few.status.context()[0], "COPY t, line 2");
  const Parsed many = Parse("1\t2\t3\t4\n", 3, DelimitedFormat::kText);
  EXPECT_EQ(many.status.message(), "extra data after last expected column");
}

TEST(DelimitedReaderTest, OtherDelimiterQuoteEscapeAndNullString) {
  DelimitedOptions options = DelimitedOptions::ForFormat(DelimitedFormat::kCsv);
  options.delimiter = '|';
  options.quote = '\'';
  options.escape = '\\';
  options.null_string = "NULL";
  const Parsed parsed =
      Parse("'it\\'s'|NULL|'NULL'|\n", 4, DelimitedFormat::kCsv, Header::kNone, 0, options);
  ASSERT_TRUE(parsed.status.ok()) << parsed.status.ToString();
  EXPECT_EQ(parsed.rows, (std::vector<std::string>{"it's|<null>|NULL|"}));
}

TEST(DelimitedReaderTest, ForceNotNullReadsTheNullStringAsAValue) {
  DelimitedOptions options = DelimitedOptions::ForFormat(DelimitedFormat::kCsv);
  options.force_not_null = {false, true};
  EXPECT_EQ(Parse(",\n", 2, DelimitedFormat::kCsv, Header::kNone, 0, options).rows,
            (std::vector<std::string>{"<null>|"}));
}

TEST(DelimitedReaderTest, InvalidUtf8Is22021NamingTheLine) {
  // Valid: two-, three- and four-byte sequences, and long ASCII runs.
  EXPECT_TRUE(Parse("h\xc3\xa9llo w\xe2\x82\xac \xf0\x9f\x98\x80 abcdefghijklmnop\n", 1,
                    DelimitedFormat::kCsv)
                  .status.ok());
  for (const std::string bad :
       {"\xff", "\xc3", "a\xc3(", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\\xff"}) {
    const Parsed parsed = Parse("ok\n" + bad + "\n", 1, DelimitedFormat::kText);
    EXPECT_EQ(parsed.status.sqlstate(), sqlstate::kCharacterNotInRepertoire) << bad;
    ASSERT_FALSE(parsed.status.context().empty()) << bad;
    EXPECT_EQ(parsed.status.context()[0], "COPY t, line 2") << bad;
  }
  EXPECT_EQ(Parse("a\xe9"
                  "b\n",
                  1, DelimitedFormat::kCsv)
                .status.message(),
            "invalid byte sequence for encoding \"UTF8\": 0xe9 0x62");
}

TEST(DelimitedReaderTest, ArbitraryBytesNeverCrash) {
  // Every byte string of a small alphabet up to length 6: parse, never crash.
  const std::string alphabet = ",\"\n\r\\a.";
  std::vector<std::string> inputs = {""};
  for (int length = 1; length <= 5; ++length) {
    std::vector<std::string> next;
    for (const std::string& input : inputs) {
      if (static_cast<int>(input.size()) != length - 1) continue;
      for (const char c : alphabet) next.push_back(input + c);
    }
    inputs.insert(inputs.end(), next.begin(), next.end());
  }
  for (const std::string& input : inputs) {
    (void)Parse(input, 2, DelimitedFormat::kCsv, Header::kNone, 1);
    (void)Parse(input, 2, DelimitedFormat::kText, Header::kNone, 2);
  }
}

}  // namespace
}  // namespace boyodb::formats::text
