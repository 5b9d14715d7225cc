#include "server/native/native_request.h"

#include <utility>

#include "common/base64.h"
#include "common/sqlstate.h"

namespace boyodb::server::native {
namespace {

using nlohmann::json;

Status Violation(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation, std::move(message));
}

Result<NativeOp> ParseOp(const std::string& op) {
  static const std::map<std::string, NativeOp> kOps = {
      {"query", NativeOp::kQuery},
      {"explain", NativeOp::kExplain},
      {"ingest_ipc", NativeOp::kIngestIpc},
      {"ingest_csv", NativeOp::kIngestCsv},
      {"create_database", NativeOp::kCreateDatabase},
      {"create_table", NativeOp::kCreateTable},
      {"cluster_status", NativeOp::kClusterStatus},
      {"login", NativeOp::kLogin},
      {"prepare", NativeOp::kPrepare},
      {"execute", NativeOp::kExecute},
      {"deallocate", NativeOp::kDeallocate},
  };
  const auto found = kOps.find(op);
  if (found == kOps.end()) return Violation("unknown request op \"" + op + "\"");
  return found->second;
}

// Typed access to the request object's fields: absent fields keep the target's value unless
// required, and a field of another JSON type is an error naming it.
class Fields {
 public:
  explicit Fields(const json& object) : object_(object) {}

  Status String(const char* key, bool required, std::string* out) const {
    const auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) return Missing(key, required);
    if (!found->is_string()) return WrongType(key, "a string");
    *out = found->get<std::string>();
    return Status::OK();
  }
  Status OptionalString(const char* key, std::optional<std::string>* out) const {
    std::string value;
    if (!Has(key)) return Status::OK();
    BOYO_RETURN_IF_ERROR(String(key, true, &value));
    *out = std::move(value);
    return Status::OK();
  }
  Status Bool(const char* key, bool* out) const {
    const auto found = object_.find(key);
    if (found == object_.end() || found->is_null()) return Status::OK();
    if (!found->is_boolean()) return WrongType(key, "true or false");
    *out = found->get<bool>();
    return Status::OK();
  }
  Status OptionalBool(const char* key, std::optional<bool>* out) const {
    bool value = false;
    if (!Has(key)) return Status::OK();
    BOYO_RETURN_IF_ERROR(Bool(key, &value));
    *out = value;
    return Status::OK();
  }
  const json* Array(const char* key) const {
    const auto found = object_.find(key);
    return found == object_.end() || !found->is_array() ? nullptr : &*found;
  }
  bool Has(const char* key) const {
    const auto found = object_.find(key);
    return found != object_.end() && !found->is_null();
  }

  static Status WrongType(std::string_view key, std::string_view expected) {
    return Violation("request field \"" + std::string(key) + "\" must be " + std::string(expected));
  }

 private:
  static Status Missing(const char* key, bool required) {
    if (!required) return Status::OK();
    return Violation("request field \"" + std::string(key) + "\" is missing");
  }

  const json& object_;
};

Status ParseColumns(const Fields& fields, NativeRequest* request) {
  const json* columns = fields.Array("columns");
  if (columns == nullptr) {
    return fields.Has("columns") ? Fields::WrongType("columns", "an array")
                                 : Violation("request field \"columns\" is missing");
  }
  for (const json& column : *columns) {
    if (!column.is_object()) {
      return Violation("each of \"columns\" must be an object with \"name\" and \"type\"");
    }
    const Fields column_fields(column);
    NativeColumn parsed;
    BOYO_RETURN_IF_ERROR(column_fields.String("name", true, &parsed.name));
    BOYO_RETURN_IF_ERROR(column_fields.String("type", true, &parsed.type));
    BOYO_RETURN_IF_ERROR(column_fields.Bool("nullable", &parsed.nullable));
    request->columns.push_back(std::move(parsed));
  }
  return Status::OK();
}

Status ParseSortKey(const Fields& fields, NativeRequest* request) {
  if (!fields.Has("sort_key")) return Status::OK();
  const json* sort_key = fields.Array("sort_key");
  if (sort_key == nullptr) return Fields::WrongType("sort_key", "an array of column names");
  for (const json& column : *sort_key) {
    if (!column.is_string()) return Fields::WrongType("sort_key", "an array of column names");
    request->sort_key.push_back(column.get<std::string>());
  }
  return Status::OK();
}

Status ParseParameterTypes(const Fields& fields, NativeRequest* request) {
  if (!fields.Has("parameter_types")) return Status::OK();
  const json* types = fields.Array("parameter_types");
  constexpr std::string_view kExpected = "an array of type names (null: inferred)";
  if (types == nullptr) return Fields::WrongType("parameter_types", kExpected);
  for (const json& type : *types) {
    if (type.is_null()) {
      request->parameter_types.emplace_back();
    } else if (type.is_string()) {
      request->parameter_types.emplace_back(type.get<std::string>());
    } else {
      return Fields::WrongType("parameter_types", kExpected);
    }
  }
  return Status::OK();
}

Status ParseParameters(const Fields& fields, NativeRequest* request) {
  if (!fields.Has("parameters")) return Status::OK();
  const json* parameters = fields.Array("parameters");
  constexpr std::string_view kExpected = "an array of strings, numbers, booleans and nulls";
  if (parameters == nullptr) return Fields::WrongType("parameters", kExpected);
  for (const json& parameter : *parameters) {
    if (parameter.is_array() || parameter.is_object()) {
      return Fields::WrongType("parameters", kExpected);
    }
    request->parameters.push_back(parameter);
  }
  return Status::OK();
}

Status ParseOperands(const Fields& fields, NativeRequest* request) {
  switch (request->op) {
    case NativeOp::kQuery:
    case NativeOp::kExplain:
      return fields.String("sql", true, &request->sql);
    case NativeOp::kIngestIpc: {
      BOYO_RETURN_IF_ERROR(fields.String("table", true, &request->table));
      if (request->binary) {
        if (fields.Has("ipc_base64")) {
          return Violation("ingest_ipc takes either \"binary\": true or \"ipc_base64\", not both");
        }
        return Status::OK();
      }
      std::string encoded;
      BOYO_RETURN_IF_ERROR(fields.String("ipc_base64", true, &encoded));
      Status decoded = DecodeBase64(encoded, &request->data);
      if (!decoded.ok()) {
        return Violation("ipc_base64 is not valid base64: " + std::string(decoded.message()));
      }
      return Status::OK();
    }
    case NativeOp::kIngestCsv:
      BOYO_RETURN_IF_ERROR(fields.String("table", true, &request->table));
      BOYO_RETURN_IF_ERROR(fields.String("csv", true, &request->data));
      BOYO_RETURN_IF_ERROR(fields.OptionalBool("header", &request->header));
      BOYO_RETURN_IF_ERROR(fields.OptionalString("delimiter", &request->delimiter));
      BOYO_RETURN_IF_ERROR(fields.OptionalString("null", &request->null_string));
      return fields.OptionalString("quote", &request->quote);
    case NativeOp::kCreateDatabase:
      BOYO_RETURN_IF_ERROR(fields.String("name", true, &request->name));
      return fields.Bool("if_not_exists", &request->if_not_exists);
    case NativeOp::kCreateTable:
      BOYO_RETURN_IF_ERROR(fields.String("table", true, &request->table));
      BOYO_RETURN_IF_ERROR(fields.Bool("if_not_exists", &request->if_not_exists));
      BOYO_RETURN_IF_ERROR(fields.OptionalString("codec", &request->codec));
      BOYO_RETURN_IF_ERROR(ParseSortKey(fields, request));
      return ParseColumns(fields, request);
    case NativeOp::kClusterStatus:
      return Status::OK();
    case NativeOp::kLogin:
      BOYO_RETURN_IF_ERROR(fields.String("user", true, &request->user));
      return fields.String("password", true, &request->password);
    case NativeOp::kPrepare:
      BOYO_RETURN_IF_ERROR(fields.String("sql", true, &request->sql));
      BOYO_RETURN_IF_ERROR(fields.String("name", false, &request->name));
      return ParseParameterTypes(fields, request);
    case NativeOp::kExecute:
      BOYO_RETURN_IF_ERROR(fields.String("name", false, &request->name));
      return ParseParameters(fields, request);
    case NativeOp::kDeallocate:
      return fields.String("name", false, &request->name);
  }
  return Status::OK();
}

}  // namespace

Result<NativeRequest> ParseNativeRequest(std::string_view payload, json* id_out) {
  const json document = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Violation("request is not valid JSON");
  if (!document.is_object()) return Violation("request must be a JSON object");
  NativeRequest request;
  if (const auto id = document.find("id"); id != document.end()) {
    request.id = *id;
    if (id_out != nullptr) *id_out = *id;
  }
  const Fields fields(document);
  std::string op;
  BOYO_RETURN_IF_ERROR(fields.String("op", true, &op));
  BOYO_ASSIGN_OR_RETURN(request.op, ParseOp(op));
  BOYO_RETURN_IF_ERROR(fields.String("database", false, &request.database));
  BOYO_RETURN_IF_ERROR(fields.Bool("binary", &request.binary));
  BOYO_RETURN_IF_ERROR(ParseOperands(fields, &request));
  return request;
}

}  // namespace boyodb::server::native
