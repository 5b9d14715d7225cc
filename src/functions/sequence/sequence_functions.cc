// nextval(text), currval(text) and setval(text, bigint [, boolean]): sequences reached through
// the statement's EvalContext. A column of one sequence name (a SERIAL's DEFAULT over many
// rows) takes its values in one request.
#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

Result<sql::SequenceAccess*> Sequences(const sql::EvalContext& context) {
  if (context.sequences == nullptr) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "sequences cannot be used here");
  }
  return context.sequences;
}

Result<columnar::ArrayPtr> NextValues(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                      const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(sql::SequenceAccess * sequences, Sequences(context));
  const columnar::Array& names = *args[0];
  columnar::FixedWidthBuilder<int64_t> builder(DataType::Int64());
  std::vector<int64_t> values;
  int64_t row = 0;
  while (row < num_rows) {
    if (names.IsNull(row)) {
      builder.AppendNull();
      ++row;
      continue;
    }
    // A run of rows naming the same sequence asks for its values at once.
    const std::string_view name = names.GetView(row);
    int64_t end = row + 1;
    while (end < num_rows && !names.IsNull(end) && names.GetView(end) == name) ++end;
    values.clear();
    BOYO_RETURN_IF_ERROR(sequences->Next(name, end - row, &values));
    for (const int64_t value : values) builder.Append(value);
    row = end;
  }
  return builder.Finish();
}

Result<columnar::ArrayPtr> CurrentValues(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                         const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(sql::SequenceAccess * sequences, Sequences(context));
  return MapRows<int64_t, std::string_view>(
      args, num_rows, DataType::Int64(),
      [sequences](std::string_view name, int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, sequences->Current(name));
        return Status::OK();
      });
}

// setval(name, value [, called]): returns `value`.
Result<columnar::ArrayPtr> SetValues(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(sql::SequenceAccess * sequences, Sequences(context));
  if (args.size() == 2) {
    return MapRows<int64_t, std::string_view, int64_t>(
        args, num_rows, DataType::Int64(),
        [sequences](std::string_view name, int64_t value, int64_t* out) -> Status {
          BOYO_RETURN_IF_ERROR(sequences->Set(name, value, true));
          *out = value;
          return Status::OK();
        });
  }
  return MapRows<int64_t, std::string_view, int64_t, bool>(
      args, num_rows, DataType::Int64(),
      [sequences](std::string_view name, int64_t value, bool called, int64_t* out) -> Status {
        BOYO_RETURN_IF_ERROR(sequences->Set(name, value, called));
        *out = value;
        return Status::OK();
      });
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType bigint = DataType::Int64();
  registry.AddScalar(
      {"nextval", {Overload({text}, bigint, NextValues, sql::Volatility::kVolatile)}});
  registry.AddScalar(
      {"currval", {Overload({text}, bigint, CurrentValues, sql::Volatility::kVolatile)}});
  registry.AddScalar({"setval",
                      {Overload({text, bigint}, bigint, SetValues, sql::Volatility::kVolatile),
                       Overload({text, bigint, DataType::Boolean()}, bigint, SetValues,
                                sql::Volatility::kVolatile)}});
}

}  // namespace boyodb::functions
