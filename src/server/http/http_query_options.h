// What POST /query was asked for: the SQL, the database, and the result format, gathered from
// the URL's query string (?database=app&format=csv), a JSON body ({"sql":...,"database":...,
// "format":...}) or a plain SQL body, and the Accept header.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::server::http {

enum class ResultFormat : uint8_t {
  kJson,    // {"columns":[...],"rows":[{...},...],"command":...}
  kNdjson,  // one JSON object per row (COPY's json format)
  kCsv,     // CSV with a header line (COPY's csv format)
  kTsv,     // tab-separated with a header line (COPY's text format)
  kArrow,   // an Arrow IPC stream
};

/// "json", "ndjson" (also "jsonl"), "csv", "tsv" (also "text"), "arrow"; 22023 otherwise.
Result<ResultFormat> ParseResultFormat(std::string_view name);
/// The format an Accept header prefers among ours, or nullopt ("*/*", absent, unknown).
std::optional<ResultFormat> FormatFromAccept(std::string_view accept);
/// The Content-Type of a result body in that format.
std::string_view ContentType(ResultFormat format);

/// The decoded parameters of a URL's query string ("a=1&b=x%20y" -> {a: 1, b: "x y"}); '+'
/// is a space. 22023 for a malformed %-escape.
Result<std::map<std::string, std::string>> ParseQueryString(std::string_view query);

struct HttpQuery {
  std::string sql;
  std::string database;  // empty: default
  ResultFormat format = ResultFormat::kJson;
};

/// Gathers the query from a request's target (path and query string), Content-Type, Accept and
/// body. The query string wins over the JSON body, which wins over Accept. 22023 naming what
/// is wrong (an unknown format, a JSON body that is not an object with a string "sql"), 42601
/// for no SQL at all.
Result<HttpQuery> ReadHttpQuery(std::string_view target, std::string_view content_type,
                                std::string_view accept, std::string_view body);

}  // namespace boyodb::server::http
