// manifest.json encoding (ManifestToJson / ManifestFromJson).
#include <nlohmann/json.hpp>

#include "common/crc32.h"
#include "storage/index/zone_map_builder.h"
#include "storage/manifest/manifest.h"

namespace boyodb::storage {

using nlohmann::json;

namespace {

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xF]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]);
    const int low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high << 4 | low));
  }
  return out;
}

constexpr std::string_view kCrcKey = ",\"crc32\":";

json SegmentToJson(const SegmentEntry& e) {
  json j = {{"segment_id", e.segment_id},
            {"database", e.database},
            {"table", e.table},
            {"table_id", e.table_id},
            {"shard_id", e.shard_id ? json(*e.shard_id) : json(nullptr)},
            {"row_count", e.row_count},
            {"compressed_bytes", e.compressed_bytes},
            {"uncompressed_bytes", e.uncompressed_bytes},
            {"watermark_micros", e.watermark_micros},
            {"min_event_time", e.min_event_time ? json(*e.min_event_time) : json(nullptr)},
            {"max_event_time", e.max_event_time ? json(*e.max_event_time) : json(nullptr)},
            {"bloom_filter", e.bloom_filter ? json(*e.bloom_filter) : json(nullptr)},
            {"checksum", e.checksum},
            {"tier", SegmentTierName(e.tier)},
            {"version_added", e.version_added}};
  // Only segments that lost rows carry the delete fields.
  if (e.delete_file) {
    j["delete_file"] = *e.delete_file;
    j["deleted_rows"] = e.deleted_rows;
    j["deletes_lsn"] = e.deletes_lsn;
  }
  return j;
}

json TableToJson(const TableEntry& t) {
  json j = {{"database", t.database},
            {"table", t.table},
            {"table_id", t.table_id},
            {"schema_json", types::SchemaToJson(t.schema)},
            {"compression", formats::CodecName(t.compression)},
            {"sort_key", t.sort_key},
            {"replay_from_lsn", t.replay_from_lsn}};
  if (!t.column_defaults.empty()) j["column_defaults"] = t.column_defaults;
  if (!t.declared_types.empty()) j["declared_types"] = t.declared_types;
  if (!t.storage_names.empty()) j["storage_names"] = t.storage_names;
  if (!t.retired_storage_names.empty()) j["retired_storage_names"] = t.retired_storage_names;
  if (!t.missing_values.empty()) {
    // Each value in the binary form zone maps use, as hex.
    json values = json::object();
    for (const auto& [name, value] : t.missing_values) {
      std::string bytes;
      AppendZoneMapValue(value, &bytes);
      values[name] = HexEncode(bytes);
    }
    j["missing_values"] = values;
  }
  if (!t.checks.empty()) {
    json checks = json::array();
    for (const CheckConstraint& check : t.checks) {
      checks.push_back({{"name", check.name}, {"expression", check.expression}});
    }
    j["checks"] = checks;
  }
  if (!t.storage_dir.empty()) j["storage_dir"] = t.storage_dir;
  return j;
}

json ViewToJson(const ViewEntry& v) {
  return {{"database", v.database},
          {"name", v.name},
          {"definition", v.definition},
          {"columns", v.columns}};
}

json SequenceToJson(const SequenceEntry& s) {
  return {
      {"database", s.database},         {"name", s.name},           {"increment", s.increment},
      {"min_value", s.min_value},       {"max_value", s.max_value}, {"start", s.start},
      {"last_value", s.last_value},     {"called", s.called},       {"owner_table", s.owner_table},
      {"owner_column", s.owner_column}, {"identity", s.identity},   {"cycle", s.cycle}};
}

// Privilege bits as GRANT's names, e.g. ["SELECT", "INSERT"].
json PrivilegeNames(uint32_t bits) {
  json names = json::array();
  for (uint32_t i = 0; i < privilege::kNumBits; ++i) {
    if (bits & (1u << i)) names.push_back(std::string(PrivilegeName(1u << i)));
  }
  return names;
}

json GrantsToJson(const std::vector<PrivilegeGrant>& grants) {
  json out = json::array();
  for (const PrivilegeGrant& grant : grants) {
    out.push_back({{"database", grant.database},
                   {"table", grant.table},
                   {"privileges", PrivilegeNames(grant.privileges)},
                   {"grant_option", PrivilegeNames(grant.grant_option)}});
  }
  return out;
}

json UserToJson(const UserEntry& u) {
  return {{"grants", GrantsToJson(u.grants)}, {"name", u.name},
          {"password_hash", u.password_hash}, {"scram_verifier", u.scram_verifier},
          {"superuser", u.superuser},         {"login", u.login},
          {"create_db", u.create_db},         {"create_user", u.create_user},
          {"member_of", u.member_of}};
}

json IndexToJson(const IndexEntry& i) {
  return {{"database", i.database},      {"name", i.name},     {"table", i.table},
          {"columns", i.columns},        {"method", i.method}, {"unique", i.unique},
          {"primary_key", i.primary_key}};
}

// Reads fields with checks; the first problem is kept and reported with the file's path.
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  template <typename T>
  T Get(const json& object, const char* key) {
    if (!problem_.empty()) return T{};
    if (!object.is_object() || !object.contains(key)) {
      problem_ = std::string("missing field \"") + key + "\"";
      return T{};
    }
    const json& value = object[key];
    if constexpr (std::is_same_v<T, std::string>) {
      if (!value.is_string()) problem_ = std::string("field \"") + key + "\" is not a string";
    } else {
      if (!value.is_number_unsigned() && !value.is_number_integer()) {
        problem_ = std::string("field \"") + key + "\" is not a number";
      }
    }
    if (!problem_.empty()) return T{};
    return value.get<T>();
  }

  template <typename T>
  std::optional<T> GetOptional(const json& object, const char* key) {
    if (!problem_.empty() || !object.contains(key) || object[key].is_null()) return std::nullopt;
    return Get<T>(object, key);
  }

  void Fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }
  bool ok() const { return problem_.empty(); }
  Status Error() const {
    return Status::Corruption("manifest \"" + path_ + "\" is invalid: " + problem_);
  }

 private:
  const std::string& path_;
  std::string problem_;
};

// A JSON array of strings, or a problem.
std::vector<std::string> StringList(const json& object, const char* key, Reader& reader) {
  std::vector<std::string> out;
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) {
    reader.Fail(std::string("missing list \"") + key + "\"");
    return out;
  }
  for (const json& item : object[key]) {
    if (!item.is_string()) {
      reader.Fail(std::string("list \"") + key + "\" holds a non-string");
      return out;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// A JSON object whose values are strings, or a problem.
std::map<std::string, std::string> StringMap(const json& object, const char* key, Reader& reader) {
  std::map<std::string, std::string> out;
  if (!object[key].is_object()) {
    reader.Fail(std::string("\"") + key + "\" is not an object");
    return out;
  }
  for (const auto& [name, value] : object[key].items()) {
    if (!value.is_string()) {
      reader.Fail(std::string("\"") + key + "\" holds a non-string for " + name);
      return out;
    }
    out[name] = value.get<std::string>();
  }
  return out;
}

Result<TableEntry> ParseTable(const json& t, const std::string& path) {
  Reader reader(path);
  TableEntry table;
  table.database = reader.Get<std::string>(t, "database");
  table.table = reader.Get<std::string>(t, "table");
  table.table_id = reader.Get<uint64_t>(t, "table_id");
  table.replay_from_lsn = reader.Get<uint64_t>(t, "replay_from_lsn");
  const std::string schema_json = reader.Get<std::string>(t, "schema_json");
  const std::string codec = reader.Get<std::string>(t, "compression");
  if (!reader.ok()) return reader.Error();
  Result<types::Schema> schema = types::SchemaFromJson(schema_json);
  if (!schema.ok())
    reader.Fail("table " + table.table + ": " + std::string(schema.error().message()));
  Result<formats::CompressionCodec> parsed_codec = formats::ParseCodecName(codec);
  if (!parsed_codec.ok()) reader.Fail("table " + table.table + ": unknown codec " + codec);
  if (!reader.ok()) return reader.Error();
  table.schema = std::move(schema).value();
  table.compression = *parsed_codec;
  if (t.contains("sort_key") && t["sort_key"].is_array()) {
    for (const json& column : t["sort_key"]) {
      if (column.is_string()) table.sort_key.push_back(column.get<std::string>());
    }
  }
  if (t.contains("column_defaults")) {
    table.column_defaults = StringMap(t, "column_defaults", reader);
    if (!reader.ok()) return reader.Error();
  }
  if (t.contains("declared_types")) {
    table.declared_types = StringMap(t, "declared_types", reader);
    if (!reader.ok()) return reader.Error();
  }
  if (t.contains("storage_names")) {
    table.storage_names = StringMap(t, "storage_names", reader);
    if (!reader.ok()) return reader.Error();
  }
  if (t.contains("retired_storage_names")) {
    table.retired_storage_names = StringList(t, "retired_storage_names", reader);
    if (!reader.ok()) return reader.Error();
  }
  if (t.contains("missing_values")) {
    const json& values = t["missing_values"];
    if (!values.is_object()) {
      reader.Fail("table " + table.table + ": missing_values is not an object");
      return reader.Error();
    }
    for (const auto& [name, hex] : values.items()) {
      const types::Field* field = nullptr;
      for (const types::Field& candidate : table.schema.fields()) {
        if (table.StorageName(candidate.name) == name) field = &candidate;
      }
      std::optional<std::string> bytes =
          hex.is_string() ? HexDecode(hex.get<std::string>()) : std::nullopt;
      if (field == nullptr || !bytes) {
        reader.Fail("table " + table.table + ": bad missing value for " + name);
        return reader.Error();
      }
      std::string_view input = *bytes;
      Result<types::Value> value = ParseZoneMapValue(field->type(), &input);
      if (!value.ok() || !input.empty()) {
        reader.Fail("table " + table.table + ": bad missing value for " + name);
        return reader.Error();
      }
      table.missing_values.emplace(name, std::move(value).value());
    }
  }
  if (t.contains("checks")) {
    if (!t["checks"].is_array()) {
      reader.Fail("table " + table.table + ": checks is not a list");
      return reader.Error();
    }
    for (const json& check : t["checks"]) {
      CheckConstraint constraint;
      constraint.name = reader.Get<std::string>(check, "name");
      constraint.expression = reader.Get<std::string>(check, "expression");
      if (!reader.ok()) return reader.Error();
      table.checks.push_back(std::move(constraint));
    }
  }
  if (t.contains("storage_dir")) {
    table.storage_dir = reader.Get<std::string>(t, "storage_dir");
    if (!reader.ok()) return reader.Error();
  }
  return table;
}

Result<ViewEntry> ParseView(const json& v, const std::string& path) {
  Reader reader(path);
  ViewEntry view;
  view.database = reader.Get<std::string>(v, "database");
  view.name = reader.Get<std::string>(v, "name");
  view.definition = reader.Get<std::string>(v, "definition");
  view.columns = StringList(v, "columns", reader);
  if (!reader.ok()) return reader.Error();
  return view;
}

Result<IndexEntry> ParseIndex(const json& i, const std::string& path) {
  Reader reader(path);
  IndexEntry index;
  index.database = reader.Get<std::string>(i, "database");
  index.name = reader.Get<std::string>(i, "name");
  index.table = reader.Get<std::string>(i, "table");
  index.method = reader.Get<std::string>(i, "method");
  index.columns = StringList(i, "columns", reader);
  if (!reader.ok()) return reader.Error();
  index.unique = i.contains("unique") && i["unique"].is_boolean() && i["unique"].get<bool>();
  // Written since PRIMARY KEY indexes are told apart; older manifests lack it.
  index.primary_key =
      i.contains("primary_key") && i["primary_key"].is_boolean() && i["primary_key"].get<bool>();
  return index;
}

Result<SequenceEntry> ParseSequence(const json& s, const std::string& path) {
  Reader reader(path);
  SequenceEntry sequence;
  sequence.database = reader.Get<std::string>(s, "database");
  sequence.name = reader.Get<std::string>(s, "name");
  sequence.increment = reader.Get<int64_t>(s, "increment");
  sequence.min_value = reader.Get<int64_t>(s, "min_value");
  sequence.max_value = reader.Get<int64_t>(s, "max_value");
  sequence.start = reader.Get<int64_t>(s, "start");
  sequence.last_value = reader.Get<int64_t>(s, "last_value");
  sequence.owner_table = reader.Get<std::string>(s, "owner_table");
  sequence.owner_column = reader.Get<std::string>(s, "owner_column");
  if (!reader.ok()) return reader.Error();
  sequence.called = s.contains("called") && s["called"].is_boolean() && s["called"].get<bool>();
  if (s.contains("identity") && s["identity"].is_string()) {
    sequence.identity = s["identity"].get<std::string>();
  }
  sequence.cycle = s.contains("cycle") && s["cycle"].is_boolean() && s["cycle"].get<bool>();
  return sequence;
}

Result<UserEntry> ParseUser(const json& u, const std::string& path) {
  Reader reader(path);
  UserEntry user;
  user.name = reader.Get<std::string>(u, "name");
  user.password_hash = reader.Get<std::string>(u, "password_hash");
  user.scram_verifier = reader.Get<std::string>(u, "scram_verifier");
  user.member_of = StringList(u, "member_of", reader);
  // Absent in manifests written before privileges existed.
  if (u.is_object() && u.contains("grants")) {
    if (!u["grants"].is_array()) reader.Fail("field \"grants\" is not an array");
    for (const json& g : u["grants"].is_array() ? u["grants"] : json::array()) {
      PrivilegeGrant grant;
      grant.database = reader.Get<std::string>(g, "database");
      grant.table = reader.Get<std::string>(g, "table");
      for (const auto& [key, bits] : {std::pair{"privileges", &grant.privileges},
                                      std::pair{"grant_option", &grant.grant_option}}) {
        for (const std::string& name : StringList(g, key, reader)) {
          uint32_t bit = 0;
          for (uint32_t i = 0; i < privilege::kNumBits; ++i) {
            if (PrivilegeName(1u << i) == name) bit = 1u << i;
          }
          if (bit == 0) reader.Fail("unknown privilege \"" + name + "\"");
          *bits |= bit;
        }
      }
      user.grants.push_back(std::move(grant));
    }
  }
  for (const auto& [key, flag] :
       {std::pair{"superuser", &user.superuser}, std::pair{"login", &user.login},
        std::pair{"create_db", &user.create_db}, std::pair{"create_user", &user.create_user}}) {
    if (!u.is_object() || !u.contains(key) || !u[key].is_boolean()) {
      reader.Fail(std::string("field \"") + key + "\" is not a boolean");
    } else {
      *flag = u[key].get<bool>();
    }
  }
  if (!reader.ok()) return reader.Error();
  return user;
}

Result<SegmentEntry> ParseSegment(const json& e, const std::string& path) {
  Reader reader(path);
  SegmentEntry entry;
  entry.segment_id = reader.Get<uint64_t>(e, "segment_id");
  entry.database = reader.Get<std::string>(e, "database");
  entry.table = reader.Get<std::string>(e, "table");
  entry.table_id = reader.Get<uint64_t>(e, "table_id");
  entry.shard_id = reader.GetOptional<uint64_t>(e, "shard_id");
  entry.row_count = reader.Get<uint64_t>(e, "row_count");
  entry.compressed_bytes = reader.Get<uint64_t>(e, "compressed_bytes");
  entry.uncompressed_bytes = reader.Get<uint64_t>(e, "uncompressed_bytes");
  entry.watermark_micros = reader.Get<uint64_t>(e, "watermark_micros");
  entry.min_event_time = reader.GetOptional<int64_t>(e, "min_event_time");
  entry.max_event_time = reader.GetOptional<int64_t>(e, "max_event_time");
  entry.bloom_filter = reader.GetOptional<std::string>(e, "bloom_filter");
  entry.checksum = static_cast<uint32_t>(reader.Get<uint64_t>(e, "checksum"));
  entry.version_added = reader.Get<uint64_t>(e, "version_added");
  entry.delete_file = reader.GetOptional<std::string>(e, "delete_file");
  if (entry.delete_file) {
    entry.deleted_rows = reader.Get<uint64_t>(e, "deleted_rows");
    entry.deletes_lsn = reader.Get<uint64_t>(e, "deletes_lsn");
    if (reader.ok() && entry.deleted_rows > entry.row_count) {
      reader.Fail("segment " + std::to_string(entry.segment_id) + " deletes more rows than it has");
    }
  }
  const std::string tier = reader.Get<std::string>(e, "tier");
  entry.tier = tier == "Cold" ? SegmentTier::kCold
                              : (tier == "Warm" ? SegmentTier::kWarm : SegmentTier::kHot);
  if (!reader.ok()) return reader.Error();
  return entry;
}

}  // namespace

std::string_view PrivilegeName(uint32_t bit) {
  switch (bit) {
    case privilege::kSelect:
      return "SELECT";
    case privilege::kInsert:
      return "INSERT";
    case privilege::kUpdate:
      return "UPDATE";
    case privilege::kDelete:
      return "DELETE";
    case privilege::kCreate:
      return "CREATE";
    case privilege::kDrop:
      return "DROP";
    case privilege::kAlter:
      return "ALTER";
    case privilege::kTruncate:
      return "TRUNCATE";
    case privilege::kConnect:
      return "CONNECT";
    case privilege::kUsage:
      return "USAGE";
    default:
      return "";
  }
}

std::string_view SegmentTierName(SegmentTier tier) {
  switch (tier) {
    case SegmentTier::kHot:
      return "Hot";
    case SegmentTier::kWarm:
      return "Warm";
    case SegmentTier::kCold:
      return "Cold";
  }
  return "Hot";
}

std::string ManifestToJson(const Manifest& manifest) {
  json tables = json::array();
  for (const TableEntry& table : manifest.tables) tables.push_back(TableToJson(table));
  json entries = json::array();
  for (const SegmentEntry& entry : manifest.entries) entries.push_back(SegmentToJson(entry));
  json views = json::array();
  for (const ViewEntry& view : manifest.views) views.push_back(ViewToJson(view));
  json indexes = json::array();
  for (const IndexEntry& index : manifest.indexes) indexes.push_back(IndexToJson(index));
  json sequences = json::array();
  for (const SequenceEntry& sequence : manifest.sequences) {
    sequences.push_back(SequenceToJson(sequence));
  }
  json users = json::array();
  for (const UserEntry& user : manifest.users) users.push_back(UserToJson(user));
  const json body = {{"format_version", Manifest::kFormatVersion},
                     {"version", manifest.version},
                     {"databases", manifest.databases},
                     {"tables", std::move(tables)},
                     {"entries", std::move(entries)},
                     {"views", std::move(views)},
                     {"indexes", std::move(indexes)},
                     {"sequences", std::move(sequences)},
                     {"users", std::move(users)},
                     {"checkpoint_lsn", manifest.checkpoint_lsn},
                     {"next_segment_id", manifest.next_segment_id},
                     {"next_table_id", manifest.next_table_id}};
  std::string text = body.dump(1);
  // Replace the closing brace with the checksum field over everything before it.
  text.pop_back();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const uint32_t crc = crc32::Compute(text);
  text += kCrcKey;
  text += std::to_string(crc);
  text += "}\n";
  return text;
}

Result<Manifest> ManifestFromJson(std::string_view text, const std::string& path) {
  const size_t crc_at = text.rfind(kCrcKey);
  if (crc_at == std::string_view::npos) {
    return Status::Corruption("manifest \"" + path + "\" has no checksum (torn or not a manifest)");
  }
  const uint32_t actual = crc32::Compute(text.substr(0, crc_at));
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("crc32") ||
      !parsed["crc32"].is_number_unsigned()) {
    return Status::Corruption("manifest \"" + path + "\" is not valid JSON");
  }
  if (parsed["crc32"].get<uint64_t>() != actual) {
    return Status::Corruption("manifest \"" + path + "\" has a bad checksum: stored " +
                              std::to_string(parsed["crc32"].get<uint64_t>()) + ", computed " +
                              std::to_string(actual));
  }
  Reader reader(path);
  Manifest manifest;
  const uint64_t format_version = reader.Get<uint64_t>(parsed, "format_version");
  if (reader.ok() && format_version != Manifest::kFormatVersion) {
    return Status::NotSupported("manifest \"" + path + "\" has format_version " +
                                std::to_string(format_version) + "; this build reads version " +
                                std::to_string(Manifest::kFormatVersion));
  }
  manifest.version = reader.Get<uint64_t>(parsed, "version");
  manifest.checkpoint_lsn = reader.Get<uint64_t>(parsed, "checkpoint_lsn");
  manifest.next_segment_id = reader.Get<uint64_t>(parsed, "next_segment_id");
  manifest.next_table_id = reader.Get<uint64_t>(parsed, "next_table_id");
  if (!reader.ok()) return reader.Error();
  for (const json& name : parsed.value("databases", json::array())) {
    if (!name.is_string()) return Status::Corruption("manifest \"" + path + "\": bad database");
    manifest.databases.push_back(name.get<std::string>());
  }
  for (const json& t : parsed.value("tables", json::array())) {
    BOYO_ASSIGN_OR_RETURN(TableEntry table, ParseTable(t, path));
    manifest.tables.push_back(std::move(table));
  }
  for (const json& e : parsed.value("entries", json::array())) {
    BOYO_ASSIGN_OR_RETURN(SegmentEntry entry, ParseSegment(e, path));
    manifest.entries.push_back(std::move(entry));
  }
  for (const json& v : parsed.value("views", json::array())) {
    BOYO_ASSIGN_OR_RETURN(ViewEntry view, ParseView(v, path));
    manifest.views.push_back(std::move(view));
  }
  for (const json& i : parsed.value("indexes", json::array())) {
    BOYO_ASSIGN_OR_RETURN(IndexEntry index, ParseIndex(i, path));
    manifest.indexes.push_back(std::move(index));
  }
  for (const json& s : parsed.value("sequences", json::array())) {
    BOYO_ASSIGN_OR_RETURN(SequenceEntry sequence, ParseSequence(s, path));
    manifest.sequences.push_back(std::move(sequence));
  }
  for (const json& u : parsed.value("users", json::array())) {
    BOYO_ASSIGN_OR_RETURN(UserEntry user, ParseUser(u, path));
    manifest.users.push_back(std::move(user));
  }
  return manifest;
}

std::string SegmentEntryToJson(const SegmentEntry& entry) { return SegmentToJson(entry).dump(); }

Result<SegmentEntry> SegmentEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": segment entry is not JSON");
  return ParseSegment(parsed, context);
}

std::string TableEntryToJson(const TableEntry& entry) { return TableToJson(entry).dump(); }

Result<TableEntry> TableEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": table entry is not JSON");
  return ParseTable(parsed, context);
}

std::string SequenceEntryToJson(const SequenceEntry& entry) { return SequenceToJson(entry).dump(); }

Result<SequenceEntry> SequenceEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": sequence entry is not JSON");
  return ParseSequence(parsed, context);
}

std::string UserEntryToJson(const UserEntry& entry) { return UserToJson(entry).dump(); }

Result<UserEntry> UserEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": user entry is not JSON");
  return ParseUser(parsed, context);
}

std::string ViewEntryToJson(const ViewEntry& entry) { return ViewToJson(entry).dump(); }

Result<ViewEntry> ViewEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": view entry is not JSON");
  return ParseView(parsed, context);
}

std::string IndexEntryToJson(const IndexEntry& entry) { return IndexToJson(entry).dump(); }

Result<IndexEntry> IndexEntryFromJson(std::string_view text, const std::string& context) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Corruption(context + ": index entry is not JSON");
  return ParseIndex(parsed, context);
}

}  // namespace boyodb::storage
