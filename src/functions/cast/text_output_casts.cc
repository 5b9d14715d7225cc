// Casts of every scalar type to TEXT, printing values as PostgreSQL's output functions do:
// BOOLEAN as true/false (PostgreSQL's bool-to-text cast), floats via float_format.h, DECIMAL
// with exactly its scale, DATE/TIME/TIMESTAMP in ISO style, TIMESTAMPTZ in the session's time
// zone with its offset ("2024-03-01 14:45:01.25+01"), INTERVAL in the postgres style, UUID in
// lower-case hex with hyphens, BYTEA as \x hex, arrays as array_out does (each element by its
// type's output, quoted where needed). Other types (unsigned integers, IPv4/IPv6, maps,
// structs) print as types::Value::ToString does.
// Thread safety: the kernels are stateless and reentrant.
#include <charconv>

#include "functions/cast/cast_internal.h"
#include "functions/cast/float_format.h"
#include "functions/datetime/interval_text.h"
#include "functions/datetime/time_zone.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;
using Uuid = std::array<uint8_t, 16>;
using types::Int128;

constexpr char kHexDigits[] = "0123456789abcdef";

template <typename T>
Status IntegerText(T value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
  return Status::OK();
}

sql::CastKernel TimestampTzText() {
  return [](const columnar::ArrayPtr& input,
            const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    const columnar::ArrayPtr args[] = {input};
    return MapRows<StringResult, int64_t>(args, input->length(), DataType::String(),
                                          [&zone](int64_t utc, std::string* out) {
                                            out->append(FormatTimestampTz(utc, zone));
                                            return Status::OK();
                                          });
  };
}

// Value::ToString, for the types PostgreSQL has no counterpart of.
sql::CastKernel ValueText() {
  return
      [](const columnar::ArrayPtr& input, const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
        columnar::BinaryBuilder builder(DataType::String());
        for (int64_t i = 0; i < input->length(); ++i) {
          if (input->IsNull(i)) {
            builder.AppendNull();
          } else {
            builder.Append(input->GetValue(i).ToString());
          }
        }
        return builder.Finish();
      };
}

// Appends one array element's text as PostgreSQL's array_out writes it: double-quoted, with
// " and \ escaped, when it is empty, is the word NULL in any case, or holds a brace, a comma, a
// quote, a backslash or white space.
void AppendArrayElement(std::string_view text, std::string* out) {
  bool needs_quotes =
      text.empty() || (text.size() == 4 && (text[0] | 0x20) == 'n' && (text[1] | 0x20) == 'u' &&
                       (text[2] | 0x20) == 'l' && (text[3] | 0x20) == 'l');
  for (const char c : text) {
    switch (c) {
      case '"':
      case '\\':
      case '{':
      case '}':
      case ',':
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case '\v':
      case '\f':
        needs_quotes = true;
        break;
      default:
        break;
    }
  }
  if (!needs_quotes) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

// Arrays print as PostgreSQL's array_out prints them ("{1,NULL,"a b"}", "{{1,2},{3,4}}"), each
// element by its type's own text output. The elements the rows reach are converted in one
// call of that cast.
class ListTextWriter {
 public:
  /// Requires: `lists` is the input and its descendants down to the innermost list; `texts`
  /// holds the text of innermost elements [base, ...) (nullptr: all elements are NULL).
  ListTextWriter(std::vector<const columnar::Array*> lists, const columnar::Array* texts,
                 int64_t base)
      : lists_(std::move(lists)), texts_(texts), base_(base) {}

  void Write(size_t level, int64_t row, std::string* out) const {
    const columnar::Array& list = *lists_[level];
    const int32_t* offsets = list.offsets();
    const bool innermost = level + 1 == lists_.size();
    const columnar::Array& children = innermost ? *list.child(0) : *lists_[level + 1];
    out->push_back('{');
    for (int64_t index = offsets[row]; index < offsets[row + 1]; ++index) {
      if (index > offsets[row]) out->push_back(',');
      if (!innermost) {
        if (children.IsNull(index)) {
          out->append("NULL");
        } else {
          Write(level + 1, index, out);
        }
      } else if (texts_ == nullptr || texts_->IsNull(index - base_)) {
        out->append("NULL");
      } else {
        AppendArrayElement(texts_->GetView(index - base_), out);
      }
    }
    out->push_back('}');
  }

 private:
  std::vector<const columnar::Array*> lists_;
  const columnar::Array* texts_;
  int64_t base_;
};

sql::CastKernel ListText(const DataType& from) {
  DataType leaf = from.element_type();
  while (leaf.id() == TypeId::kList) leaf = leaf.element_type();
  // A list of the NULL type holds only NULLs, and has no text cast for its elements. Booleans
  // print as boolout does (t/f), not as their cast to text (true/false).
  sql::CastKernel leaf_cast;
  if (leaf.id() == TypeId::kBoolean) {
    leaf_cast = RowCast<bool, StringResult>(DataType::String(), [](bool value, std::string* out) {
      out->push_back(value ? 't' : 'f');
      return Status::OK();
    });
  } else if (leaf.id() != TypeId::kNull) {
    leaf_cast = FindToTextCast(leaf);
  }
  return [leaf_cast](const columnar::ArrayPtr& input,
                     const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    // Follow the rows down to the range of innermost elements they reach.
    std::vector<const columnar::Array*> lists = {input.get()};
    int64_t begin = 0;
    int64_t end = input->length();
    for (;;) {
      const columnar::Array& list = *lists.back();
      if (end > begin) {
        begin = list.offsets()[begin];
        end = list.offsets()[end];
      } else {
        begin = end = 0;
      }
      if (list.child(0)->type().id() != TypeId::kList) break;
      lists.push_back(list.child(0).get());
    }
    columnar::ArrayPtr texts;
    if (leaf_cast) {
      BOYO_ASSIGN_OR_RETURN(texts,
                            leaf_cast(lists.back()->child(0)->Slice(begin, end - begin), context));
    }
    const ListTextWriter writer(std::move(lists), texts.get(), begin);
    columnar::BinaryBuilder builder(DataType::String());
    std::string scratch;
    for (int64_t row = 0; row < input->length(); ++row) {
      if (input->IsNull(row)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      writer.Write(0, row, &scratch);
      builder.Append(scratch);
    }
    return builder.Finish();
  };
}

}  // namespace

sql::CastKernel FindToTextCast(const DataType& from) {
  const DataType text = DataType::String();
  switch (from.id()) {
    case TypeId::kBoolean:
      return RowCast<bool, StringResult>(text, [](bool value, std::string* out) {
        out->append(value ? "true" : "false");
        return Status::OK();
      });
    case TypeId::kInt8:
      return RowCast<int8_t, StringResult>(text, IntegerText<int8_t>);
    case TypeId::kInt16:
      return RowCast<int16_t, StringResult>(text, IntegerText<int16_t>);
    case TypeId::kInt32:
      return RowCast<int32_t, StringResult>(text, IntegerText<int32_t>);
    case TypeId::kInt64:
      return RowCast<int64_t, StringResult>(text, IntegerText<int64_t>);
    case TypeId::kUInt8:
      return RowCast<uint8_t, StringResult>(text, IntegerText<uint8_t>);
    case TypeId::kUInt16:
      return RowCast<uint16_t, StringResult>(text, IntegerText<uint16_t>);
    case TypeId::kUInt32:
      return RowCast<uint32_t, StringResult>(text, IntegerText<uint32_t>);
    case TypeId::kUInt64:
      return RowCast<uint64_t, StringResult>(text, IntegerText<uint64_t>);
    case TypeId::kFloat32:
      return RowCast<float, StringResult>(text, [](float value, std::string* out) {
        AppendFloat32(value, out);
        return Status::OK();
      });
    case TypeId::kFloat64:
      return RowCast<double, StringResult>(text, [](double value, std::string* out) {
        AppendFloat64(value, out);
        return Status::OK();
      });
    case TypeId::kDecimal:
      return RowCast<Int128, StringResult>(text,
                                           [scale = from.scale()](Int128 value, std::string* out) {
                                             out->append(types::DecimalToString(value, scale));
                                             return Status::OK();
                                           });
    case TypeId::kString:
    case TypeId::kJson:
      return RowCast<std::string_view, StringResult>(text,
                                                     [](std::string_view value, std::string* out) {
                                                       out->append(value);
                                                       return Status::OK();
                                                     });
    case TypeId::kBinary:
      return RowCast<std::string_view, StringResult>(text,
                                                     [](std::string_view value, std::string* out) {
                                                       out->append("\\x");
                                                       for (const char c : value) {
                                                         const auto byte = static_cast<uint8_t>(c);
                                                         out->push_back(kHexDigits[byte >> 4]);
                                                         out->push_back(kHexDigits[byte & 15]);
                                                       }
                                                       return Status::OK();
                                                     });
    case TypeId::kDate:
      return RowCast<int32_t, StringResult>(text, [](int32_t days, std::string* out) {
        out->append(types::FormatDate(days));
        return Status::OK();
      });
    case TypeId::kTime:
      return RowCast<int64_t, StringResult>(text, [](int64_t micros, std::string* out) {
        out->append(types::FormatTime(micros));
        return Status::OK();
      });
    case TypeId::kTimestamp:
      return RowCast<int64_t, StringResult>(text, [](int64_t micros, std::string* out) {
        out->append(types::FormatTimestamp(micros));
        return Status::OK();
      });
    case TypeId::kTimestampTz:
      return TimestampTzText();
    case TypeId::kInterval:
      return RowCast<types::IntervalValue, StringResult>(
          text, [](const types::IntervalValue& value, std::string* out) {
            out->append(types::FormatInterval(value));
            return Status::OK();
          });
    case TypeId::kUuid:
      return RowCast<Uuid, StringResult>(text, [](const Uuid& value, std::string* out) {
        for (size_t i = 0; i < value.size(); ++i) {
          if (i == 4 || i == 6 || i == 8 || i == 10) out->push_back('-');
          out->push_back(kHexDigits[value[i] >> 4]);
          out->push_back(kHexDigits[value[i] & 15]);
        }
        return Status::OK();
      });
    case TypeId::kList:
      return ListText(from);
    case TypeId::kIpv4:
    case TypeId::kIpv6:
    case TypeId::kMap:
    case TypeId::kStruct:
      return ValueText();
    case TypeId::kNull:
      return nullptr;
  }
  return nullptr;
}

}  // namespace boyodb::functions
