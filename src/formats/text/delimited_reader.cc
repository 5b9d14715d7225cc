#include "formats/text/delimited_reader.h"

#include <bit>
#include <cstring>

#include "common/sqlstate.h"
#include "formats/text/utf8.h"

namespace boyodb::formats::text {
namespace {

int OctalDigit(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes PostgreSQL's text-format escapes of `raw` into `out`; returns the bytes written.
size_t DecodeTextEscapes(std::string_view raw, char* out) {
  char* o = out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\\' || i + 1 == raw.size()) {
      *o++ = c;
      continue;
    }
    const char next = raw[++i];
    switch (next) {
      case 'b':
        *o++ = '\b';
        break;
      case 'f':
        *o++ = '\f';
        break;
      case 'n':
        *o++ = '\n';
        break;
      case 'r':
        *o++ = '\r';
        break;
      case 't':
        *o++ = '\t';
        break;
      case 'v':
        *o++ = '\v';
        break;
      case 'x': {
        int value = 0, digits = 0;
        while (digits < 2 && i + 1 < raw.size() && HexDigit(raw[i + 1]) >= 0) {
          value = value * 16 + HexDigit(raw[++i]);
          ++digits;
        }
        *o++ = digits == 0 ? 'x' : static_cast<char>(value);
        break;
      }
      default:
        if (OctalDigit(next) >= 0) {
          int value = OctalDigit(next), digits = 1;
          while (digits < 3 && i + 1 < raw.size() && OctalDigit(raw[i + 1]) >= 0) {
            value = value * 8 + OctalDigit(raw[++i]);
            ++digits;
          }
          *o++ = static_cast<char>(value & 0xff);
        } else {
          *o++ = next;  // \\, \<delimiter>, \<newline> and any other character stand for it
        }
    }
  }
  return static_cast<size_t>(o - out);
}

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

// Moves `*position` past the line end at it (\n, \r\n or \r). False when a \r ends `data`
// and more input might hold its \n.
bool SkipLineEnd(std::string_view data, bool at_end, size_t* position) {
  if (data[*position] == '\r') {
    if (*position + 1 == data.size() && !at_end) return false;
    if (*position + 1 < data.size() && data[*position + 1] == '\n') ++*position;
  }
  ++*position;
  return true;
}

}  // namespace

DelimitedReader::DelimitedReader(DelimitedOptions options, std::vector<std::string> column_names,
                                 Header header, std::string error_label)
    : options_(std::move(options)),
      column_names_(std::move(column_names)),
      header_(header),
      error_label_(std::move(error_label)) {
  for (size_t i = 0; i < column_names_.size(); ++i) {
    builders_.push_back(std::make_unique<columnar::BinaryBuilder>(types::DataType::String()));
  }
}

Status DelimitedReader::RowError(std::string message, int64_t line) const {
  return Status(StatusCode::kInvalidArgument, sqlstate::kBadCopyFileFormat, std::move(message))
      .WithContext(error_label_ + ", line " + std::to_string(line));
}

bool DelimitedReader::AtEndMarker(std::string_view data, bool at_end, size_t* position,
                                  bool* need_more) const {
  *need_more = false;
  const size_t p = *position;
  if (data[p] != '\\') return false;
  if (p + 1 == data.size()) {
    *need_more = !at_end;
    return false;
  }
  if (data[p + 1] != '.') return false;
  if (p + 2 == data.size()) {
    if (!at_end) {
      *need_more = true;
      return false;
    }
    *position = p + 2;
    return true;
  }
  if (!IsLineEnd(data[p + 2])) return false;
  size_t end = p + 2;
  if (!SkipLineEnd(data, at_end, &end)) {
    *need_more = true;
    return false;
  }
  *position = end;
  return true;
}

Result<DelimitedReader::RowEnd> DelimitedReader::ParseTextRow(std::string_view data, bool at_end,
                                                              size_t* position) {
  const char* const begin = data.data();
  const char delimiter = options_.delimiter;
  size_t p = *position;
  while (true) {
    // One field: up to an unescaped delimiter or line end. A backslash takes the next byte
    // with it, so "\<delimiter>" and "\<newline>" are data.
    const size_t start = p;
    bool escaped = false;
    while (p < data.size()) {
      const char c = data[p];
      if (c == delimiter || IsLineEnd(c)) break;
      if (c == '\\') {
        if (p + 1 == data.size()) {
          if (!at_end) return RowEnd::kNeedMore;
          ++p;
          break;
        }
        escaped = true;
        if (data[p + 1] == '\n') ++row_newlines_;
        p += 2;
        continue;
      }
      ++p;
    }
    if (p == data.size() && !at_end) return RowEnd::kNeedMore;
    const std::string_view raw(begin + start, p - start);
    // The NULL string is compared with the field as written, before escapes are decoded.
    if (raw == options_.null_string) {
      fields_.push_back(Field{nullptr, 0, true});
    } else if (!escaped) {
      fields_.push_back(Field{raw.data(), raw.size(), false});
    } else {
      char* out = scratch_.get() + scratch_used_;
      const size_t size = DecodeTextEscapes(raw, out);
      scratch_used_ += size;
      fields_.push_back(Field{out, size, false});
    }
    if (p == data.size()) break;
    if (data[p] == delimiter) {
      ++p;
      continue;
    }
    if (!SkipLineEnd(data, at_end, &p)) return RowEnd::kNeedMore;
    break;
  }
  *position = p;
  return RowEnd::kComplete;
}

namespace {

// Eight copies of a byte, for the word-at-a-time scan.
constexpr uint64_t Broadcast8(char c) { return 0x0101010101010101ULL * static_cast<uint8_t>(c); }

// A word with the high bit set in the bytes of `word` equal to the byte of `pattern` (the
// lowest such bit is exact; bits above it may be false positives, which the scan never uses).
inline uint64_t MatchingBytes(uint64_t word, uint64_t pattern) {
  const uint64_t x = word ^ pattern;
  return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

}  // namespace

size_t DelimitedReader::SkipPlainBytes(std::string_view data, size_t p) const {
  // The first byte at or after p that is the delimiter, the quote or a line end, eight bytes
  // at a time: most CSV bytes are none of these.
  const uint64_t delimiter = Broadcast8(options_.delimiter), quote = Broadcast8(options_.quote);
  const uint64_t newline = Broadcast8('\n'), carriage_return = Broadcast8('\r');
  while (p + 8 <= data.size()) {
    uint64_t word;
    std::memcpy(&word, data.data() + p, 8);
    const uint64_t found = MatchingBytes(word, delimiter) | MatchingBytes(word, quote) |
                           MatchingBytes(word, newline) | MatchingBytes(word, carriage_return);
    if (found != 0) return p + static_cast<size_t>(std::countr_zero(found) >> 3);
    p += 8;
  }
  while (p < data.size()) {
    const char c = data[p];
    if (c == options_.delimiter || c == options_.quote || IsLineEnd(c)) break;
    ++p;
  }
  return p;
}

Result<DelimitedReader::RowEnd> DelimitedReader::ParseCsvRow(std::string_view data, bool at_end,
                                                             size_t* position) {
  const char* const begin = data.data();
  const char delimiter = options_.delimiter, quote = options_.quote, escape = options_.escape;
  size_t p = *position;
  while (true) {
    const size_t start = p;
    bool saw_quote = false, in_quote = false;
    char* out = nullptr;
    size_t out_size = 0;
    while (p < data.size()) {
      if (!saw_quote) {
        p = SkipPlainBytes(data, p);
        if (p == data.size()) break;
      }
      const char c = data[p];
      if (!in_quote) {
        if (c == delimiter || IsLineEnd(c)) break;
        if (c == quote) {
          if (!saw_quote) {
            // From the first quote on, the field's bytes are copied without the quotes.
            saw_quote = true;
            out = scratch_.get() + scratch_used_;
            std::memcpy(out, begin + start, p - start);
            out_size = p - start;
          }
          in_quote = true;
          ++p;
          continue;
        }
        if (saw_quote) out[out_size++] = c;
        ++p;
        continue;
      }
      if (c == escape) {
        // Inside quotes the escape character makes a following quote or escape literal;
        // when escape and quote are the same character, a lone one closes the quotes.
        if (p + 1 == data.size() && !at_end) return RowEnd::kNeedMore;
        if (p + 1 < data.size() && (data[p + 1] == quote || data[p + 1] == escape)) {
          out[out_size++] = data[p + 1];
          p += 2;
          continue;
        }
      }
      if (c == quote) {
        in_quote = false;
        ++p;
        continue;
      }
      if (c == '\n') ++row_newlines_;
      out[out_size++] = c;
      ++p;
    }
    if (p == data.size()) {
      if (!at_end) return RowEnd::kNeedMore;
      if (in_quote) return RowError("unterminated CSV quoted field", lines_ + 1 + row_newlines_);
    }
    const size_t column = fields_.size();
    if (saw_quote) {
      scratch_used_ += out_size;
      fields_.push_back(Field{out, out_size, false});
    } else {
      const std::string_view raw(begin + start, p - start);
      const bool null = raw == options_.null_string && !ForceNotNull(column);
      fields_.push_back(Field{raw.data(), raw.size(), null});
    }
    if (p == data.size()) break;
    if (data[p] == delimiter) {
      ++p;
      continue;
    }
    if (!SkipLineEnd(data, at_end, &p)) return RowEnd::kNeedMore;
    break;
  }
  *position = p;
  return RowEnd::kComplete;
}

Status DelimitedReader::MatchHeader(int64_t line) const {
  if (fields_.size() != column_names_.size()) {
    return RowError("wrong number of fields in header line: field count is " +
                        std::to_string(fields_.size()) + ", expected " +
                        std::to_string(column_names_.size()),
                    line);
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string_view name =
        fields_[i].null ? std::string_view() : std::string_view(fields_[i].data, fields_[i].size);
    if (fields_[i].null || name != column_names_[i]) {
      return RowError("column name mismatch in header line field " + std::to_string(i + 1) +
                          ": got \"" + std::string(name) + "\", expected \"" + column_names_[i] +
                          "\"",
                      line);
    }
  }
  return Status::OK();
}

Status DelimitedReader::AddRow(int64_t line, std::string_view raw_row) {
  const size_t expected = column_names_.size();
  if (fields_.size() > expected) {
    return RowError("extra data after last expected column", line);
  }
  if (fields_.size() < expected) {
    return RowError("missing data for column \"" + column_names_[fields_.size()] + "\"", line);
  }
  // A CSV row whose quote, escape and delimiter are ASCII is valid UTF-8 exactly when its
  // input bytes are (unquoting removes ASCII bytes only): one check of the row, not one per
  // field.
  if (!raw_row.empty()) {
    const size_t bad = Utf8ErrorOffset(raw_row);
    if (bad == std::string_view::npos) return AppendFields(line);
  }
  for (size_t i = 0; i < expected; ++i) {
    const Field& field = fields_[i];
    if (!field.null) {
      // Decoded escapes can form bytes too (\xff), so the field is checked as stored.
      const std::string_view value(field.data, field.size);
      const size_t bad = Utf8ErrorOffset(value);
      if (bad != std::string_view::npos) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kCharacterNotInRepertoire,
                      Utf8ErrorMessage(value, bad))
            .WithContext(error_label_ + ", line " + std::to_string(line));
      }
    }
  }
  return AppendFields(line);
}

Status DelimitedReader::AppendFields(int64_t line) {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const Field& field = fields_[i];
    if (field.null) {
      builders_[i]->AppendNull();
    } else {
      builders_[i]->Append(std::string_view(field.data, field.size));
    }
  }
  line_numbers_.push_back(line);
  ++num_rows_;
  return Status::OK();
}

Result<size_t> DelimitedReader::Parse(std::string_view data, bool at_end, int64_t max_rows) {
  if (scratch_size_ < data.size()) {
    scratch_size_ = data.size();
    scratch_ = std::make_unique<char[]>(scratch_size_);
  }
  const bool csv = options_.format == DelimitedFormat::kCsv;
  size_t position = 0;
  while (!finished_ && position < data.size() && num_rows_ < max_rows) {
    bool need_more = false;
    size_t next = position;
    if (AtEndMarker(data, at_end, &next, &need_more)) {
      ++lines_;
      finished_ = true;
      position = next;
      break;
    }
    if (need_more) break;
    const size_t row_start = position;
    fields_.clear();
    scratch_used_ = 0;
    row_newlines_ = 0;
    BOYO_ASSIGN_OR_RETURN(const RowEnd end, csv ? ParseCsvRow(data, at_end, &next)
                                                : ParseTextRow(data, at_end, &next));
    if (end == RowEnd::kNeedMore) break;
    const int64_t line = lines_ + 1 + row_newlines_;
    lines_ = line;
    position = next;
    if (header_ != Header::kNone) {
      if (header_ == Header::kMatch) BOYO_RETURN_IF_ERROR(MatchHeader(line));
      header_ = Header::kNone;
      continue;
    }
    // (The raw row of CSV, whose quotes and delimiters are ASCII, for one UTF-8 check.)
    const bool ascii_specials = static_cast<unsigned char>(options_.delimiter) < 0x80 &&
                                static_cast<unsigned char>(options_.quote) < 0x80 &&
                                static_cast<unsigned char>(options_.escape) < 0x80;
    const std::string_view raw_row =
        csv && ascii_specials ? data.substr(row_start, next - row_start) : std::string_view();
    BOYO_RETURN_IF_ERROR(AddRow(line, raw_row));
  }
  return position;
}

TextBlock DelimitedReader::TakeBlock() {
  TextBlock block;
  for (auto& builder : builders_) {
    block.columns.push_back(builder->Finish());
    // The next block is likely as large: reserve once rather than grow by doubling.
    builder->Reserve(block.columns.back()->length(), block.columns.back()->ByteSize());
  }
  block.line_numbers = std::move(line_numbers_);
  line_numbers_.clear();
  block.num_rows = num_rows_;
  num_rows_ = 0;
  return block;
}

}  // namespace boyodb::formats::text
