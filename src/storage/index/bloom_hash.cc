#include "storage/index/bloom_hash.h"

namespace boyodb::storage {

using types::TypeId;

bool SupportsBloomFilter(const types::DataType& type) {
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIpv4:
    case TypeId::kDecimal:
    case TypeId::kString:
    case TypeId::kJson:
    case TypeId::kBinary:
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return true;
    default:
      return false;
  }
}

uint64_t BloomHashOf(const types::Value& value) {
  if (value.is_null() || !SupportsBloomFilter(value.type())) return 0;
  const types::DataType& type = value.type();
  if (type.id() == TypeId::kDecimal) return BloomHashDecimal(value.decimal());
  if (type.is_unsigned_integer() || type.id() == TypeId::kIpv4) {
    return BloomHashInteger(value.uint64());
  }
  if (type.is_string_like() || type.id() == TypeId::kUuid || type.id() == TypeId::kIpv6) {
    return BloomHashBytes(value.bytes());
  }
  return BloomHashInteger(static_cast<uint64_t>(value.int64()));
}

}  // namespace boyodb::storage
