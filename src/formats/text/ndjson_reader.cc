#include "formats/text/ndjson_reader.h"

#include "common/sqlstate.h"
#include "formats/text/utf8.h"

namespace boyodb::formats::text {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void SkipSpace(std::string_view text, size_t* p) {
  while (*p < text.size() && IsSpace(text[*p])) ++*p;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

bool ReadHex4(std::string_view text, size_t p, uint32_t* out) {
  if (p + 4 > text.size()) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    const int digit = HexDigit(text[p + i]);
    if (digit < 0) return false;
    value = value * 16 + static_cast<uint32_t>(digit);
  }
  *out = value;
  return true;
}

// Decodes the JSON string starting at the quote at `*p` into `out`; false when malformed.
bool ReadString(std::string_view text, size_t* p, std::string* out) {
  out->clear();
  size_t i = *p + 1;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      *p = i + 1;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      out->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 == text.size()) return false;
    const char e = text[i + 1];
    i += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t code = 0;
        if (!ReadHex4(text, i, &code)) return false;
        i += 4;
        if (code >= 0xD800 && code < 0xDC00) {
          uint32_t low = 0;
          if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u' ||
              !ReadHex4(text, i + 2, &low) || low < 0xDC00 || low >= 0xE000) {
            return false;
          }
          i += 6;
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xDC00 && code < 0xE000) {
          return false;
        }
        AppendUtf8(code, out);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

// Moves past the array or object at `*p` (strings inside may hold brackets); false when it
// does not end.
bool SkipNested(std::string_view text, size_t* p) {
  int depth = 0;
  size_t i = *p;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      if (i >= text.size()) return false;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) {
        *p = i + 1;
        return true;
      }
    }
    ++i;
  }
  return false;
}

bool IsNumber(std::string_view token) {
  size_t i = 0;
  if (i < token.size() && token[i] == '-') ++i;
  const size_t digits = i;
  while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < token.size() && token[i] == '.') {
    const size_t fraction = ++i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    if (i == fraction) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    const size_t exponent = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    if (i == exponent) return false;
  }
  return i == token.size();
}

}  // namespace

NdjsonReader::NdjsonReader(std::vector<std::string> column_names, std::string error_label)
    : column_names_(std::move(column_names)),
      error_label_(std::move(error_label)),
      present_(column_names_.size()),
      values_(column_names_.size()) {
  for (size_t i = 0; i < column_names_.size(); ++i) {
    builders_.push_back(std::make_unique<columnar::BinaryBuilder>(types::DataType::String()));
  }
}

Status NdjsonReader::LineError(std::string message, int64_t line) const {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTextRepresentation,
                std::move(message))
      .WithContext(error_label_ + ", line " + std::to_string(line));
}

Status NdjsonReader::ParseObject(std::string_view line, int64_t line_number) {
  std::fill(present_.begin(), present_.end(), false);
  // JSON text is UTF-8; \u escapes always decode to valid UTF-8, so checking the line suffices.
  const size_t invalid = Utf8ErrorOffset(line);
  if (invalid != std::string_view::npos) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kCharacterNotInRepertoire,
                  Utf8ErrorMessage(line, invalid))
        .WithContext(error_label_ + ", line " + std::to_string(line_number));
  }
  const auto bad = [&](std::string_view what) {
    return LineError("invalid input syntax for type json: " + std::string(what), line_number);
  };
  size_t p = 0;
  SkipSpace(line, &p);
  if (p == line.size() || line[p] != '{') return bad("a line must hold one JSON object");
  ++p;
  SkipSpace(line, &p);
  std::string key, value;
  bool first = true;
  while (true) {
    if (p < line.size() && line[p] == '}' && first) {
      ++p;
      break;
    }
    if (p == line.size() || line[p] != '"' || !ReadString(line, &p, &key)) {
      return bad("expected a quoted key");
    }
    SkipSpace(line, &p);
    if (p == line.size() || line[p] != ':') return bad("expected \":\" after a key");
    ++p;
    SkipSpace(line, &p);
    if (p == line.size()) return bad("expected a value");
    bool null = false;
    const size_t start = p;
    if (line[p] == '"') {
      if (!ReadString(line, &p, &value)) return bad("malformed string");
    } else if (line[p] == '{' || line[p] == '[') {
      if (!SkipNested(line, &p)) return bad("unterminated array or object");
      value.assign(line.substr(start, p - start));
    } else {
      while (p < line.size() && !IsSpace(line[p]) && line[p] != ',' && line[p] != '}') ++p;
      const std::string_view token = line.substr(start, p - start);
      if (token == "null") {
        null = true;
      } else if (token == "true" || token == "false" || IsNumber(token)) {
        value.assign(token);
      } else {
        return bad("unexpected value \"" + std::string(token) + "\"");
      }
    }
    for (size_t i = 0; i < column_names_.size(); ++i) {
      if (column_names_[i] != key) continue;
      if (present_[i]) return bad("key \"" + key + "\" appears twice");
      present_[i] = !null;
      if (!null) values_[i].swap(value);
      break;
    }
    first = false;
    SkipSpace(line, &p);
    if (p < line.size() && line[p] == ',') {
      ++p;
      SkipSpace(line, &p);
      continue;
    }
    if (p < line.size() && line[p] == '}') {
      ++p;
      break;
    }
    return bad("expected \",\" or \"}\"");
  }
  SkipSpace(line, &p);
  if (p != line.size()) return bad("unexpected text after the object");
  for (size_t i = 0; i < column_names_.size(); ++i) {
    if (present_[i]) {
      builders_[i]->Append(values_[i]);
    } else {
      builders_[i]->AppendNull();
    }
  }
  line_numbers_.push_back(line_number);
  ++num_rows_;
  return Status::OK();
}

Result<size_t> NdjsonReader::Parse(std::string_view data, bool at_end, int64_t max_rows) {
  size_t position = 0;
  while (position < data.size() && num_rows_ < max_rows) {
    size_t newline = data.find('\n', position);
    if (newline == std::string_view::npos) {
      if (!at_end) break;
      newline = data.size();
    }
    std::string_view line = data.substr(position, newline - position);
    position = newline == data.size() ? newline : newline + 1;
    ++lines_;
    size_t first = 0;
    SkipSpace(line, &first);
    if (first == line.size()) continue;
    BOYO_RETURN_IF_ERROR(ParseObject(line, lines_));
  }
  return position;
}

TextBlock NdjsonReader::TakeBlock() {
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
