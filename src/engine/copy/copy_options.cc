#include "engine/copy/copy_options.h"

#include <algorithm>
#include <set>

#include "common/sqlstate.h"

namespace boyodb::engine {
namespace {

using formats::text::DelimitedFormat;
using formats::text::DelimitedOptions;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Status SyntaxError(std::string message, int32_t position) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, std::move(message))
      .WithPosition(position);
}

Status NotSupported(std::string message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, std::move(message));
}

// PostgreSQL's defGetBoolean, plus "match" where `match` is given.
Result<bool> Boolean(const sql::ast::Option& option, bool* match) {
  const std::string value = Lower(option.value);
  if (value == "true" || value == "on" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "off" || value == "0" || value == "no") return false;
  if (match != nullptr && value == "match") {
    *match = true;
    return true;
  }
  return SyntaxError(
      option.name + " requires a Boolean value" + (match != nullptr ? " or \"match\"" : ""),
      option.position);
}

Result<char> SingleByte(const sql::ast::Option& option, const std::string& what) {
  if (option.value.size() != 1) {
    return NotSupported("COPY " + what + " must be a single one-byte character");
  }
  return option.value[0];
}

std::vector<std::string> ColumnList(const std::string& value) {
  std::vector<std::string> columns;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    if (comma > start) columns.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  return columns;
}

}  // namespace

std::string_view CopyFormatName(CopyFormat format) {
  switch (format) {
    case CopyFormat::kText:
      return "text";
    case CopyFormat::kCsv:
      return "csv";
    case CopyFormat::kJson:
      return "json";
    case CopyFormat::kArrow:
      return "arrow";
  }
  return "text";
}

Result<CopyOptions> ParseCopyOptions(const std::vector<sql::ast::Option>& options, bool from) {
  CopyOptions out;
  std::set<std::string> seen;
  const sql::ast::Option* delimiter = nullptr;
  const sql::ast::Option* null_string = nullptr;
  const sql::ast::Option* quote = nullptr;
  const sql::ast::Option* escape = nullptr;
  bool force_quote = false, force_not_null = false;
  for (const sql::ast::Option& option : options) {
    if (!seen.insert(option.name).second) {
      return SyntaxError("conflicting or redundant options", option.position);
    }
    if (option.name == "format") {
      const std::string format = Lower(option.value);
      if (format == "text" || format == "tsv") {
        out.format = CopyFormat::kText;
      } else if (format == "csv") {
        out.format = CopyFormat::kCsv;
      } else if (format == "json" || format == "ndjson") {
        out.format = CopyFormat::kJson;
      } else if (format == "arrow") {
        out.format = CopyFormat::kArrow;
      } else if (format == "binary") {
        return NotSupported("COPY format \"binary\" is not supported (use arrow)");
      } else {
        return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                      "COPY format \"" + option.value + "\" not recognized")
            .WithPosition(option.position);
      }
    } else if (option.name == "header") {
      BOYO_ASSIGN_OR_RETURN(out.header, Boolean(option, &out.header_match));
      if (out.header_match && !from) {
        return NotSupported("cannot use \"match\" with HEADER in COPY TO");
      }
    } else if (option.name == "delimiter") {
      delimiter = &option;
    } else if (option.name == "null") {
      null_string = &option;
    } else if (option.name == "quote") {
      quote = &option;
    } else if (option.name == "escape") {
      escape = &option;
    } else if (option.name == "force_quote") {
      force_quote = true;
      if (option.value == "*") {
        out.force_quote_all = true;
      } else {
        out.force_quote = ColumnList(option.value);
      }
    } else if (option.name == "force_not_null") {
      force_not_null = true;
      out.force_not_null = ColumnList(option.value);
    } else if (option.name == "encoding") {
      const std::string encoding = Lower(option.value);
      if (encoding != "utf8" && encoding != "utf-8" && encoding != "sql_ascii") {
        return NotSupported("COPY encoding \"" + option.value + "\" is not supported (only UTF8)");
      }
    } else if (option.name == "freeze") {
      BOYO_ASSIGN_OR_RETURN(const bool freeze, Boolean(option, nullptr));
      (void)freeze;  // every COPY is already written at once
    } else {
      return SyntaxError("option \"" + option.name + "\" not recognized", option.position);
    }
  }
  const bool csv = out.format == CopyFormat::kCsv;
  const bool delimited = csv || out.format == CopyFormat::kText;
  out.delimited = DelimitedOptions::ForFormat(csv ? DelimitedFormat::kCsv : DelimitedFormat::kText);
  if (!delimited && (delimiter || null_string || quote || escape || out.header)) {
    return NotSupported("COPY " + std::string(CopyFormatName(out.format)) +
                        " format takes none of DELIMITER, NULL, QUOTE, ESCAPE and HEADER");
  }
  if (delimiter != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out.delimited.delimiter, SingleByte(*delimiter, "delimiter"));
  }
  if (null_string != nullptr) out.delimited.null_string = null_string->value;
  if (quote != nullptr) {
    if (!csv) return NotSupported("COPY quote available only in CSV mode");
    BOYO_ASSIGN_OR_RETURN(out.delimited.quote, SingleByte(*quote, "quote"));
  }
  out.delimited.escape = out.delimited.quote;
  if (escape != nullptr) {
    if (!csv) return NotSupported("COPY escape available only in CSV mode");
    BOYO_ASSIGN_OR_RETURN(out.delimited.escape, SingleByte(*escape, "escape"));
  }
  if (force_quote) {
    if (!csv) return NotSupported("COPY force quote available only in CSV mode");
    if (from) return NotSupported("COPY force quote only available using COPY TO");
  }
  if (force_not_null) {
    if (!csv) return NotSupported("COPY force not null available only in CSV mode");
    if (!from) return NotSupported("COPY force not null only available using COPY FROM");
  }
  if (delimited) BOYO_RETURN_IF_ERROR(out.delimited.Validate());
  return out;
}

}  // namespace boyodb::engine
