#include "engine/catalog_relations/catalog_relations.h"

#include "columnar/builder.h"
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine {

namespace {

using types::DataType;
using types::TypeId;
using types::Value;

Status CellMismatch(const DataType& type) {
  return Status::Internal("catalog value does not fit a column of type " + type.ToString());
}

Result<Value> IntegerValue(const DataType& type, int64_t value) {
  switch (type.id()) {
    case TypeId::kInt16:
      return Value::Int16(static_cast<int16_t>(value));
    case TypeId::kInt32:
      return Value::Int32(static_cast<int32_t>(value));
    case TypeId::kInt64:
      return Value::Int64(value);
    case TypeId::kUInt32:
      return Value::UInt32(static_cast<uint32_t>(value));
    case TypeId::kFloat32:
      return Value::Float32(static_cast<float>(value));
    case TypeId::kFloat64:
      return Value::Float64(static_cast<double>(value));
    default:
      return CellMismatch(type);
  }
}

}  // namespace

Result<Value> CatalogCell::ToValue(const DataType& type) const {
  if (std::holds_alternative<std::monostate>(value_)) return Value::Null(type);
  if (const bool* flag = std::get_if<bool>(&value_)) {
    if (type.id() != TypeId::kBoolean) return CellMismatch(type);
    return Value::Boolean(*flag);
  }
  if (const int64_t* number = std::get_if<int64_t>(&value_)) return IntegerValue(type, *number);
  if (const double* real = std::get_if<double>(&value_)) {
    if (type.id() == TypeId::kFloat32) return Value::Float32(static_cast<float>(*real));
    if (type.id() == TypeId::kFloat64) return Value::Float64(*real);
    return CellMismatch(type);
  }
  if (const std::string* text = std::get_if<std::string>(&value_)) {
    if (type.id() != TypeId::kString) return CellMismatch(type);
    return Value::String(*text);
  }
  if (type.id() != TypeId::kList) return CellMismatch(type);
  std::vector<Value> elements;
  if (const auto* numbers = std::get_if<std::vector<int64_t>>(&value_)) {
    for (const int64_t number : *numbers) {
      BOYO_ASSIGN_OR_RETURN(Value element, IntegerValue(type.element_type(), number));
      elements.push_back(std::move(element));
    }
  } else {
    if (type.element_type().id() != TypeId::kString) return CellMismatch(type);
    for (const std::string& text : std::get<std::vector<std::string>>(value_)) {
      elements.push_back(Value::String(text));
    }
  }
  return Value::Nested(type, std::move(elements));
}

Result<columnar::Chunk> CatalogRows::Finish() const {
  std::vector<columnar::ArrayPtr> arrays;
  for (size_t column = 0; column < columns_.num_fields(); ++column) {
    const DataType& type = columns_.field(column).type();
    std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
    for (const std::vector<CatalogCell>& row : rows_) {
      if (row.size() != columns_.num_fields()) {
        return Status::Internal("catalog row has " + std::to_string(row.size()) + " values for " +
                                std::to_string(columns_.num_fields()) + " columns");
      }
      BOYO_ASSIGN_OR_RETURN(Value value, row[column].ToValue(type));
      BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
    }
    arrays.push_back(builder->Finish());
  }
  return columnar::Chunk::Make(std::make_shared<const types::Schema>(columns_), std::move(arrays));
}

std::vector<VirtualRelation> PgCatalogRelations() {
  std::vector<VirtualRelation> all;
  for (auto part :
       {catalog_columns::PgCatalogClassRelations, catalog_columns::PgCatalogTypeRelations,
        catalog_columns::PgCatalogRoleRelations, catalog_columns::PgCatalogViewRelations,
        catalog_columns::PgCatalogUnusedRelations}) {
    for (VirtualRelation& relation : part()) all.push_back(std::move(relation));
  }
  return all;
}

std::span<const VirtualRelation> VirtualRelations() {
  static const std::vector<VirtualRelation> relations = [] {
    std::vector<VirtualRelation> all = PgCatalogRelations();
    for (VirtualRelation& relation : InformationSchemaRelations()) {
      all.push_back(std::move(relation));
    }
    for (VirtualRelation& relation : SystemRelations()) all.push_back(std::move(relation));
    return all;
  }();
  return relations;
}

const VirtualRelation* FindVirtualRelation(std::string_view schema, std::string_view name) {
  for (const VirtualRelation& relation : VirtualRelations()) {
    if (relation.schema == schema && relation.name == name) return &relation;
  }
  return nullptr;
}

bool IsVirtualSchema(std::string_view schema) {
  return schema == "pg_catalog" || schema == "information_schema" || schema == "system";
}

Result<columnar::Chunk> VirtualRelationRows(const VirtualRelation& relation,
                                            const CatalogSnapshot& snapshot) {
  CatalogRows rows(relation.columns);
  relation.rows(snapshot, rows);
  return rows.Finish();
}

}  // namespace boyodb::engine
