// Casts among DATE, TIME, TIMESTAMP, TIMESTAMPTZ and INTERVAL that PostgreSQL has: DATE to
// TIMESTAMP (midnight) and TIMESTAMPTZ (midnight in the session's time zone), TIMESTAMP and
// TIMESTAMPTZ to DATE and TIME and to each other (through the session's time zone), TIME to
// INTERVAL, and INTERVAL to TIME (its time part modulo a day, as interval_time does).
// Thread safety: the kernels are stateless and reentrant.
#include "columnar/builder.h"
#include "functions/cast/cast_internal.h"
#include "functions/datetime/time_zone.h"
#include "types/datetime.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::kMicrosPerDay;
using types::TypeId;

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// A cast that needs the session's time zone: `op(zone, value, out)`.
template <typename From, typename To, typename Op>
sql::CastKernel ZonedCast(DataType to, Op op) {
  return [to = std::move(to), op](const columnar::ArrayPtr& input,
                                  const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    const columnar::ArrayPtr args[] = {input};
    return MapRows<To, From>(args, input->length(), to, [&zone, &op](From value, To* out) {
      *out = op(zone, value);
      return Status::OK();
    });
  };
}

// Infinite dates and timestamps become the other type's infinity.
int64_t DateToMicros(int32_t days) {
  if (!types::IsFiniteDate(days)) {
    return days > 0 ? types::kTimestampInfinity : types::kTimestampMinusInfinity;
  }
  return days * kMicrosPerDay;
}

int32_t MicrosToDate(int64_t micros) {
  if (!types::IsFiniteTimestamp(micros)) {
    return micros > 0 ? types::kDateInfinity : types::kDateMinusInfinity;
  }
  return static_cast<int32_t>(FloorDiv(micros, kMicrosPerDay));
}

// TIMESTAMP[TZ] -> TIME: the time of day of `to_local(zone, value)`; NULL for an infinite
// value, which has none (PostgreSQL's timestamp_time).
template <typename ToLocal>
sql::CastKernel TimeOfDayCast(DataType to, ToLocal to_local) {
  return [to = std::move(to), to_local](
             const columnar::ArrayPtr& input,
             const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    columnar::FixedWidthBuilder<int64_t> out(to);
    const int64_t* values = input->values<int64_t>();
    for (int64_t i = 0; i < input->length(); ++i) {
      if (input->IsNull(i) || !types::IsFiniteTimestamp(values[i])) {
        out.AppendNull();
      } else {
        out.Append(FloorMod(to_local(zone, values[i]), kMicrosPerDay));
      }
    }
    return out.Finish();
  };
}

template <typename From, typename To, typename Op>
sql::CastKernel PlainCast(const DataType& to, Op op) {
  return RowCast<From, To>(to, [op](From value, To* out) {
    *out = op(value);
    return Status::OK();
  });
}

}  // namespace

sql::CastKernel FindDatetimeCast(const DataType& from, const DataType& to) {
  const TypeId source = from.id(), target = to.id();
  if (source == TypeId::kDate) {
    if (target == TypeId::kTimestamp) {
      return PlainCast<int32_t, int64_t>(to, DateToMicros);
    }
    if (target == TypeId::kTimestampTz) {
      return ZonedCast<int32_t, int64_t>(to, [](const TimeZone& zone, int32_t days) {
        const int64_t local = DateToMicros(days);
        return types::IsFiniteTimestamp(local) ? zone.ToUtcMicros(local) : local;
      });
    }
  }
  if (source == TypeId::kTimestamp) {
    if (target == TypeId::kDate) {
      return PlainCast<int64_t, int32_t>(to, MicrosToDate);
    }
    if (target == TypeId::kTime) {
      return TimeOfDayCast(to, [](const TimeZone&, int64_t micros) { return micros; });
    }
    if (target == TypeId::kTimestampTz) {
      return ZonedCast<int64_t, int64_t>(to, [](const TimeZone& zone, int64_t local) {
        return types::IsFiniteTimestamp(local) ? zone.ToUtcMicros(local) : local;
      });
    }
  }
  if (source == TypeId::kTimestampTz) {
    if (target == TypeId::kTimestamp) {
      return ZonedCast<int64_t, int64_t>(to, [](const TimeZone& zone, int64_t utc) {
        return types::IsFiniteTimestamp(utc) ? zone.ToLocalMicros(utc) : utc;
      });
    }
    if (target == TypeId::kDate) {
      return ZonedCast<int64_t, int32_t>(to, [](const TimeZone& zone, int64_t utc) {
        return MicrosToDate(types::IsFiniteTimestamp(utc) ? zone.ToLocalMicros(utc) : utc);
      });
    }
    if (target == TypeId::kTime) {
      return TimeOfDayCast(
          to, [](const TimeZone& zone, int64_t utc) { return zone.ToLocalMicros(utc); });
    }
  }
  if (source == TypeId::kTime && target == TypeId::kInterval) {
    return PlainCast<int64_t, types::IntervalValue>(to, [](int64_t micros) {
      return types::IntervalValue{0, 0, micros * 1000};
    });
  }
  if (source == TypeId::kInterval && target == TypeId::kTime) {
    return PlainCast<types::IntervalValue, int64_t>(to, [](const types::IntervalValue& value) {
      return FloorMod(value.nanos / 1000, kMicrosPerDay);
    });
  }
  return nullptr;
}

}  // namespace boyodb::functions
