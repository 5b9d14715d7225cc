// System information functions: version(), and current_setting(name [, missing_ok]), which
// reads a setting as SHOW shows it through the statement's EvalContext (the session answers).
#include <algorithm>
#include <cctype>
#include <string>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "common/version.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// PostgreSQL's form, which drivers parse for the leading "PostgreSQL <major>.<minor>".
std::string VersionText() {
#if defined(__x86_64__)
  constexpr std::string_view kPlatform = "x86_64-pc-linux-gnu";
#elif defined(__aarch64__)
  constexpr std::string_view kPlatform = "aarch64-unknown-linux-gnu";
#else
  constexpr std::string_view kPlatform = "unknown";
#endif
  return "PostgreSQL " + std::string(kPostgresVersion) + " (BoyoDB " + std::string(kBoyoVersion) +
         ") on " + std::string(kPlatform) + ", " + std::to_string(sizeof(void*) * 8) + "-bit";
}

Result<columnar::ArrayPtr> Version(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                   const sql::EvalContext&) {
  columnar::BinaryBuilder builder(DataType::String());
  const std::string text = VersionText();
  for (int64_t i = 0; i < num_rows; ++i) builder.Append(text);
  return builder.Finish();
}

// current_setting(name [, missing_ok]): an unknown name is 42704, or NULL when missing_ok.
Result<columnar::ArrayPtr> CurrentSetting(std::span<const columnar::ArrayPtr> args,
                                          int64_t num_rows, const sql::EvalContext& context) {
  const columnar::Array& names = *args[0];
  const columnar::Array* missing_ok = args.size() == 2 ? args[1].get() : nullptr;
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (names.IsNull(i) || (missing_ok != nullptr && missing_ok->IsNull(i))) {
      builder.AppendNull();
      continue;
    }
    // Setting names are case-insensitive.
    std::string name(names.GetView(i));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    Result<std::string> value =
        context.setting
            ? context.setting(name)
            : Result<std::string>(Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                                         "unrecognized configuration parameter \"" + name + "\""));
    if (!value.ok()) {
      const bool tolerate = missing_ok != nullptr &&
                            columnar::GetBit(missing_ok->bool_bits(), missing_ok->offset() + i) &&
                            value.status().sqlstate() == sqlstate::kUndefinedObject;
      if (!tolerate) return value.status();
      builder.AppendNull();
      continue;
    }
    builder.Append(*value);
  }
  return builder.Finish();
}

}  // namespace

void RegisterSystemFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar({"version", {Overload({}, text, Version, sql::Volatility::kStable)}});
  registry.AddScalar(
      {"current_setting",
       {Overload({text}, text, CurrentSetting, sql::Volatility::kStable),
        Overload({text, DataType::Boolean()}, text, CurrentSetting, sql::Volatility::kStable)}});
}

}  // namespace boyodb::functions
