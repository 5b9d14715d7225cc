// CREATE, ALTER and DROP SEQUENCE, the sequence a SERIAL or identity column owns, and
// changes of an identity column's sequence through ALTER TABLE.
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "common/sqlstate.h"
#include "engine/session.h"
#include "sql/binder/type_rules.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

Status OptionError(const ast::Option& option, std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message))
      .WithPosition(option.position);
}

Result<int64_t> IntegerOption(const ast::Option& option) {
  int64_t value = 0;
  const std::string& text = option.value;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return OptionError(
        option, "invalid value for sequence option \"" + option.name + "\": \"" + text + "\"");
  }
  return value;
}

// The range of a sequence AS `type` (smallint, integer or bigint).
std::pair<int64_t, int64_t> TypeRange(const types::DataType& type) {
  switch (type.id()) {
    case types::TypeId::kInt16:
      return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case types::TypeId::kInt32:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    default:
      return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

// Sets `sequence`'s increment, bounds and start from CREATE SEQUENCE's options (or an identity
// column's), over values of `type` unless AS names another; PostgreSQL's defaults for the rest.
Status ApplySequenceOptions(const std::vector<ast::Option>& options, types::DataType type,
                            SequenceInfo* sequence) {
  std::optional<int64_t> min_value;
  std::optional<int64_t> max_value;
  std::optional<int64_t> start;
  for (const ast::Option& option : options) {
    if (option.name == "increment") {
      BOYO_ASSIGN_OR_RETURN(sequence->increment, IntegerOption(option));
    } else if (option.name == "minvalue") {
      if (!option.value.empty()) {
        BOYO_ASSIGN_OR_RETURN(min_value, IntegerOption(option));
      }
    } else if (option.name == "maxvalue") {
      if (!option.value.empty()) {
        BOYO_ASSIGN_OR_RETURN(max_value, IntegerOption(option));
      }
    } else if (option.name == "start") {
      BOYO_ASSIGN_OR_RETURN(start, IntegerOption(option));
    } else if (option.name == "cache") {
      // Values are logged ahead in blocks anyway; a cache size changes nothing visible.
      BOYO_ASSIGN_OR_RETURN(const int64_t cache, IntegerOption(option));
      if (cache < 1)
        return OptionError(option, "CACHE (" + option.value + ") must be greater than zero");
    } else if (option.name == "cycle") {
      sequence->cycle = option.value == "true";
    } else if (option.name == "as") {
      if (option.value == "int2" || option.value == "pg_catalog.int2") {
        type = types::DataType::Int16();
      } else if (option.value == "int4" || option.value == "pg_catalog.int4") {
        type = types::DataType::Int32();
      } else if (option.value == "int8" || option.value == "pg_catalog.int8") {
        type = types::DataType::Int64();
      } else {
        return OptionError(option, "sequence type must be smallint, integer, or bigint");
      }
    } else {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "sequence option \"" + option.name + "\" is not supported yet")
          .WithPosition(option.position);
    }
  }
  // PostgreSQL's defaults: ascending from 1 to the type's maximum, descending from -1 down to
  // the type's minimum.
  const auto [type_min, type_max] = TypeRange(type);
  const bool ascending = sequence->increment > 0;
  sequence->min_value = min_value.value_or(ascending ? 1 : type_min);
  sequence->max_value = max_value.value_or(ascending ? type_max : -1);
  sequence->start = start.value_or(ascending ? sequence->min_value : sequence->max_value);
  return Status::OK();
}

// The sequence a DEFAULT of a SERIAL or identity column takes values from, as CREATE TABLE
// writes it: nextval('name').
std::optional<std::string> DefaultSequence(const std::string& default_text) {
  constexpr std::string_view kPrefix = "nextval('";
  constexpr std::string_view kSuffix = "')";
  if (default_text.size() <= kPrefix.size() + kSuffix.size() ||
      default_text.compare(0, kPrefix.size(), kPrefix) != 0 ||
      default_text.compare(default_text.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return std::nullopt;
  }
  return default_text.substr(kPrefix.size(), default_text.size() - kPrefix.size() - kSuffix.size());
}

// What ALTER SEQUENCE's options make of `now`, as PostgreSQL's init_params does for an
// existing sequence: bounds named NO MINVALUE / NO MAXVALUE take their default for the (new)
// direction over values of `type`; RESTART without a value restarts at START (as changed by
// the same statement). `owner` is OWNED BY's table and column, resolved already.
Result<SequenceAlteration> AlterSettings(
    const std::vector<ast::Option>& options, const SequenceInfo& now, const types::DataType& type,
    const std::optional<std::pair<std::string, std::string>>& owner) {
  SequenceAlteration out;
  out.settings = now;
  SequenceInfo& settings = out.settings;
  bool default_min = false;
  bool default_max = false;
  bool restart = false;
  std::optional<int64_t> restart_value;
  for (const ast::Option& option : options) {
    if (option.name == "increment") {
      BOYO_ASSIGN_OR_RETURN(settings.increment, IntegerOption(option));
    } else if (option.name == "minvalue") {
      default_min = option.value.empty();
      if (!default_min) {
        BOYO_ASSIGN_OR_RETURN(settings.min_value, IntegerOption(option));
      }
    } else if (option.name == "maxvalue") {
      default_max = option.value.empty();
      if (!default_max) {
        BOYO_ASSIGN_OR_RETURN(settings.max_value, IntegerOption(option));
      }
    } else if (option.name == "start") {
      BOYO_ASSIGN_OR_RETURN(settings.start, IntegerOption(option));
    } else if (option.name == "restart") {
      restart = true;
      if (!option.value.empty()) {
        BOYO_ASSIGN_OR_RETURN(restart_value, IntegerOption(option));
      }
    } else if (option.name == "cycle") {
      settings.cycle = option.value == "true";
    } else if (option.name == "cache") {
      BOYO_ASSIGN_OR_RETURN(const int64_t cache, IntegerOption(option));
      if (cache < 1) {
        return OptionError(option, "CACHE (" + option.value + ") must be greater than zero");
      }
    } else if (option.name == "generated") {
      settings.identity = option.value;
    } else if (option.name == "owned_by") {
      if (owner) {
        settings.owner_table = owner->first;
        settings.owner_column = owner->second;
      }
    } else if (option.name == "as") {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "changing a sequence's type with ALTER SEQUENCE ... AS is not supported yet")
          .WithPosition(option.position);
    } else {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "sequence option \"" + option.name + "\" is not supported yet")
          .WithPosition(option.position);
    }
  }
  const auto [type_min, type_max] = TypeRange(type);
  const bool ascending = settings.increment > 0;
  if (default_min) settings.min_value = ascending ? 1 : type_min;
  if (default_max) settings.max_value = ascending ? type_max : -1;
  if (restart) out.restart = restart_value.value_or(settings.start);
  return out;
}

}  // namespace

Result<StatementResult> Session::RunCreateSequence(const ast::CreateSequenceStatement& create) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveCreation(create.name, create.temporary));
  SequenceInfo sequence;
  sequence.database = resolved.first;
  sequence.name = resolved.second;
  BOYO_RETURN_IF_ERROR(ApplySequenceOptions(create.options, types::DataType::Int64(), &sequence));
  Status status = database_.CreateSequence(sequence, create.if_not_exists);
  if (!status.ok()) return std::move(status).WithPosition(create.name.position);
  return StatementResult::FromTag("CREATE SEQUENCE");
}

Status Session::DropSequence(const ast::QualifiedName& name, bool if_exists) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(name));
  Status status = database_.DropSequence(resolved.first, resolved.second, if_exists);
  if (!status.ok()) return std::move(status).WithPosition(name.position);
  return Status::OK();
}

Result<std::string> Session::CreateOwnedSequence(const std::pair<std::string, std::string>& table,
                                                 const ast::ColumnDefinition& column,
                                                 types::DataType* type) {
  using Identity = ast::ColumnDefinition::Identity;
  SequenceInfo sequence;
  sequence.database = table.first;
  sequence.owner_table = table.second;
  sequence.owner_column = column.name;
  if (column.identity == Identity::kNone) {
    sql::IsSerialType(column.type, type);
  } else {
    BOYO_ASSIGN_OR_RETURN(*type, sql::ResolveTypeName(column.type));
    if (type->id() != types::TypeId::kInt16 && type->id() != types::TypeId::kInt32 &&
        type->id() != types::TypeId::kInt64) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "identity column type must be smallint, integer, or bigint")
          .WithPosition(column.position);
    }
    sequence.identity = column.identity == Identity::kAlways ? "always" : "by default";
  }
  BOYO_RETURN_IF_ERROR(ApplySequenceOptions(column.identity_options, *type, &sequence));
  // PostgreSQL's name, numbered (t_id_seq1) while it is taken, say by the sequence of a table
  // that had this name before a RENAME.
  constexpr int kMaxNumbered = 1000;
  for (int pass = 0;; ++pass) {
    sequence.name = catalog::MakeObjectName(table.second, column.name,
                                            pass == 0 ? "seq" : "seq" + std::to_string(pass));
    Status status = database_.CreateSequence(sequence, /*if_not_exists=*/false);
    if (status.ok()) return sequence.name;
    if (status.sqlstate() != sqlstate::kDuplicateTable || pass == kMaxNumbered) {
      return std::move(status).WithPosition(column.position);
    }
  }
}

Status Session::RefuseIdentityValues(const std::pair<std::string, std::string>& table,
                                     const std::map<std::string, std::string>& defaults,
                                     const std::vector<std::string>& columns, bool update) const {
  for (const std::string& column : columns) {
    // Only a column whose default takes an owned sequence's next value can be an identity
    // column; the catalog is asked about those alone. (The sequence keeps its name when the
    // table is renamed, as in PostgreSQL.)
    const auto found = defaults.find(column);
    if (found == defaults.end()) continue;
    const std::optional<std::string> sequence_name = DefaultSequence(found->second);
    if (!sequence_name) continue;
    const std::optional<SequenceInfo> sequence =
        database_.FindSequence(table.first, *sequence_name);
    if (!sequence || sequence->owner_table != table.second || sequence->owner_column != column ||
        sequence->identity != "always") {
      continue;
    }
    return Status(StatusCode::kInvalidArgument, sqlstate::kGeneratedAlways,
                  update ? "column \"" + column + "\" can only be updated to DEFAULT"
                         : "cannot insert a non-DEFAULT value into column \"" + column +
                               "\"; it is an identity column defined as GENERATED ALWAYS "
                               "(use OVERRIDING SYSTEM VALUE to override)");
  }
  return Status::OK();
}

Result<StatementResult> Session::RunAlterSequence(const ast::AlterSequenceStatement& alter) {
  Result<std::pair<std::string, std::string>> resolved = ResolveName(alter.name);
  if (!resolved.ok()) {
    if (alter.if_exists && resolved.status().sqlstate() == sqlstate::kInvalidSchemaName) {
      return StatementResult::FromTag("ALTER SEQUENCE");
    }
    return resolved.status();
  }
  const auto& [database, name] = *resolved;
  if (!database_.FindSequence(database, name)) {
    const bool other = database_.DescribeTable(database, name).ok() ||
                       database_.FindView(database, name).value_or(std::nullopt).has_value();
    if (other) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kWrongObjectType,
                    "\"" + name + "\" is not a sequence")
          .WithPosition(alter.name.position);
    }
    // IF EXISTS: a missing sequence is no error (PostgreSQL only notes it).
    if (alter.if_exists) return StatementResult::FromTag("ALTER SEQUENCE");
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + alter.name.ToString() + "\" does not exist")
        .WithPosition(alter.name.position);
  }
  BOYO_RETURN_IF_ERROR(AlterSequenceOptions(database, name, alter.options));
  return StatementResult::FromTag("ALTER SEQUENCE");
}

Status Session::AlterSequenceOptions(const std::string& database, const std::string& sequence,
                                     const std::vector<ast::Option>& options) {
  const std::optional<SequenceInfo> current = database_.FindSequence(database, sequence);
  if (!current) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "relation \"" + sequence + "\" does not exist");
  }
  // The values a sequence owned by a column can take are its column's; others are BIGINT.
  types::DataType type = types::DataType::Int64();
  if (!current->owner_table.empty()) {
    Result<TableInfo> owner = database_.DescribeTable(database, current->owner_table);
    const int column = owner.ok() ? owner->schema.FieldIndex(current->owner_column) : -1;
    if (column >= 0) type = owner->schema.field(static_cast<size_t>(column)).type();
  }
  // OWNED BY is resolved before anything changes.
  std::optional<std::pair<std::string, std::string>> owner;
  for (const ast::Option& option : options) {
    if (option.name != "owned_by") continue;
    if (!current->identity.empty()) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "cannot change ownership of identity sequence")
          .WithPosition(option.position);
    }
    if (option.value == "none") {
      owner.emplace();
      continue;
    }
    ast::QualifiedName table;
    size_t start = 0;
    for (size_t comma = option.value.find(','); comma != std::string::npos;
         comma = option.value.find(',', start)) {
      table.parts.push_back(option.value.substr(start, comma - start));
      start = comma + 1;
    }
    const std::string column = option.value.substr(start);
    if (table.parts.empty()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, "invalid OWNED BY option")
          .WithPosition(option.position);
    }
    table.position = option.position;
    BOYO_ASSIGN_OR_RETURN(const auto resolved, ResolveName(table));
    if (resolved.first != database) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                    "sequence must be in same schema as table it is linked to")
          .WithPosition(option.position);
    }
    Result<TableInfo> info = database_.DescribeTable(resolved.first, resolved.second);
    if (!info.ok()) {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                    "relation \"" + table.ToString() + "\" does not exist")
          .WithPosition(option.position);
    }
    if (info->schema.FieldIndex(column) < 0) {
      return Status(
                 StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                 "column \"" + column + "\" of relation \"" + resolved.second + "\" does not exist")
          .WithPosition(option.position);
    }
    owner = std::make_pair(resolved.second, column);
  }
  return database_.AlterSequence(database, sequence, [&](const SequenceInfo& now) {
    return AlterSettings(options, now, type, owner);
  });
}

Result<std::string> Session::IdentitySequence(const std::pair<std::string, std::string>& table,
                                              const TableInfo& info,
                                              const std::string& column) const {
  if (info.schema.FieldIndex(column) < 0) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                  "column \"" + column + "\" of relation \"" + table.second + "\" does not exist");
  }
  const auto found = info.options.column_defaults.find(column);
  if (found != info.options.column_defaults.end()) {
    const std::optional<std::string> name = DefaultSequence(found->second);
    const std::optional<SequenceInfo> sequence =
        name ? database_.FindSequence(table.first, *name) : std::nullopt;
    if (sequence && !sequence->identity.empty() && sequence->owner_table == table.second &&
        sequence->owner_column == column) {
      return *name;
    }
  }
  return Status(
      StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
      "column \"" + column + "\" of relation \"" + table.second + "\" is not an identity column");
}

}  // namespace boyodb::engine
