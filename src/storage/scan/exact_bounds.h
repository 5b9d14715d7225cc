// Which column types have zone maps whose min and max are exact and ordered as SQL orders
// the values, so that metadata may stand for the rows: integers, decimals, dates, times and
// timestamps. Not floats (NaN sorts greatest and zone maps may leave it out), text (bounds
// may be cut short) or the rest.
// Thread safety: a pure function.
#pragma once

#include "types/data_type.h"

namespace boyodb::storage {

inline bool ZoneMapBoundsAreExact(const types::DataType& type) {
  switch (type.id()) {
    case types::TypeId::kInt16:
    case types::TypeId::kInt32:
    case types::TypeId::kInt64:
    case types::TypeId::kDecimal:
    case types::TypeId::kDate:
    case types::TypeId::kTime:
    case types::TypeId::kTimestamp:
    case types::TypeId::kTimestampTz:
      return true;
    default:
      return false;
  }
}

}  // namespace boyodb::storage
