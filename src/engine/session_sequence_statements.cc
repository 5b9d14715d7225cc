// CREATE SEQUENCE, DROP SEQUENCE and the sequence a SERIAL column owns.
#include <charconv>
#include <limits>

#include "common/sqlstate.h"
#include "engine/session.h"
#include "sql/binder/type_rules.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

StatementResult Tag(std::string tag) {
  StatementResult result;
  result.command_tag = std::move(tag);
  return result;
}

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
      if (option.value == "true") {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "CYCLE sequences are not supported yet")
            .WithPosition(option.position);
      }
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

}  // namespace

Result<StatementResult> Session::RunCreateSequence(const ast::CreateSequenceStatement& create) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(create.name));
  SequenceInfo sequence;
  sequence.database = resolved.first;
  sequence.name = resolved.second;
  BOYO_RETURN_IF_ERROR(ApplySequenceOptions(create.options, types::DataType::Int64(), &sequence));
  Status status = database_.CreateSequence(sequence, create.if_not_exists);
  if (!status.ok()) return std::move(status).WithPosition(create.name.position);
  return Tag("CREATE SEQUENCE");
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
  sequence.name = table.second + "_" + column.name + "_seq";
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
  Status status = database_.CreateSequence(sequence, /*if_not_exists=*/false);
  if (!status.ok()) return std::move(status).WithPosition(column.position);
  return sequence.name;
}

Status Session::RefuseIdentityValues(const std::pair<std::string, std::string>& table,
                                     const std::map<std::string, std::string>& defaults,
                                     const std::vector<std::string>& columns, bool update) const {
  for (const std::string& column : columns) {
    // Only a column whose default takes its owned sequence's next value can be an identity
    // column; the catalog is asked about those alone.
    const std::string sequence_name = table.second + "_" + column + "_seq";
    const auto found = defaults.find(column);
    if (found == defaults.end() || found->second != "nextval('" + sequence_name + "')") continue;
    const std::optional<SequenceInfo> sequence = database_.FindSequence(table.first, sequence_name);
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

}  // namespace boyodb::engine
