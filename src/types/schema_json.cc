// SchemaToJson / SchemaFromJson: the schema_json of manifest.json table entries.
#include <nlohmann/json.hpp>

#include "types/data_type.h"

namespace boyodb::types {

std::string SchemaToJson(const Schema& schema) {
  nlohmann::json fields = nlohmann::json::array();
  for (const Field& field : schema.fields()) {
    fields.push_back(
        {{"name", field.name}, {"type", field.type().ToString()}, {"nullable", field.nullable}});
  }
  return nlohmann::json{{"fields", std::move(fields)}}.dump();
}

Result<Schema> SchemaFromJson(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("fields") ||
      !parsed["fields"].is_array()) {
    return Status::InvalidArgument("schema JSON must be an object with a \"fields\" array");
  }
  std::vector<Field> fields;
  for (const nlohmann::json& entry : parsed["fields"]) {
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
        !entry.contains("type") || !entry["type"].is_string()) {
      return Status::InvalidArgument("schema JSON field must have string \"name\" and \"type\"");
    }
    BOYO_ASSIGN_OR_RETURN(DataType type, ParseTypeName(entry["type"].get<std::string>()));
    bool nullable = true;
    if (entry.contains("nullable")) {
      if (!entry["nullable"].is_boolean()) {
        return Status::InvalidArgument("schema JSON field \"nullable\" must be a boolean");
      }
      nullable = entry["nullable"].get<bool>();
    }
    fields.emplace_back(entry["name"].get<std::string>(), std::move(type), nullable);
  }
  return Schema(std::move(fields));
}

}  // namespace boyodb::types
