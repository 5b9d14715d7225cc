#include "tools/slt/engine_answer.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>

namespace boyodb::tools::slt {
namespace {

using nlohmann::json;

// nlohmann::json does not read NaN/Infinity, which the contract allows. They are rewritten to
// a one-key object whose key starts with a NUL byte (a key no engine writes) before parsing.
constexpr std::string_view kMarkerKey("\0slt-non-finite", 15);
constexpr std::string_view kMarkerPrefix = R"({"\u0000slt-non-finite":")";

constexpr std::string_view kNonFiniteLiterals[] = {"NaN", "Infinity", "-Infinity"};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// JSON's truthiness as slt.py reads "ok" and "rows": false, null, 0, "", [] and {} are false.
bool IsTruthy(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return false;
    case json::value_t::boolean:
      return value.get<bool>();
    case json::value_t::number_integer:
      return value.get<std::int64_t>() != 0;
    case json::value_t::number_unsigned:
      return value.get<std::uint64_t>() != 0;
    case json::value_t::number_float:
      return value.get<double>() != 0;
    case json::value_t::string:
      return !value.get_ref<const std::string&>().empty();
    case json::value_t::array:
    case json::value_t::object:
    case json::value_t::binary:
      return !value.empty();
  }
  return false;
}

Value ToValue(const json& value, bool may_have_markers) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return std::monostate{};
    case json::value_t::boolean:
      return value.get<bool>();
    case json::value_t::number_integer:
      return value.get<std::int64_t>();
    case json::value_t::number_unsigned: {
      const std::uint64_t u = value.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(u);
      }
      return u;
    }
    case json::value_t::number_float:
      return value.get<double>();
    case json::value_t::string:
      return value.get<std::string>();
    case json::value_t::object:
      if (may_have_markers && value.size() == 1) {
        const auto it = value.find(std::string(kMarkerKey));
        if (it != value.end() && it->is_string()) {
          const std::string& name = it->get_ref<const std::string&>();
          if (name == "NaN") return std::numeric_limits<double>::quiet_NaN();
          if (name == "Infinity") return std::numeric_limits<double>::infinity();
          return -std::numeric_limits<double>::infinity();
        }
      }
      return Dump(value);
    case json::value_t::array:
    case json::value_t::binary:
      return Dump(value);
  }
  return std::monostate{};
}

std::string Clip(std::string_view line) {
  constexpr size_t kMaxShown = 200;
  if (line.size() <= kMaxShown) return std::string(line);
  return std::string(line.substr(0, kMaxShown)) + "...";
}

}  // namespace

std::string EncodeRequest(std::string_view sql) {
  try {
    return Dump(json{{"sql", std::string(sql)}}) + "\n";
  } catch (const std::exception&) {
    // Dump replaces bad UTF-8 instead of throwing; this only guards against allocation failure.
    return "{\"sql\":\"\"}\n";
  }
}

std::string ReplaceNonFiniteLiterals(std::string_view line) {
  if (line.find("NaN") == std::string_view::npos &&
      line.find("Infinity") == std::string_view::npos) {
    return std::string(line);
  }
  std::string out;
  out.reserve(line.size() + 64);
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < line.size()) {
        out += line[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    bool replaced = false;
    for (const std::string_view literal : kNonFiniteLiterals) {
      if (line.substr(i, literal.size()) == literal) {
        out += kMarkerPrefix;
        out += literal;
        out += "\"}";
        i += literal.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += c;
  }
  return out;
}

Result<EngineAnswer> DecodeAnswer(std::string_view line) {
  const std::string text = ReplaceNonFiniteLiterals(line);
  const bool may_have_markers = text.size() != line.size();
  json parsed;
  try {
    parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  } catch (const std::exception&) {
    parsed = json(json::value_t::discarded);
  }
  if (parsed.is_discarded()) {
    return Status::InvalidArgument("not a JSON line: " + Clip(line));
  }
  if (!parsed.is_object() || !parsed.contains("ok")) {
    return Status::InvalidArgument("answer without \"ok\": " + Clip(line));
  }
  EngineAnswer answer;
  if (!IsTruthy(parsed["ok"])) {
    const auto error = parsed.find("error");
    if (error == parsed.end()) {
      answer.error = "error";
    } else {
      answer.error = error->is_string() ? error->get<std::string>() : Dump(*error);
    }
    const auto code = parsed.find("code");
    if (code != parsed.end() && code->is_string()) answer.code = code->get<std::string>();
    return answer;
  }

  static const json kNoRows = json::array();
  const auto rows_it = parsed.find("rows");
  const json& rows = (rows_it != parsed.end() && IsTruthy(*rows_it)) ? *rows_it : kNoRows;
  if (!rows.is_array()) {
    answer.error = "protocol: \"rows\" is not an array";
    return answer;
  }
  const auto columns = parsed.find("columns");
  if (columns != parsed.end() && columns->is_array()) {
    answer.num_columns = columns->size();
  } else if (!rows.empty() && rows[0].is_array()) {
    answer.num_columns = rows[0].size();
  }
  answer.rows.reserve(rows.size());
  for (const json& row : rows) {
    if (!row.is_array() || row.size() != answer.num_columns) {
      answer.error = "protocol: a row of " +
                     (row.is_array() ? std::to_string(row.size()) : std::string("?")) +
                     " values for " + std::to_string(answer.num_columns) + " columns";
      answer.rows.clear();
      return answer;
    }
    std::vector<Value> values;
    values.reserve(row.size());
    for (const json& value : row) values.push_back(ToValue(value, may_have_markers));
    answer.rows.push_back(std::move(values));
  }
  answer.ok = true;
  return answer;
}

}  // namespace boyodb::tools::slt
