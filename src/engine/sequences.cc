// Sequences: CREATE/ALTER/DROP SEQUENCE and nextval/setval. nextval logs a bound ahead of the
// values it hands out (a WAL record and a manifest version per block of kLogAhead values), so it is
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

Status InvalidSetting(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

// PostgreSQL's checks of a sequence's settings and of the position it is at (`what` is
// "START" for a new sequence, "RESTART" for a changed one), in its order.
Status ValidateSequence(const SequenceEntry& sequence, int64_t position, std::string_view what) {
  if (sequence.increment == 0) return InvalidSetting("INCREMENT must not be zero");
  const auto text = [](int64_t value) { return std::to_string(value); };
  if (sequence.min_value >= sequence.max_value) {
    return InvalidSetting("MINVALUE (" + text(sequence.min_value) +
                          ") must be less than MAXVALUE (" + text(sequence.max_value) + ")");
  }
  for (const auto& [name, value] : {std::pair<std::string_view, int64_t>{"START", sequence.start},
                                    std::pair<std::string_view, int64_t>{what, position}}) {
    if (value < sequence.min_value) {
      return InvalidSetting(std::string(name) + " value (" + text(value) +
                            ") cannot be less than MINVALUE (" + text(sequence.min_value) + ")");
    }
    if (value > sequence.max_value) {
      return InvalidSetting(std::string(name) + " value (" + text(value) +
                            ") cannot be greater than MAXVALUE (" + text(sequence.max_value) + ")");
    }
  }
  return Status::OK();
}

// The value after `value`: one increment on, starting over at the other bound past the
// end for a CYCLE sequence; nullopt past the end otherwise.
std::optional<int64_t> Following(const SequenceEntry& sequence, int64_t value) {
  const __int128 next = static_cast<__int128>(value) + sequence.increment;
  if (next > sequence.max_value) {
    if (!sequence.cycle) return std::nullopt;
    return sequence.min_value;
  }
  if (next < sequence.min_value) {
    if (!sequence.cycle) return std::nullopt;
    return sequence.max_value;
  }
  return static_cast<int64_t>(next);
}

}  // namespace

Status DatabaseImpl::CreateSequence(const SequenceInfo& sequence, bool if_not_exists) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  BOYO_RETURN_IF_ERROR(catalog::ValidateName("sequence", sequence.name));
  BOYO_RETURN_IF_ERROR(ValidateSequence(sequence, sequence.start, "START"));
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

DatabaseImpl::SequencePosition& DatabaseImpl::PositionLocked(const SequenceEntry& sequence) {
  // After a restart the sequence goes on from the bound logged last.
  return sequence_positions_
      .try_emplace(Key(sequence.database, sequence.name),
                   SequencePosition{sequence.last_value, sequence.called, 0})
      .first->second;
}

Result<std::vector<int64_t>> DatabaseImpl::NextSequenceValues(std::string_view database,
                                                              std::string_view name,
                                                              int64_t count) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  if (count < 1) return Status::InvalidArgument("NextSequenceValues needs a count of at least 1");
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  const std::shared_ptr<const Manifest> current = manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(*current, database));
  const SequenceEntry* logged = current->FindSequence(database, name);
  if (logged == nullptr) return NoSuchSequence(name);
  SequencePosition& at = PositionLocked(*logged);
  std::vector<int64_t> values;
  values.reserve(static_cast<size_t>(count));
  std::optional<int64_t> next = at.called ? Following(*logged, at.last) : at.last;
  while (true) {
    if (!next) {
      const bool up = logged->increment > 0;
      return Status(StatusCode::kInvalidArgument, sqlstate::kSequenceGeneratorLimitExceeded,
                    std::string("nextval: reached ") + (up ? "maximum" : "minimum") +
                        " value of sequence \"" + std::string(name) + "\" (" +
                        std::to_string(up ? logged->max_value : logged->min_value) + ")");
    }
    values.push_back(*next);
    if (static_cast<int64_t>(values.size()) == count) break;
    next = Following(*logged, *next);
  }
  if (count > at.logged_ahead) {
    // The manifest's bound must cover every value handed out: log one kLogAhead values past
    // the last (or the sequence's end, if that comes first).
    SequenceEntry ahead = *logged;
    ahead.called = true;
    ahead.last_value = values.back();
    int64_t steps = 0;
    for (; steps < kLogAhead; ++steps) {
      const std::optional<int64_t> further = Following(*logged, ahead.last_value);
      if (!further) break;
      ahead.last_value = *further;
    }
    BOYO_RETURN_IF_ERROR(
        wal_->Append(wal::RecordType::kAdvanceSequence, storage::SequenceEntryToJson(ahead)));
    Manifest next_manifest = *current;
    catalog::PutSequence(&next_manifest, std::move(ahead));
    BOYO_RETURN_IF_ERROR(PublishLocked(std::move(next_manifest)));
    at.logged_ahead = steps;
  } else {
    at.logged_ahead -= count;
  }
  at.last = values.back();
  at.called = true;
  return values;
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

Status DatabaseImpl::AlterSequence(
    std::string_view database, std::string_view name,
    const std::function<Result<SequenceAlteration>(const SequenceInfo& current)>& alter) {
  BOYO_RETURN_IF_ERROR(CheckOpen());
  std::lock_guard<std::mutex> lock(catalog_mutex_);
  Manifest next = *manifest_store_->current();
  BOYO_RETURN_IF_ERROR(catalog::RequireDatabase(next, database));
  SequenceEntry* sequence = next.FindSequence(database, name);
  if (sequence == nullptr) return NoSuchSequence(name);
  SequencePosition& at = PositionLocked(*sequence);
  SequenceEntry now = *sequence;
  now.last_value = at.last;
  now.called = at.called;
  BOYO_ASSIGN_OR_RETURN(SequenceAlteration change, alter(now));
  SequenceEntry altered = std::move(change.settings);
  altered.database = now.database;
  altered.name = now.name;
  altered.last_value = change.restart.value_or(now.last_value);
  altered.called = change.restart ? false : now.called;
  // Changed bounds must still hold where the sequence is, as in PostgreSQL.
  BOYO_RETURN_IF_ERROR(ValidateSequence(altered, altered.last_value, "RESTART"));
  // The exact position is logged, so a crash after this loses no value and skips none.
  BOYO_RETURN_IF_ERROR(
      wal_->Append(wal::RecordType::kAlterSequence, storage::SequenceEntryToJson(altered)));
  at = SequencePosition{altered.last_value, altered.called, 0};
  *sequence = std::move(altered);
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
