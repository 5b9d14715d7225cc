// varchar(text, n, explicit) and bpchar(text, n, explicit): the functions the binder calls
// where a value meets a declared CHARACTER VARYING(n) or CHARACTER(n) (PostgreSQL's length
// coercions of the same names; here n is the length itself, not a type modifier).
#include "functions/string/character_length.h"

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;

sql::ScalarKernel FitKernel(bool fixed) {
  return [fixed](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                 const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    return MapRows<StringResult, std::string_view, int32_t, bool>(
        args, num_rows, DataType::String(),
        [fixed](std::string_view text, int32_t length, bool explicit_cast, std::string* out) {
          if (length < 1) {
            return InvalidValue(sqlstate::kInvalidParameterValue, std::string("length for type ") +
                                                                      (fixed ? "char" : "varchar") +
                                                                      " must be at least 1");
          }
          return FitCharacterLength(text, CharacterLength{fixed, length}, explicit_cast, out);
        });
  };
}

}  // namespace

Status FitCharacterLength(std::string_view text, CharacterLength limit, bool explicit_cast,
                          std::string* out) {
  const size_t cut = Utf8Offset(text, limit.length);
  if (cut < text.size() && !explicit_cast &&
      text.find_first_not_of(' ', cut) != std::string_view::npos) {
    return InvalidValue(sqlstate::kStringDataRightTruncation,
                        "value too long for type " + limit.TypeName());
  }
  std::string_view kept = text.substr(0, cut);
  // CHARACTER(n) drops its trailing spaces (see types::CharacterLength::fixed).
  if (limit.fixed) kept = kept.substr(0, kept.find_last_not_of(' ') + 1);
  out->append(kept);
  return Status::OK();
}

Result<columnar::ArrayPtr> FitCharacterLengths(const columnar::ArrayPtr& strings,
                                               CharacterLength limit, bool explicit_cast) {
  columnar::BinaryBuilder builder(DataType::String());
  std::string fitted;
  for (int64_t row = 0; row < strings->length(); ++row) {
    if (strings->IsNull(row)) {
      builder.AppendNull();
      continue;
    }
    fitted.clear();
    BOYO_RETURN_IF_ERROR(FitCharacterLength(strings->GetView(row), limit, explicit_cast, &fitted));
    builder.Append(fitted);
  }
  return builder.Finish();
}

void RegisterCharacterLengthFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const std::vector<DataType> parameters = {text, DataType::Int32(), DataType::Boolean()};
  registry.AddScalar({"varchar", {Overload(parameters, text, FitKernel(false))}});
  registry.AddScalar({"bpchar", {Overload(parameters, text, FitKernel(true))}});
}

}  // namespace boyodb::functions
