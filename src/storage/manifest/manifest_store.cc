#include <algorithm>

#include "common/logging.h"
#include "storage/manifest/manifest.h"

namespace boyodb::storage {
namespace {

constexpr std::string_view kManifestName = "manifest.json";
constexpr std::string_view kBackupPrefix = "manifest-";

std::string BackupName(uint64_t version) {
  return std::string(kBackupPrefix) + std::to_string(version) + ".json";
}

// Backups in DATA/wal, newest first.
Result<std::vector<std::pair<uint64_t, std::string>>> ListBackups(FileSystem& fs,
                                                                  const std::string& wal_dir) {
  std::vector<std::pair<uint64_t, std::string>> backups;
  BOYO_ASSIGN_OR_RETURN(const bool exists, fs.Exists(wal_dir));
  if (!exists) return backups;
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> names, fs.ListDir(wal_dir));
  for (const std::string& name : names) {
    if (name.rfind(kBackupPrefix, 0) != 0 || name.size() < 6 ||
        name.compare(name.size() - 5, 5, ".json") != 0) {
      continue;
    }
    const std::string digits =
        name.substr(kBackupPrefix.size(), name.size() - kBackupPrefix.size() - 5);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    backups.emplace_back(std::stoull(digits), JoinPath(wal_dir, name));
  }
  std::sort(backups.begin(), backups.end(), std::greater<>());
  return backups;
}

}  // namespace

bool Manifest::HasDatabase(std::string_view name) const {
  return std::find(databases.begin(), databases.end(), name) != databases.end();
}

const TableEntry* Manifest::FindTable(std::string_view database, std::string_view table) const {
  for (const TableEntry& entry : tables) {
    if (entry.database == database && entry.table == table) return &entry;
  }
  return nullptr;
}

std::string TableEntry::StorageName(const std::string& column) const {
  const auto found = storage_names.find(column);
  return found == storage_names.end() ? column : found->second;
}

types::Schema TableEntry::StorageSchema() const {
  if (storage_names.empty()) return schema;
  std::vector<types::Field> fields;
  for (const types::Field& field : schema.fields()) {
    fields.emplace_back(StorageName(field.name), field.type(), field.nullable);
  }
  return types::Schema(std::move(fields));
}

const TableEntry* Manifest::FindTableById(uint64_t table_id) const {
  for (const TableEntry& entry : tables) {
    if (entry.table_id == table_id) return &entry;
  }
  return nullptr;
}

const ViewEntry* Manifest::FindView(std::string_view database, std::string_view name) const {
  for (const ViewEntry& view : views) {
    if (view.database == database && view.name == name) return &view;
  }
  return nullptr;
}

SequenceEntry* Manifest::FindSequence(std::string_view database, std::string_view name) {
  for (SequenceEntry& sequence : sequences) {
    if (sequence.database == database && sequence.name == name) return &sequence;
  }
  return nullptr;
}

const SequenceEntry* Manifest::FindSequence(std::string_view database,
                                            std::string_view name) const {
  return const_cast<Manifest*>(this)->FindSequence(database, name);
}

const UserEntry* Manifest::FindUser(std::string_view name) const {
  for (const UserEntry& user : users) {
    if (user.name == name) return &user;
  }
  return nullptr;
}

const IndexEntry* Manifest::FindIndex(std::string_view database, std::string_view name) const {
  for (const IndexEntry& index : indexes) {
    if (index.database == database && index.name == name) return &index;
  }
  return nullptr;
}

ManifestStore::ManifestStore(FileSystem& fs, std::string data_dir,
                             std::shared_ptr<const Manifest> initial)
    : fs_(fs), data_dir_(std::move(data_dir)), current_(std::move(initial)) {}

Result<std::unique_ptr<ManifestStore>> ManifestStore::Open(FileSystem& fs,
                                                           const std::string& data_dir,
                                                           std::optional<Status>* problem) {
  const std::string path = JoinPath(data_dir, kManifestName);
  const std::string wal_dir = JoinPath(data_dir, "wal");
  BOYO_ASSIGN_OR_RETURN(const bool exists, fs.Exists(path));
  BOYO_ASSIGN_OR_RETURN(const auto backups, ListBackups(fs, wal_dir));
  if (!exists) {
    if (!backups.empty()) {
      // A manifest that vanished while backups exist is damage, not a new directory.
      *problem = Status::Corruption("manifest \"" + path + "\" is missing; using backup \"" +
                                    backups.front().second + "\"");
    } else {
      auto empty = std::make_shared<const Manifest>();
      return std::unique_ptr<ManifestStore>(new ManifestStore(fs, data_dir, std::move(empty)));
    }
  } else {
    Result<std::string> text = ReadWholeFile(fs, path);
    if (!text.ok()) return text.error();
    Result<Manifest> manifest = ManifestFromJson(*text, path);
    if (manifest.ok()) {
      auto loaded = std::make_shared<const Manifest>(std::move(manifest).value());
      return std::unique_ptr<ManifestStore>(new ManifestStore(fs, data_dir, std::move(loaded)));
    }
    if (!manifest.error().IsCorruption()) return manifest.error();
    *problem = manifest.error();
    log::Error("{}; trying backups", manifest.error().FullMessage());
    BOYO_RETURN_IF_ERROR(fs.Rename(path, path + ".corrupt"));
  }
  for (const auto& [version, backup_path] : backups) {
    Result<std::string> text = ReadWholeFile(fs, backup_path);
    if (!text.ok()) continue;
    Result<Manifest> manifest = ManifestFromJson(*text, backup_path);
    if (!manifest.ok()) {
      log::Error("{}", manifest.error().FullMessage());
      continue;
    }
    log::Warn("recovered the manifest from backup \"{}\" (version {})", backup_path, version);
    BOYO_RETURN_IF_ERROR(WriteFileAtomically(fs, path, *text));
    auto loaded = std::make_shared<const Manifest>(std::move(manifest).value());
    return std::unique_ptr<ManifestStore>(new ManifestStore(fs, data_dir, std::move(loaded)));
  }
  return problem->has_value() ? Status(**problem).WithContext("and no valid backup was found")
                              : Status::Corruption("manifest \"" + path + "\" is unreadable");
}

Status ManifestStore::Publish(Manifest next) {
  std::lock_guard<std::mutex> lock(publish_mutex_);
  const uint64_t expected = current()->version + 1;
  if (next.version != expected) {
    return Status::Internal("manifest version " + std::to_string(next.version) +
                            " published after version " + std::to_string(expected - 1));
  }
  const std::string text = ManifestToJson(next);
  const std::string wal_dir = JoinPath(data_dir_, "wal");
  BOYO_RETURN_IF_ERROR(fs_.CreateDirs(wal_dir));
  // The backup goes first: if the manifest write is torn, the backup of this same version is
  // complete, so no acknowledged change depends on the main file alone.
  BOYO_RETURN_IF_ERROR(WriteFileAtomically(fs_, JoinPath(wal_dir, BackupName(next.version)), text));
  BOYO_RETURN_IF_ERROR(WriteFileAtomically(fs_, JoinPath(data_dir_, kManifestName), text));
  current_.store(std::make_shared<const Manifest>(std::move(next)));

  // Old backups beyond the newest kBackupsKept are no longer needed; failing to remove one is
  // harmless, so errors are only logged.
  Result<std::vector<std::pair<uint64_t, std::string>>> backups = ListBackups(fs_, wal_dir);
  if (backups.ok()) {
    for (size_t i = kBackupsKept; i < backups->size(); ++i) {
      const Status removed = fs_.RemoveFile((*backups)[i].second);
      if (!removed.ok()) log::Warn("{}", removed.FullMessage());
    }
  }
  return Status::OK();
}

}  // namespace boyodb::storage
