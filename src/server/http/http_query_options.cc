#include "server/http/http_query_options.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/sqlstate.h"

namespace boyodb::server::http {
namespace {

Status InvalidRequest(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> DecodeComponent(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return InvalidRequest("invalid %-escape in the URL's query string");
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Result<ResultFormat> ParseResultFormat(std::string_view name) {
  if (name == "json") return ResultFormat::kJson;
  if (name == "ndjson" || name == "jsonl") return ResultFormat::kNdjson;
  if (name == "csv") return ResultFormat::kCsv;
  if (name == "tsv" || name == "text") return ResultFormat::kTsv;
  if (name == "arrow") return ResultFormat::kArrow;
  return InvalidRequest("unknown result format \"" + std::string(name) +
                        "\": expected json, ndjson, csv, tsv or arrow");
}

std::optional<ResultFormat> FormatFromAccept(std::string_view accept) {
  // The first of the listed media types that is ours wins; q-values are not weighed.
  size_t start = 0;
  while (start < accept.size()) {
    size_t end = accept.find(',', start);
    if (end == std::string_view::npos) end = accept.size();
    std::string_view type = accept.substr(start, end - start);
    while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
    if (StartsWithIgnoringCase(type, "application/vnd.apache.arrow")) return ResultFormat::kArrow;
    if (StartsWithIgnoringCase(type, "text/csv")) return ResultFormat::kCsv;
    if (StartsWithIgnoringCase(type, "text/tab-separated-values")) return ResultFormat::kTsv;
    if (StartsWithIgnoringCase(type, "application/x-ndjson")) return ResultFormat::kNdjson;
    if (StartsWithIgnoringCase(type, "application/json")) return ResultFormat::kJson;
    start = end + 1;
  }
  return std::nullopt;
}

std::string_view ContentType(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson:
      return "application/json";
    case ResultFormat::kNdjson:
      return "application/x-ndjson";
    case ResultFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ResultFormat::kTsv:
      return "text/tab-separated-values; charset=utf-8";
    case ResultFormat::kArrow:
      return "application/vnd.apache.arrow.stream";
  }
  return "application/octet-stream";
}

Result<std::map<std::string, std::string>> ParseQueryString(std::string_view query) {
  std::map<std::string, std::string> parameters;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    const size_t equals = pair.find('=');
    BOYO_ASSIGN_OR_RETURN(std::string name, DecodeComponent(pair.substr(0, equals)));
    std::string value;
    if (equals != std::string_view::npos) {
      BOYO_ASSIGN_OR_RETURN(value, DecodeComponent(pair.substr(equals + 1)));
    }
    if (!name.empty()) parameters[std::move(name)] = std::move(value);
    start = end + 1;
  }
  return parameters;
}

Result<HttpQuery> ReadHttpQuery(std::string_view target, std::string_view content_type,
                                std::string_view accept, std::string_view body) {
  HttpQuery query;
  std::optional<std::string> format_name;
  if (StartsWithIgnoringCase(content_type, "application/json")) {
    const nlohmann::json document = nlohmann::json::parse(body, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
      return InvalidRequest("a JSON request body must be an object with a string \"sql\"");
    }
    const auto string_field = [&document](const char* key, std::string* out) -> Status {
      const auto found = document.find(key);
      if (found == document.end() || found->is_null()) return Status::OK();
      if (!found->is_string()) {
        return InvalidRequest("request field \"" + std::string(key) + "\" must be a string");
      }
      *out = found->get<std::string>();
      return Status::OK();
    };
    BOYO_RETURN_IF_ERROR(string_field("sql", &query.sql));
    BOYO_RETURN_IF_ERROR(string_field("database", &query.database));
    std::string format;
    BOYO_RETURN_IF_ERROR(string_field("format", &format));
    if (!format.empty()) format_name = format;
  } else {
    query.sql = std::string(body);
  }
  const size_t question = target.find('?');
  if (question != std::string_view::npos) {
    BOYO_ASSIGN_OR_RETURN(const auto parameters, ParseQueryString(target.substr(question + 1)));
    if (const auto found = parameters.find("database"); found != parameters.end()) {
      query.database = found->second;
    }
    if (const auto found = parameters.find("format"); found != parameters.end()) {
      format_name = found->second;
    }
    if (const auto found = parameters.find("query");
        found != parameters.end() && query.sql.empty()) {
      query.sql = found->second;
    }
  }
  if (format_name) {
    BOYO_ASSIGN_OR_RETURN(query.format, ParseResultFormat(*format_name));
  } else if (const std::optional<ResultFormat> accepted = FormatFromAccept(accept)) {
    query.format = *accepted;
  }
  if (query.sql.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "no SQL: send it as the request body, as \"sql\" in a JSON body, or as ?query=");
  }
  return query;
}

}  // namespace boyodb::server::http
