// Users and roles: catalog entries without data. Each change is a WAL record (replayed over an
// older manifest) and a manifest version, so a user created or altered survives a crash once
// the statement returns.
#include <algorithm>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
namespace wal = storage::wal;

namespace {

Status NoSuchRole(std::string_view name) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                "role \"" + std::string(name) + "\" does not exist");
}

// Every role the user is a member of exists, and none is the user itself.
Status CheckMemberships(const Manifest& manifest, const UserInfo& user) {
  for (const std::string& role : user.member_of) {
    if (role == user.name) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidGrantOperation,
                    "role \"" + role + "\" is a member of role \"" + role + "\"");
    }
    if (manifest.FindUser(role) == nullptr) return NoSuchRole(role);
  }
  return Status::OK();
}

}  // namespace

Status DatabaseImpl::CreateUser(const UserInfo& user) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("role", user.name));
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  if (next.FindUser(user.name) != nullptr) {
    return Status(StatusCode::kAlreadyExists, sqlstate::kDuplicateObject,
                  "role \"" + user.name + "\" already exists");
  }
  BOYO_RETURN_IF_ERROR(CheckMemberships(next, user));
  BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kPutUser, storage::UserEntryToJson(user)));
  catalog::PutUser(&next, user);
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::ReplaceUser(const UserInfo& user) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  if (next.FindUser(user.name) == nullptr) return NoSuchRole(user.name);
  BOYO_RETURN_IF_ERROR(CheckMemberships(next, user));
  BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kPutUser, storage::UserEntryToJson(user)));
  catalog::PutUser(&next, user);
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::DropUser(std::string_view name, bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  if (next.FindUser(name) == nullptr) return if_exists ? Status::OK() : NoSuchRole(name);
  BOYO_RETURN_IF_ERROR(wal_->Append(wal::RecordType::kDropUser, wal::EncodeObjectName("", name)));
  catalog::EraseUser(&next, name);
  return PublishLocked(std::move(next));
}

std::optional<UserInfo> DatabaseImpl::FindUser(std::string_view name) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  const storage::UserEntry* user = manifest->FindUser(name);
  return user == nullptr ? std::nullopt : std::optional<UserInfo>(*user);
}

std::vector<UserInfo> DatabaseImpl::ListUsers() const {
  std::vector<UserInfo> users = manifest_store_->current()->users;
  std::sort(users.begin(), users.end(),
            [](const UserInfo& a, const UserInfo& b) { return a.name < b.name; });
  return users;
}

}  // namespace boyodb::engine
