// Quoting and formatting text for SQL: quote_ident, quote_literal, quote_nullable, and the
// variadic format(formatstr, ...) with PostgreSQL's %s, %I and %L specifiers, positions
// (%2$s), widths (%10s, %-10s, %*s) and %%. Non-text arguments reach these through the
// binder's casts to text, as PostgreSQL prints each argument with its type's output function.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <optional>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"
#include "sql/parser/identifier_quoting.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

// PostgreSQL's quote_literal: single quotes doubled, and E'...' with backslashes doubled when
// the text has a backslash.
std::string QuoteLiteral(SV text) {
  const bool has_backslash = text.find('\\') != SV::npos;
  std::string out = has_backslash ? "E'" : "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

Status FormatError(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

// Reads digits at `*pos` as a number; nullopt when there are none.
std::optional<int64_t> ReadNumber(SV text, size_t* pos) {
  int64_t value = 0;
  const size_t start = *pos;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    value = std::min<int64_t>(value * 10 + (text[*pos] - '0'), INT32_MAX);
    ++*pos;
  }
  if (*pos == start) return std::nullopt;
  return value;
}

// One row of format(): `values[i]` is argument i + 1 (nullopt for NULL).
Result<std::string> FormatRow(SV format, const std::vector<std::optional<SV>>& values) {
  std::string out;
  size_t next = 0;  // the argument an unnumbered specifier takes (0-based)
  auto argument = [&](std::optional<int64_t> position) -> Result<std::optional<SV>> {
    if (position) {
      if (*position == 0) {
        return FormatError("format specifies argument 0, but arguments are numbered from 1");
      }
      next = static_cast<size_t>(*position);
    } else {
      ++next;
    }
    if (next > values.size()) return FormatError("too few arguments for format()");
    return values[next - 1];
  };
  size_t pos = 0;
  while (pos < format.size()) {
    const char c = format[pos++];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (pos >= format.size()) return FormatError("unterminated format() type specifier");
    if (format[pos] == '%') {
      out.push_back('%');
      ++pos;
      continue;
    }
    // %[position$][-][width|*|*position$]type
    std::optional<int64_t> position;
    size_t look = pos;
    if (std::optional<int64_t> number = ReadNumber(format, &look);
        number && look < format.size() && format[look] == '$') {
      position = number;
      pos = look + 1;
    }
    bool left_justify = false;
    if (pos < format.size() && format[pos] == '-') {
      left_justify = true;
      ++pos;
    }
    int64_t width = 0;
    if (pos < format.size() && format[pos] == '*') {
      ++pos;
      std::optional<int64_t> width_position;
      look = pos;
      if (std::optional<int64_t> number = ReadNumber(format, &look);
          number && look < format.size() && format[look] == '$') {
        width_position = number;
        pos = look + 1;
      }
      BOYO_ASSIGN_OR_RETURN(std::optional<SV> width_text, argument(width_position));
      if (width_text) {
        const std::string digits(*width_text);
        char* end = nullptr;
        const long parsed = std::strtol(digits.c_str(), &end, 10);
        if (end == digits.c_str() || *end != '\0') {
          return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidTextRepresentation,
                        "invalid input syntax for type integer: \"" + digits + "\"");
        }
        width = parsed;
        if (width < 0) {
          left_justify = true;
          width = -width;
        }
      }
    } else if (std::optional<int64_t> number = ReadNumber(format, &pos)) {
      width = *number;
    }
    if (pos >= format.size()) return FormatError("unterminated format() type specifier");
    const char type = format[pos++];
    if (type != 's' && type != 'I' && type != 'L') {
      return FormatError("unrecognized format() type specifier \"" + std::string(1, type) + "\"");
    }
    BOYO_ASSIGN_OR_RETURN(std::optional<SV> value, argument(position));
    std::string text;
    if (type == 's') {
      if (value) text.assign(*value);
    } else if (type == 'I') {
      if (!value) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kNullValueNotAllowed,
                      "null values cannot be formatted as an SQL identifier");
      }
      text = sql::QuoteIdentifierIfNeeded(*value);
    } else {
      text = value ? QuoteLiteral(*value) : "NULL";
    }
    const int64_t padding = width - Utf8Length(text);
    if (padding > 0 && !left_justify) out.append(static_cast<size_t>(padding), ' ');
    out.append(text);
    if (padding > 0 && left_justify) out.append(static_cast<size_t>(padding), ' ');
  }
  return out;
}

Result<columnar::ArrayPtr> Format(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                  const sql::EvalContext&) {
  std::vector<ArgReader<SV>> readers;
  for (const columnar::ArrayPtr& arg : args) readers.emplace_back(*arg);
  columnar::BinaryBuilder builder(DataType::String());
  std::vector<std::optional<SV>> values(args.size() - 1);
  for (int64_t i = 0; i < num_rows; ++i) {
    if (args[0]->IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    for (size_t a = 1; a < args.size(); ++a) {
      values[a - 1] = args[a]->IsNull(i) ? std::nullopt : std::optional<SV>(readers[a][i]);
    }
    BOYO_ASSIGN_OR_RETURN(std::string row, FormatRow(readers[0][i], values));
    builder.Append(row);
  }
  return builder.Finish();
}

Status QuoteIdent(SV name, std::string* out) {
  *out = sql::QuoteIdentifierIfNeeded(name);
  return Status::OK();
}

Status QuoteLiteralRow(SV text, std::string* out) {
  *out = QuoteLiteral(text);
  return Status::OK();
}

// quote_nullable: like quote_literal, but NULL becomes the text NULL.
Result<columnar::ArrayPtr> QuoteNullable(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                         const sql::EvalContext&) {
  const ArgReader<SV> texts(*args[0]);
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    builder.Append(args[0]->IsNull(i) ? std::string("NULL") : QuoteLiteral(texts[i]));
  }
  return builder.Finish();
}

}  // namespace

void RegisterQuoteFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"quote_ident", {Overload({text}, text, RowKernel<StringResult, SV>(text, QuoteIdent))}});
  registry.AddScalar(
      {"quote_literal",
       {Overload({text}, text, RowKernel<StringResult, SV>(text, QuoteLiteralRow))}});
  registry.AddScalar({"quote_nullable", {Overload({text}, text, QuoteNullable)}});
  // format(formatstr [, argument ...]): the second parameter repeats zero or more times.
  sql::ScalarOverload format = Overload({text, text}, text, Format);
  format.variadic = true;
  registry.AddScalar({"format", {format}});
}

}  // namespace boyodb::functions
