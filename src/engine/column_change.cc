#include "engine/column_change.h"

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "sql/parser/rename_references.h"
#include "storage/index/zone_map_builder.h"

namespace boyodb::engine {

namespace {

Status NoSuchColumn(const std::string& column, const std::string& table) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                "column \"" + column + "\" of relation \"" + table + "\" does not exist");
}

Status ColumnExists(const std::string& column, const std::string& table) {
  return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateColumn,
                "column \"" + column + "\" of relation \"" + table + "\" already exists");
}

Status Refused(const std::string& message) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported, message);
}

// A storage name for a new column `name` that no segment of the table can hold yet.
std::string FreshStorageName(const storage::TableEntry& table, const std::string& name) {
  std::set<std::string> taken(table.retired_storage_names.begin(),
                              table.retired_storage_names.end());
  for (const types::Field& field : table.schema.fields()) {
    taken.insert(table.StorageName(field.name));
  }
  std::string candidate = name;
  for (int suffix = 2; taken.contains(candidate); ++suffix) {
    candidate = name + "#" + std::to_string(suffix);
  }
  return candidate;
}

Status AddColumn(const ColumnChange& change, bool has_rows, AlteredTable* out) {
  storage::TableEntry& table = out->entry;
  const types::Field& column = change.column;
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("column", column.name));
  if (table.schema.FieldIndex(column.name) >= 0) return ColumnExists(column.name, table.table);
  const bool fills_null = !change.fill.has_value() || change.fill->is_null();
  if (!column.nullable && fills_null && has_rows) {
    return Status(
        StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
        "column \"" + column.name + "\" of relation \"" + table.table + "\" contains null values");
  }
  const std::string storage = FreshStorageName(table, column.name);
  if (!fills_null) {
    if (!storage::ZoneMapKeepsBounds(column.type())) {
      return Refused("ADD COLUMN of type " + column.type().ToString() +
                     " with a non-NULL DEFAULT is not supported yet; add the column, then "
                     "UPDATE it");
    }
    table.missing_values[storage] = *change.fill;
  }
  if (storage != column.name) table.storage_names[column.name] = storage;
  if (change.default_text) table.column_defaults[column.name] = *change.default_text;
  if (change.declared_type) table.declared_types[column.name] = *change.declared_type;
  std::vector<types::Field> fields = table.schema.fields();
  fields.push_back(column);
  table.schema = types::Schema(std::move(fields));
  return Status::OK();
}

Status DropColumn(const ColumnChange& change, AlteredTable* out) {
  storage::TableEntry& table = out->entry;
  const int position = table.schema.FieldIndex(change.name);
  if (position < 0) return NoSuchColumn(change.name, table.table);
  if (std::find(table.sort_key.begin(), table.sort_key.end(), change.name) !=
      table.sort_key.end()) {
    return Refused("cannot drop column \"" + change.name + "\" of relation \"" + table.table +
                   "\": it is part of the table's sort key");
  }
  if (table.schema.num_fields() == 1) {
    return Refused("cannot drop column \"" + change.name + "\", the only column of relation \"" +
                   table.table + "\"");
  }
  const std::string storage = table.StorageName(change.name);
  table.retired_storage_names.push_back(storage);
  table.storage_names.erase(change.name);
  table.column_defaults.erase(change.name);
  table.declared_types.erase(change.name);
  table.missing_values.erase(storage);
  std::vector<types::Field> fields = table.schema.fields();
  fields.erase(fields.begin() + position);
  table.schema = types::Schema(std::move(fields));
  // As in PostgreSQL, CHECK constraints and indexes on the column go with it.
  std::vector<storage::CheckConstraint> kept;
  for (storage::CheckConstraint& check : table.checks) {
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> columns,
                          sql::ColumnsInExpression(check.expression));
    if (std::find(columns.begin(), columns.end(), change.name) == columns.end()) {
      kept.push_back(std::move(check));
    }
  }
  table.checks = std::move(kept);
  std::erase_if(out->indexes, [&](const storage::IndexEntry& index) {
    return std::find(index.columns.begin(), index.columns.end(), change.name) !=
           index.columns.end();
  });
  out->dropped_position = position;
  return Status::OK();
}

Status RenameColumn(const ColumnChange& change, AlteredTable* out) {
  storage::TableEntry& table = out->entry;
  const int position = table.schema.FieldIndex(change.name);
  if (position < 0) return NoSuchColumn(change.name, table.table);
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("column", change.new_name));
  if (table.schema.FieldIndex(change.new_name) >= 0) {
    return ColumnExists(change.new_name, table.table);
  }
  const std::string storage = table.StorageName(change.name);
  table.storage_names.erase(change.name);
  if (storage != change.new_name) table.storage_names[change.new_name] = storage;
  for (std::map<std::string, std::string>* by_column :
       {&table.column_defaults, &table.declared_types}) {
    if (auto node = by_column->extract(change.name)) {
      node.key() = change.new_name;
      by_column->insert(std::move(node));
    }
  }
  std::vector<types::Field> fields = table.schema.fields();
  fields[static_cast<size_t>(position)].name = change.new_name;
  table.schema = types::Schema(std::move(fields));
  std::replace(table.sort_key.begin(), table.sort_key.end(), change.name, change.new_name);
  for (storage::IndexEntry& index : out->indexes) {
    std::replace(index.columns.begin(), index.columns.end(), change.name, change.new_name);
  }
  // CHECK constraints are kept as text, which must name the column anew.
  for (storage::CheckConstraint& check : table.checks) {
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> columns,
                          sql::ColumnsInExpression(check.expression));
    if (std::find(columns.begin(), columns.end(), change.name) == columns.end()) continue;
    BOYO_ASSIGN_OR_RETURN(check.expression, sql::RenameColumnInExpression(
                                                check.expression, change.name, change.new_name));
  }
  return Status::OK();
}

Status AddCheck(const ColumnChange& change, AlteredTable* out) {
  storage::TableEntry& table = out->entry;
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("constraint", change.check.name));
  for (const storage::CheckConstraint& check : table.checks) {
    if (check.name == change.check.name) {
      return Status(
          StatusCode::kAlreadyExists, sqlstate::kDuplicateObject,
          "constraint \"" + check.name + "\" for relation \"" + table.table + "\" already exists");
    }
  }
  table.checks.push_back(change.check);
  return Status::OK();
}

Status DropCheck(const ColumnChange& change, AlteredTable* out) {
  storage::TableEntry& table = out->entry;
  if (std::erase_if(table.checks, [&](const storage::CheckConstraint& check) {
        return check.name == change.name;
      }) == 0) {
    return Status(
        StatusCode::kNotFound, sqlstate::kUndefinedObject,
        "constraint \"" + change.name + "\" of relation \"" + table.table + "\" does not exist");
  }
  return Status::OK();
}

}  // namespace

Result<AlteredTable> ApplyColumnChange(const storage::TableEntry& table,
                                       const std::vector<storage::IndexEntry>& indexes,
                                       const ColumnChange& change, bool has_rows) {
  AlteredTable out{table, indexes, -1};
  switch (change.kind) {
    case ColumnChange::Kind::kAdd:
      BOYO_RETURN_IF_ERROR(AddColumn(change, has_rows, &out));
      break;
    case ColumnChange::Kind::kDrop:
      BOYO_RETURN_IF_ERROR(DropColumn(change, &out));
      break;
    case ColumnChange::Kind::kRename:
      BOYO_RETURN_IF_ERROR(RenameColumn(change, &out));
      break;
    case ColumnChange::Kind::kAddCheck:
      BOYO_RETURN_IF_ERROR(AddCheck(change, &out));
      break;
    case ColumnChange::Kind::kDropCheck:
      BOYO_RETURN_IF_ERROR(DropCheck(change, &out));
      break;
  }
  return out;
}

Result<columnar::Chunk> ConvertMemtableRows(const columnar::Chunk& rows, ColumnChange::Kind kind,
                                            const AlteredTable& altered) {
  const types::Schema& schema = altered.entry.schema;
  std::vector<columnar::ArrayPtr> columns = rows.columns();
  switch (kind) {
    case ColumnChange::Kind::kAdd: {
      const types::Field& added = schema.field(schema.num_fields() - 1);
      const auto fill = altered.entry.missing_values.find(altered.entry.StorageName(added.name));
      const types::Value value = fill == altered.entry.missing_values.end()
                                     ? types::Value::Null(added.type())
                                     : fill->second;
      BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr column,
                            exec::Broadcast(value, added.type(), rows.num_rows()));
      columns.push_back(std::move(column));
      break;
    }
    case ColumnChange::Kind::kDrop:
      columns.erase(columns.begin() + altered.dropped_position);
      break;
    case ColumnChange::Kind::kRename:
    case ColumnChange::Kind::kAddCheck:
    case ColumnChange::Kind::kDropCheck:
      break;
  }
  return columnar::Chunk(std::make_shared<const types::Schema>(schema), std::move(columns),
                         rows.num_rows());
}

}  // namespace boyodb::engine
