// Sequences: CREATE/DROP SEQUENCE and nextval/setval. nextval logs a bound ahead of the values
// it hands out (a WAL record and a manifest version per block of kLogAhead values), so it is
// cheap per value and a restart goes on above every value handed out, as PostgreSQL does.
#include <algorithm>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/database_impl.h"
#include "storage/wal/payload_codec.h"

namespace boyodb::engine {

using storage::Manifest;
using storage::SequenceEntry;
namespace wal = storage::wal;

namespace {

// Values logged ahead beyond those a call needs (PostgreSQL logs 32).
constexpr int64_t kLogAhead = 32;

std::string Key(std::string_view database, std::string_view name) {
  return std::string(database) + "." + std::string(name);
}

Status NoSuchSequence(std::string_view name) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                "relation \"" + std::string(name) + "\" does not exist");
}

// `value` + `steps` increments, clamped to the sequence's range; false when it leaves it.
bool Step(const SequenceEntry& sequence, int64_t value, int64_t steps, int64_t* out) {
  const __int128 next = static_cast<__int128>(value) +
                        static_cast<__int128>(steps) * static_cast<__int128>(sequence.increment);
  if (next > sequence.max_value || next < sequence.min_value) return false;
  *out = static_cast<int64_t>(next);
  return true;
}

}  // namespace

Status DatabaseImpl::CreateSequence(const SequenceInfo& sequence, bool if_not_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("sequence", sequence.name));
  if (sequence.increment == 0) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "INCREMENT must not be zero");
  }
  if (sequence.min_value >= sequence.max_value) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "MINVALUE (" + std::to_string(sequence.min_value) +
                      ") must be less than MAXVALUE (" + std::to_string(sequence.max_value) + ")");
  }
  if (sequence.start < sequence.min_value || sequence.start > sequence.max_value) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "START value (" + std::to_string(sequence.start) + ") cannot be " +
                      (sequence.start < sequence.min_value
                           ? "less than MINVALUE (" + std::to_string(sequence.min_value)
                           : "greater than MAXVALUE (" + std::to_string(sequence.max_value)) +
                      ")");
  }
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, sequence.database));
  if (catalog::FindRelation(next, sequence.database, sequence.name) !=
      catalog::RelationKind::kNone) {
    if (if_not_exists) return Status::OK();
    return catalog::RequireFreeName(next, sequence.database, sequence.name);
  }
  SequenceEntry entry = sequence;
  entry.last_value = entry.start;
  entry.called = false;
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kCreateSequence, storage::SequenceEntryToJson(entry)));
  sequence_positions_.erase(Key(entry.database, entry.name));
  catalog::PutSequence(&next, std::move(entry));
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::DropSequence(std::string_view database, std::string_view name,
                                  bool if_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  const catalog::RelationKind existing = catalog::FindRelation(next, database, name);
  if (existing != catalog::RelationKind::kSequence) {
    if (existing != catalog::RelationKind::kNone) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                    "\"" + std::string(name) + "\" is not a sequence");
    }
    if (if_exists) return Status::OK();
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "sequence \"" + std::string(name) + "\" does not exist");
  }
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kDropSequence, wal::EncodeObjectName(database, name)));
  catalog::EraseSequence(&next, database, name);
  sequence_positions_.erase(Key(database, name));
  return PublishLocked(std::move(next));
}

Result<int64_t> DatabaseImpl::NextSequenceValues(std::string_view database, std::string_view name,
                                                 int64_t count) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  if (count < 1) return Status::InvalidArgument("NextSequenceValues needs a count of at least 1");
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  const std::shared_ptr<const Manifest> current = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*current, database));
  const SequenceEntry* logged = current->FindSequence(database, name);
  if (logged == nullptr) return NoSuchSequence(name);
  // After a restart the sequence goes on from the bound logged last.
  const auto [position, fresh] = sequence_positions_.try_emplace(
      Key(database, name), SequencePosition{logged->last_value, logged->called});
  (void)fresh;
  SequencePosition& at = position->second;
  int64_t first = at.last;
  int64_t last = 0;
  if ((at.called && !Step(*logged, at.last, 1, &first)) ||
      !Step(*logged, first, count - 1, &last)) {
    const bool up = logged->increment > 0;
    return Status(StatusCode::kInvalidArgument, sqlstate::kSequenceGeneratorLimitExceeded,
                  std::string("nextval: reached ") + (up ? "maximum" : "minimum") +
                      " value of sequence \"" + std::string(name) + "\" (" +
                      std::to_string(up ? logged->max_value : logged->min_value) + ")");
  }
  const bool covered = logged->called && (logged->increment > 0 ? last <= logged->last_value
                                                                : last >= logged->last_value);
  if (!covered) {
    SequenceEntry ahead = *logged;
    ahead.called = true;
    if (!Step(*logged, last, kLogAhead, &ahead.last_value)) {
      ahead.last_value = logged->increment > 0 ? logged->max_value : logged->min_value;
    }
    BOYO_RETURN_IF_ERROR(
        wal_->Append(wal::RecordType::kAdvanceSequence, storage::SequenceEntryToJson(ahead)));
    Manifest next = *current;
    catalog::PutSequence(&next, std::move(ahead));
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next)));
  }
  at.last = last;
  at.called = true;
  return first;
}

Status DatabaseImpl::SetSequenceValue(std::string_view database, std::string_view name,
                                      int64_t value, bool called) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  SequenceEntry* sequence = next.FindSequence(database, name);
  if (sequence == nullptr) return NoSuchSequence(name);
  if (value < sequence->min_value || value > sequence->max_value) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kNumericValueOutOfRange,
                  "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" +
                      std::string(name) + "\" (" + std::to_string(sequence->min_value) + ".." +
                      std::to_string(sequence->max_value) + ")");
  }
  sequence->last_value = value;
  sequence->called = called;
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kAdvanceSequence, storage::SequenceEntryToJson(*sequence)));
  sequence_positions_[Key(database, name)] = SequencePosition{value, called};
  return PublishLocked(std::move(next));
}

Status DatabaseImpl::RecordSequencePositions() {
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  bool changed = false;
  for (SequenceEntry& sequence : next.sequences) {
    const auto position = sequence_positions_.find(Key(sequence.database, sequence.name));
    if (position == sequence_positions_.end() || !position->second.called) continue;
    if (sequence.called && sequence.last_value == position->second.last) continue;
    sequence.last_value = position->second.last;
    sequence.called = true;
    BOYO_RETURN_IF_ERROR(
        wal_->Append(wal::RecordType::kAdvanceSequence, storage::SequenceEntryToJson(sequence)));
    changed = true;
  }
  if (!changed) return Status::OK();
  return PublishLocked(std::move(next));
}

std::optional<SequenceInfo> DatabaseImpl::FindSequence(std::string_view database,
                                                       std::string_view name) const {
  const std::shared_ptr<const Manifest> manifest = manifest_store_->current();
  const SequenceEntry* sequence = manifest->FindSequence(database, name);
  if (sequence == nullptr) return std::nullopt;
  return *sequence;
}

}  // namespace boyodb::engine
