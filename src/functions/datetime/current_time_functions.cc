// now(), CURRENT_TIMESTAMP, CURRENT_DATE, LOCALTIMESTAMP, LOCALTIME and their relatives. All but
// clock_timestamp() return the statement's start (EvalContext::statement_time_micros), so every
// row of a statement sees one value, as in PostgreSQL. Transactions here run their statements
// one by one, so transaction_timestamp() is the statement's start as well. Local forms read the
// session's TimeZone.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <chrono>

#include "functions/builtin_families_internal.h"
#include "functions/datetime/calendar.h"
#include "functions/datetime/time_zone.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// A kernel returning the same value in every row, computed once from the context.
template <typename T, typename Compute>
sql::ScalarKernel ConstantKernel(DataType type, Compute compute) {
  return [type, compute](std::span<const columnar::ArrayPtr>, int64_t num_rows,
                         const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const T value, compute(context));
    FixedOutput<T> out(num_rows);
    for (int64_t i = 0; i < num_rows; ++i) out.data()[i] = value;
    return out.Finish(type, nullptr);
  };
}

Result<int64_t> StatementTime(const sql::EvalContext& context) {
  return context.statement_time_micros;
}

Result<int64_t> LocalStatementTime(const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
  return zone.ToLocalMicros(context.statement_time_micros);
}

sql::ScalarOverload Stable(DataType type, sql::ScalarKernel kernel) {
  return Overload({}, std::move(type), std::move(kernel), sql::Volatility::kStable);
}

}  // namespace

void RegisterCurrentTimeFunctions(FunctionRegistry& registry) {
  const sql::ScalarKernel now = ConstantKernel<int64_t>(DataType::TimestampTz(), StatementTime);
  registry.AddScalar({"now", {Stable(DataType::TimestampTz(), now)}});
  registry.AddScalar({"current_timestamp", {Stable(DataType::TimestampTz(), now)}});
  registry.AddScalar({"transaction_timestamp", {Stable(DataType::TimestampTz(), now)}});
  registry.AddScalar({"statement_timestamp", {Stable(DataType::TimestampTz(), now)}});
  registry.AddScalar(
      {"clock_timestamp",
       {Overload(
           {}, DataType::TimestampTz(),
           ConstantKernel<int64_t>(DataType::TimestampTz(),
                                   [](const sql::EvalContext&) -> Result<int64_t> {
                                     return std::chrono::duration_cast<std::chrono::microseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                         .count();
                                   }),
           sql::Volatility::kVolatile)}});
  registry.AddScalar(
      {"localtimestamp",
       {Stable(DataType::Timestamp(),
               ConstantKernel<int64_t>(DataType::Timestamp(), LocalStatementTime))}});
  registry.AddScalar(
      {"current_date",
       {Stable(DataType::Date(),
               ConstantKernel<int32_t>(
                   DataType::Date(), [](const sql::EvalContext& context) -> Result<int32_t> {
                     BOYO_ASSIGN_OR_RETURN(const int64_t local, LocalStatementTime(context));
                     return static_cast<int32_t>(DayOf(local));
                   }))}});
  registry.AddScalar(
      {"localtime",
       {Stable(DataType::Time(),
               ConstantKernel<int64_t>(
                   DataType::Time(), [](const sql::EvalContext& context) -> Result<int64_t> {
                     BOYO_ASSIGN_OR_RETURN(const int64_t local, LocalStatementTime(context));
                     return local - DayOf(local) * types::kMicrosPerDay;
                   }))}});
}

}  // namespace boyodb::functions
