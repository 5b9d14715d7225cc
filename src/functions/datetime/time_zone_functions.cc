// timezone(zone, value), which `value AT TIME ZONE zone` becomes: a TIMESTAMP read as wall-clock
// time in the zone gives the TIMESTAMPTZ of that instant; a TIMESTAMPTZ gives the zone's
// wall-clock TIMESTAMP at that instant. 22023 for a zone name that is not known.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <string_view>

#include "functions/builtin_families_internal.h"
#include "functions/datetime/time_zone.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// Converts with `to_local` (TIMESTAMPTZ to TIMESTAMP) or its inverse.
sql::ScalarKernel ConvertKernel(bool to_local) {
  const DataType result = to_local ? DataType::Timestamp() : DataType::TimestampTz();
  return RowKernel<int64_t, std::string_view, int64_t>(
      result, [to_local](std::string_view zone_name, int64_t micros, int64_t* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(zone_name));
        if (!types::IsFiniteTimestamp(micros)) {
          *out = micros;  // infinity is infinity in every zone
          return Status::OK();
        }
        *out = to_local ? zone.ToLocalMicros(micros) : zone.ToUtcMicros(micros);
        return Status::OK();
      });
}

}  // namespace

void RegisterTimeZoneFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"timezone",
       {Overload({text, DataType::Timestamp()}, DataType::TimestampTz(), ConvertKernel(false)),
        Overload({text, DataType::TimestampTz()}, DataType::Timestamp(), ConvertKernel(true))}});
}

}  // namespace boyodb::functions
