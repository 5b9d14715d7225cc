#include "engine/session_sequences.h"

#include <cctype>

#include "common/sqlstate.h"

namespace boyodb::engine {
namespace {

// One part of a name: quoted parts are taken as written, others are folded to lower case.
std::string NamePart(std::string_view part) {
  if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < part.size(); ++i) {
      out += part[i];
      if (part[i] == '"' && i + 2 < part.size() && part[i + 1] == '"') ++i;
    }
    return out;
  }
  std::string out(part);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<std::pair<std::string, std::string>> SessionSequences::Resolve(std::string_view name) const {
  // The dot that separates schema and name lies outside quotes.
  size_t dot = std::string_view::npos;
  bool quoted = false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '"') quoted = !quoted;
    if (name[i] == '.' && !quoted) dot = i;
  }
  if (dot == std::string_view::npos) {
    std::string sequence = NamePart(name);
    if (!temp_database_.empty() && database_.FindSequence(temp_database_, sequence)) {
      return std::make_pair(temp_database_, std::move(sequence));
    }
    return std::make_pair(current_database_, std::move(sequence));
  }
  std::string schema = NamePart(name.substr(0, dot));
  if (schema == "public") schema = current_database_;
  if (schema == "pg_temp" && !temp_database_.empty()) schema = temp_database_;
  return std::make_pair(std::move(schema), NamePart(name.substr(dot + 1)));
}

Status SessionSequences::Next(std::string_view name, int64_t count, std::vector<int64_t>* values) {
  BOYO_ASSIGN_OR_RETURN(const auto resolved, Resolve(name));
  if (!database_.FindSequence(resolved.first, resolved.second)) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + std::string(name) + "\" does not exist");
  }
  BOYO_ASSIGN_OR_RETURN(const std::vector<int64_t> next,
                        database_.NextSequenceValues(resolved.first, resolved.second, count));
  values->insert(values->end(), next.begin(), next.end());
  current_[resolved.first + "." + resolved.second] = values->back();
  return Status::OK();
}

Result<int64_t> SessionSequences::Current(std::string_view name) {
  BOYO_ASSIGN_OR_RETURN(const auto resolved, Resolve(name));
  if (!database_.FindSequence(resolved.first, resolved.second)) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + std::string(name) + "\" does not exist");
  }
  const auto found = current_.find(resolved.first + "." + resolved.second);
  if (found == current_.end()) {
    return Status(
        StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
        "currval of sequence \"" + resolved.second + "\" is not yet defined in this session");
  }
  return found->second;
}

Status SessionSequences::Set(std::string_view name, int64_t value, bool called) {
  BOYO_ASSIGN_OR_RETURN(const auto resolved, Resolve(name));
  if (!database_.FindSequence(resolved.first, resolved.second)) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + std::string(name) + "\" does not exist");
  }
  return database_.SetSequenceValue(resolved.first, resolved.second, value, called);
}

}  // namespace boyodb::engine
