// System information functions: version(); current_setting(name [, missing_ok]), which reads
// a setting as SHOW shows it through the statement's EvalContext (the session answers);
// current_user and its relatives, current_database(), current_schema(), current_schemas();
// pg_sleep().
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <thread>

#include "columnar/builder.h"
#include "columnar/nested_builder.h"
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

// One text value, the same for every row.
Result<columnar::ArrayPtr> Repeated(const std::string& text, int64_t num_rows) {
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) builder.Append(text);
  return builder.Finish();
}

// The first schema of the search_path setting that exists: "$user" is skipped (no schema is
// named after a user here), and the default database is PostgreSQL's "public".
std::string CurrentSchema(const sql::EvalContext& context) {
  if (!context.setting) return "public";
  const Result<std::string> path = context.setting("search_path");
  if (!path.ok()) return "public";
  size_t start = 0;
  while (start <= path->size()) {
    size_t comma = path->find(',', start);
    if (comma == std::string::npos) comma = path->size();
    std::string item = path->substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') {
      item = item.substr(1, item.size() - 2);
    }
    if (!item.empty() && item != "$user") return item;
    start = comma + 1;
  }
  return "public";
}

Result<columnar::ArrayPtr> CurrentUser(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                       const sql::EvalContext& context) {
  return Repeated(context.user, num_rows);
}

Result<columnar::ArrayPtr> CurrentDatabase(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                           const sql::EvalContext& context) {
  return Repeated(context.catalog, num_rows);
}

Result<columnar::ArrayPtr> CurrentSchemaKernel(std::span<const columnar::ArrayPtr>,
                                               int64_t num_rows, const sql::EvalContext& context) {
  return Repeated(CurrentSchema(context), num_rows);
}

// current_schemas(include_implicit): the effective search path, pg_catalog first when asked.
Result<columnar::ArrayPtr> CurrentSchemas(std::span<const columnar::ArrayPtr> args,
                                          int64_t num_rows, const sql::EvalContext& context) {
  const columnar::Array& implicit = *args[0];
  const std::string schema = CurrentSchema(context);
  columnar::ListBuilder builder(DataType::List(DataType::String()));
  auto& names = static_cast<columnar::BinaryBuilder&>(builder.element_builder());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (implicit.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    if (columnar::GetBit(implicit.bool_bits(), implicit.offset() + i)) names.Append("pg_catalog");
    names.Append(schema);
    builder.FinishList();
  }
  return builder.Finish();
}

// Sleeps `seconds`, in slices short enough that a cancel request ends it promptly (57014).
Status SleepUnlessCancelled(double seconds, const sql::EvalContext& context) {
  using Clock = std::chrono::steady_clock;
  constexpr auto kSlice = std::chrono::milliseconds(20);
  const Clock::time_point end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(seconds));
  while (true) {
    if (context.cancelled != nullptr && context.cancelled->load(std::memory_order_relaxed)) {
      return Status(StatusCode::kCancelled, sqlstate::kQueryCanceled,
                    "canceling statement due to user request");
    }
    const Clock::time_point now = Clock::now();
    if (now >= end) return Status::OK();
    std::this_thread::sleep_for(std::min<Clock::duration>(end - now, kSlice));
  }
}

// pg_sleep(seconds): waits that long for each row (NULL or a negative time: not at all) and
// returns NULL, as PostgreSQL's returns void. For tests of timeouts and of concurrency.
Result<columnar::ArrayPtr> PgSleep(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                   const sql::EvalContext& context) {
  const columnar::Array& seconds = *args[0];
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    const double wait = seconds.IsNull(i) ? 0 : seconds.values<double>()[i];
    if (wait > 0) BOYO_RETURN_IF_ERROR(SleepUnlessCancelled(wait, context));
    builder.AppendNull();
  }
  return builder.Finish();
}

}  // namespace

void RegisterSystemFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar({"version", {Overload({}, text, Version, sql::Volatility::kStable)}});
  registry.AddScalar(
      {"pg_sleep", {Overload({DataType::Float64()}, text, PgSleep, sql::Volatility::kVolatile)}});
  // CURRENT_USER, CURRENT_ROLE, USER, SESSION_USER, CURRENT_CATALOG and CURRENT_SCHEMA are
  // parsed as calls of these.
  for (const char* name : {"current_user", "session_user"}) {
    registry.AddScalar({name, {Overload({}, text, CurrentUser, sql::Volatility::kStable)}});
  }
  registry.AddScalar(
      {"current_database", {Overload({}, text, CurrentDatabase, sql::Volatility::kStable)}});
  registry.AddScalar(
      {"current_schema", {Overload({}, text, CurrentSchemaKernel, sql::Volatility::kStable)}});
  registry.AddScalar({"current_schemas",
                      {Overload({DataType::Boolean()}, DataType::List(text), CurrentSchemas,
                                sql::Volatility::kStable)}});
  registry.AddScalar(
      {"current_setting",
       {Overload({text}, text, CurrentSetting, sql::Volatility::kStable),
        Overload({text, DataType::Boolean()}, text, CurrentSetting, sql::Volatility::kStable)}});
}

}  // namespace boyodb::functions
