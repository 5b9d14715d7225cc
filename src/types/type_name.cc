// ParseTypeName: reads the SQL spelling of a type (see data_type.h for the accepted names).
#include <cctype>
#include <string>

#include "common/sqlstate.h"
#include "types/data_type.h"

namespace boyodb::types {
namespace {

class TypeNameParser {
 public:
  explicit TypeNameParser(std::string_view text) : text_(text) {}

  Result<DataType> ParseAll() {
    BOYO_ASSIGN_OR_RETURN(DataType type, ParseType());
    SkipSpace();
    if (pos_ != text_.size()) return Error("unexpected text after the type");
    return type;
  }

 private:
  Result<DataType> ParseType() {
    BOYO_ASSIGN_OR_RETURN(DataType type, ParseBase());
    while (TryPunct('[')) {
      // PostgreSQL accepts and ignores a dimension size: INTEGER[3].
      SkipSpace();
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (!TryPunct(']')) return Error("expected ']'");
      type = DataType::List(std::move(type));
    }
    return type;
  }

  Result<DataType> ParseBase() {
    const std::string word = ReadWord();
    if (word.empty()) return Error("expected a type name");
    if (word == "ARRAY") {
      if (!TryPunct('(')) return DataType::List(DataType::String());
      BOYO_ASSIGN_OR_RETURN(DataType element, ParseType());
      if (!TryPunct(')')) return Error("expected ')' after the ARRAY element type");
      return DataType::List(std::move(element));
    }
    if (word == "MAP") {
      if (!TryPunct('(')) return Error("expected '(' after MAP");
      BOYO_ASSIGN_OR_RETURN(DataType key, ParseType());
      if (!TryPunct(',')) return Error("expected ',' between MAP key and value types");
      BOYO_ASSIGN_OR_RETURN(DataType value, ParseType());
      if (!TryPunct(')')) return Error("expected ')' after the MAP value type");
      return DataType::Map(std::move(key), std::move(value));
    }
    if (word == "STRUCT" || word == "ROW") return ParseStructFields();

    std::string name = word;
    if (name == "DOUBLE" && PeekWord() == "PRECISION") name += " " + ReadWord();
    if (name == "CHARACTER" && PeekWord() == "VARYING") name += " " + ReadWord();
    if (name == "TIMESTAMP" || name == "TIME") {
      // Precision such as TIMESTAMP(3) is accepted; values are always kept in microseconds.
      if (TryPunct('(')) {
        BOYO_ASSIGN_OR_RETURN(const int ignored, ReadNumber());
        (void)ignored;
        if (!TryPunct(')')) return Error("expected ')'");
      }
      if (PeekWord() == "WITH" || PeekWord() == "WITHOUT") {
        const std::string with = ReadWord();
        if (ReadWord() != "TIME" || ReadWord() != "ZONE") return Error("expected TIME ZONE");
        if (with == "WITH") name += "TZ";
      }
    }
    std::vector<int> modifiers;
    if (TryPunct('(')) {
      do {
        BOYO_ASSIGN_OR_RETURN(const int value, ReadNumber());
        modifiers.push_back(value);
      } while (TryPunct(','));
      if (!TryPunct(')')) return Error("expected ')' after type modifiers");
    }
    return FromName(name, modifiers);
  }

  Result<DataType> FromName(const std::string& name, const std::vector<int>& modifiers) {
    const bool is_text = name == "TEXT" || name == "VARCHAR" || name == "STRING" ||
                         name == "CHARACTER VARYING" || name == "CHAR" || name == "CHARACTER" ||
                         name == "BPCHAR";
    if (name == "DECIMAL" || name == "NUMERIC") {
      if (modifiers.size() > 2) return Error("NUMERIC takes at most two modifiers");
      // PostgreSQL's unqualified NUMERIC is unbounded; ours is the widest 128-bit decimal with
      // room for fractions, DECIMAL(38, 9). DECIMAL(p) means scale 0, as in PostgreSQL.
      const int precision = modifiers.empty() ? 38 : modifiers[0];
      const int scale = modifiers.size() == 2 ? modifiers[1] : (modifiers.empty() ? 9 : 0);
      return DataType::MakeDecimal(precision, scale);
    }
    if (!modifiers.empty() && !is_text) return Error("type " + name + " takes no modifiers");
    if (is_text) return DataType::String();
    if (name == "BOOLEAN" || name == "BOOL") return DataType::Boolean();
    if (name == "TINYINT") return DataType::Int8();
    if (name == "SMALLINT" || name == "INT2" || name == "INT16") return DataType::Int16();
    if (name == "INTEGER" || name == "INT" || name == "INT4" || name == "INT32") {
      return DataType::Int32();
    }
    if (name == "BIGINT" || name == "INT8" || name == "INT64") return DataType::Int64();
    if (name == "UINT8" || name == "UTINYINT") return DataType::UInt8();
    if (name == "UINT16" || name == "USMALLINT") return DataType::UInt16();
    if (name == "UINT32" || name == "UINTEGER") return DataType::UInt32();
    if (name == "UINT64" || name == "UBIGINT") return DataType::UInt64();
    if (name == "REAL" || name == "FLOAT4" || name == "FLOAT32") return DataType::Float32();
    if (name == "DOUBLE PRECISION" || name == "DOUBLE" || name == "FLOAT8" || name == "FLOAT64" ||
        name == "FLOAT") {
      return DataType::Float64();
    }
    if (name == "BYTEA" || name == "BLOB" || name == "BINARY" || name == "VARBINARY") {
      return DataType::Binary();
    }
    if (name == "DATE") return DataType::Date();
    if (name == "TIME") return DataType::Time();
    if (name == "TIMESTAMP" || name == "DATETIME") return DataType::Timestamp();
    if (name == "TIMESTAMPTZ") return DataType::TimestampTz();
    if (name == "INTERVAL") return DataType::Interval();
    if (name == "UUID") return DataType::Uuid();
    if (name == "JSON" || name == "JSONB") return DataType::Json();
    if (name == "IPV4") return DataType::Ipv4();
    if (name == "IPV6") return DataType::Ipv6();
    return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedObject,
                  "type \"" + Lower(name) + "\" does not exist");
  }

  Result<DataType> ParseStructFields() {
    if (!TryPunct('(')) return Error("expected '(' after STRUCT");
    std::vector<Field> fields;
    do {
      SkipSpace();
      std::string field_name;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        BOYO_ASSIGN_OR_RETURN(field_name, ReadQuoted());
      } else {
        field_name = ReadRawWord();
        if (field_name.empty()) return Error("expected a STRUCT field name");
      }
      BOYO_ASSIGN_OR_RETURN(DataType field_type, ParseType());
      fields.emplace_back(std::move(field_name), std::move(field_type));
    } while (TryPunct(','));
    if (!TryPunct(')')) return Error("expected ')' after STRUCT fields");
    return DataType::Struct(std::move(fields));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool TryPunct(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::string ReadRawWord() {
    SkipSpace();
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string ReadWord() {
    std::string word = ReadRawWord();
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word;
  }

  std::string PeekWord() {
    const size_t saved = pos_;
    std::string word = ReadWord();
    pos_ = saved;
    return word;
  }

  Result<std::string> ReadQuoted() {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          out += '"';
          ++pos_;
          continue;
        }
        return out;
      }
      out += c;
    }
    return Error("unterminated quoted field name");
  }

  Result<int> ReadNumber() {
    SkipSpace();
    const size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (start == pos_ || pos_ - start > 9) return Error("expected a number");
    return std::stoi(std::string(text_.substr(start, pos_ - start)));
  }

  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  Status Error(const std::string& what) const {
    return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedObject,
                  "invalid type name \"" + std::string(text_) + "\": " + what + " at character " +
                      std::to_string(pos_ + 1));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<DataType> ParseTypeName(std::string_view text) { return TypeNameParser(text).ParseAll(); }

}  // namespace boyodb::types
