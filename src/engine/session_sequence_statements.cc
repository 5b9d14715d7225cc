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

}  // namespace

Result<StatementResult> Session::RunCreateSequence(const ast::CreateSequenceStatement& create) {
  BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(create.name));
  SequenceInfo sequence;
  sequence.database = resolved.first;
  sequence.name = resolved.second;
  std::optional<int64_t> min_value;
  std::optional<int64_t> max_value;
  std::optional<int64_t> start;
  for (const ast::Option& option : create.options) {
    if (option.name == "increment") {
      BOYO_ASSIGN_OR_RETURN(sequence.increment, IntegerOption(option));
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
      if (option.value != "int8" && option.value != "pg_catalog.int8") {
        // smallint and integer sequences bound their values to the type.
        if (option.value == "int2" || option.value == "pg_catalog.int2") {
          if (!max_value) max_value = std::numeric_limits<int16_t>::max();
        } else if (option.value == "int4" || option.value == "pg_catalog.int4") {
          if (!max_value) max_value = std::numeric_limits<int32_t>::max();
        } else {
          return OptionError(option, "sequence type must be smallint, integer, or bigint");
        }
      }
    } else {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "sequence option \"" + option.name + "\" is not supported yet")
          .WithPosition(option.position);
    }
  }
  // PostgreSQL's defaults: ascending from 1 to the type's maximum, descending from -1 down.
  const bool ascending = sequence.increment > 0;
  sequence.min_value = min_value.value_or(ascending ? 1 : std::numeric_limits<int64_t>::min());
  sequence.max_value = max_value.value_or(ascending ? std::numeric_limits<int64_t>::max() : -1);
  sequence.start = start.value_or(ascending ? sequence.min_value : sequence.max_value);
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

Result<std::string> Session::CreateSerialSequence(const std::pair<std::string, std::string>& table,
                                                  const ast::ColumnDefinition& column,
                                                  types::DataType* type) {
  sql::IsSerialType(column.type, type);
  SequenceInfo sequence;
  sequence.database = table.first;
  sequence.name = table.second + "_" + column.name + "_seq";
  sequence.owner_table = table.second;
  sequence.owner_column = column.name;
  switch (type->id()) {
    case types::TypeId::kInt16:
      sequence.max_value = std::numeric_limits<int16_t>::max();
      break;
    case types::TypeId::kInt32:
      sequence.max_value = std::numeric_limits<int32_t>::max();
      break;
    default:
      sequence.max_value = std::numeric_limits<int64_t>::max();
  }
  Status status = database_.CreateSequence(sequence, /*if_not_exists=*/false);
  if (!status.ok()) return std::move(status).WithPosition(column.position);
  return sequence.name;
}

}  // namespace boyodb::engine
