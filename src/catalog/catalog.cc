#include "catalog/catalog.h"

#include <algorithm>
#include <set>

#include "common/sqlstate.h"

namespace boyodb::catalog {

Status ValidateName(std::string_view kind, std::string_view name) {
  auto invalid = [&](const std::string& why) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidName,
                  "invalid " + std::string(kind) + " name \"" + std::string(name) + "\": " + why);
  };
  if (name.empty()) return invalid("it is empty");
  if (name.size() > kMaxNameLength) {
    return invalid("it is longer than " + std::to_string(kMaxNameLength) + " characters");
  }
  if (name[0] >= '0' && name[0] <= '9') return invalid("it starts with a digit");
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return invalid("only letters, digits and underscores are allowed");
  }
  return Status::OK();
}

std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label) {
  // Names are ASCII (ValidateName), so bytes are characters.
  const size_t overhead = (name2.empty() ? 0 : 1) + label.size() + 1;
  const size_t available = kMaxNameLength - overhead;
  size_t length1 = name1.size();
  size_t length2 = name2.size();
  while (length1 + length2 > available) {
    if (length1 > length2) {
      --length1;
    } else {
      --length2;
    }
  }
  std::string name(name1.substr(0, length1));
  if (!name2.empty()) name += "_" + std::string(name2.substr(0, length2));
  return name + "_" + std::string(label);
}

Status ValidateSchema(const types::Schema& schema) {
  if (schema.num_fields() == 0) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "a table must have at least one column");
  }
  std::set<std::string> seen;
  for (const types::Field& field : schema.fields()) {
    BOYO_RETURN_IF_ERROR(ValidateName("column", field.name));
    if (!seen.insert(field.name).second) {
      return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateColumn,
                    "column \"" + field.name + "\" specified more than once");
    }
    if (field.type().id() == types::TypeId::kNull) {
      return Status::InvalidArgument("column \"" + field.name + "\" cannot have type NULL");
    }
  }
  return Status::OK();
}

Status RequireDatabase(const storage::Manifest& manifest, std::string_view database) {
  if (manifest.HasDatabase(database)) return Status::OK();
  return Status(StatusCode::kNotFound, sqlstate::kInvalidCatalogName,
                "database \"" + std::string(database) + "\" does not exist");
}

Result<const storage::TableEntry*> ResolveTable(const storage::Manifest& manifest,
                                                std::string_view database, std::string_view table) {
  BOYO_RETURN_IF_ERROR(RequireDatabase(manifest, database));
  const storage::TableEntry* entry = manifest.FindTable(database, table);
  if (entry == nullptr) {
    return Status(
        StatusCode::kNotFound, sqlstate::kUndefinedTable,
        "relation \"" + std::string(database) + "." + std::string(table) + "\" does not exist");
  }
  return entry;
}

RelationKind FindRelation(const storage::Manifest& manifest, std::string_view database,
                          std::string_view name) {
  if (manifest.FindTable(database, name) != nullptr) return RelationKind::kTable;
  if (manifest.FindView(database, name) != nullptr) return RelationKind::kView;
  if (manifest.FindIndex(database, name) != nullptr) return RelationKind::kIndex;
  if (manifest.FindSequence(database, name) != nullptr) return RelationKind::kSequence;
  return RelationKind::kNone;
}

Status RequireFreeName(const storage::Manifest& manifest, std::string_view database,
                       std::string_view name) {
  if (FindRelation(manifest, database, name) == RelationKind::kNone) return Status::OK();
  return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateTable,
                "relation \"" + std::string(name) + "\" already exists");
}

void EraseDatabase(storage::Manifest* manifest, std::string_view database) {
  std::erase(manifest->databases, std::string(database));
  std::erase_if(manifest->tables, [&](const auto& t) { return t.database == database; });
  std::erase_if(manifest->entries, [&](const auto& e) { return e.database == database; });
  std::erase_if(manifest->views, [&](const auto& v) { return v.database == database; });
  std::erase_if(manifest->sequences, [&](const auto& s) { return s.database == database; });
  std::erase_if(manifest->indexes, [&](const auto& i) { return i.database == database; });
}

void EraseTable(storage::Manifest* manifest, uint64_t table_id) {
  const storage::TableEntry* table = manifest->FindTableById(table_id);
  if (table == nullptr) return;
  const std::string database = table->database;
  const std::string name = table->table;
  std::erase_if(manifest->indexes,
                [&](const auto& i) { return i.database == database && i.table == name; });
  // A SERIAL column's sequence goes with its table, as in PostgreSQL.
  std::erase_if(manifest->sequences,
                [&](const auto& s) { return s.database == database && s.owner_table == name; });
  std::erase_if(manifest->tables, [&](const auto& t) { return t.table_id == table_id; });
  std::erase_if(manifest->entries, [&](const auto& e) { return e.table_id == table_id; });
}

void RenameTable(storage::Manifest* manifest, const storage::wal::RenameTablePayload& rename) {
  const auto listed = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  for (storage::TableEntry& table : manifest->tables) {
    if (table.table_id != rename.table_id) continue;
    table.table = rename.new_name;
    table.storage_dir = rename.storage_dir;
  }
  for (storage::SegmentEntry& entry : manifest->entries) {
    if (entry.table_id == rename.table_id) entry.table = rename.new_name;
  }
  for (storage::IndexEntry& index : manifest->indexes) {
    if (index.database == rename.database && listed(rename.indexes, index.name)) {
      index.table = rename.new_name;
    }
  }
  for (storage::SequenceEntry& sequence : manifest->sequences) {
    if (sequence.database == rename.database && listed(rename.sequences, sequence.name)) {
      sequence.owner_table = rename.new_name;
    }
  }
  for (const storage::ViewEntry& view : rename.views) {
    if (manifest->HasDatabase(view.database)) PutView(manifest, view);
  }
}

void PutView(storage::Manifest* manifest, storage::ViewEntry view) {
  EraseView(manifest, view.database, view.name);
  manifest->views.push_back(std::move(view));
}

void EraseView(storage::Manifest* manifest, std::string_view database, std::string_view name) {
  std::erase_if(manifest->views,
                [&](const auto& v) { return v.database == database && v.name == name; });
}

void PutIndex(storage::Manifest* manifest, storage::IndexEntry index) {
  EraseIndex(manifest, index.database, index.name);
  manifest->indexes.push_back(std::move(index));
}

void EraseIndex(storage::Manifest* manifest, std::string_view database, std::string_view name) {
  std::erase_if(manifest->indexes,
                [&](const auto& i) { return i.database == database && i.name == name; });
}

void PutSequence(storage::Manifest* manifest, storage::SequenceEntry sequence) {
  EraseSequence(manifest, sequence.database, sequence.name);
  manifest->sequences.push_back(std::move(sequence));
}

void EraseSequence(storage::Manifest* manifest, std::string_view database, std::string_view name) {
  std::erase_if(manifest->sequences,
                [&](const auto& s) { return s.database == database && s.name == name; });
}

void PutUser(storage::Manifest* manifest, storage::UserEntry user) {
  std::erase_if(manifest->users, [&](const auto& u) { return u.name == user.name; });
  manifest->users.push_back(std::move(user));
}

void EraseUser(storage::Manifest* manifest, std::string_view name) {
  std::erase_if(manifest->users, [&](const auto& u) { return u.name == name; });
  for (storage::UserEntry& user : manifest->users) std::erase(user.member_of, name);
}

}  // namespace boyodb::catalog
