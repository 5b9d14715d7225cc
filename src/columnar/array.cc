#include "columnar/array.h"

#include <array>

#include "common/check.h"

namespace boyodb::columnar {

using types::DataType;
using types::Layout;
using types::TypeId;
using types::Value;

Array::Array(DataType type, int64_t length, std::vector<BufferPtr> buffers,
             std::vector<ArrayPtr> children, ArrayPtr dictionary, int64_t offset,
             int64_t null_count)
    : type_(std::move(type)),
      length_(length),
      offset_(offset),
      null_count_(null_count),
      buffers_(std::move(buffers)),
      children_(std::move(children)),
      dictionary_(std::move(dictionary)) {
  if (null_count_ < 0) {
    if (type_.id() == TypeId::kNull) {
      null_count_ = length_;
    } else {
      const uint8_t* bits = validity_bits();
      null_count_ = bits == nullptr ? 0 : length_ - CountSetBits(bits, offset_, length_);
    }
  }
}

std::string_view Array::GetView(int64_t index) const {
  if (dictionary_) return dictionary_->GetView(values<int32_t>()[index]);
  const int32_t* offs = offsets();
  return std::string_view(reinterpret_cast<const char*>(buffers_[2]->data()) + offs[index],
                          static_cast<size_t>(offs[index + 1] - offs[index]));
}

Value Array::GetValue(int64_t index) const {
  if (IsNull(index)) return Value::Null(type_);
  if (dictionary_) return dictionary_->GetValue(values<int32_t>()[index]);
  switch (type_.id()) {
    case TypeId::kNull:
      return Value::Null(type_);
    case TypeId::kBoolean:
      return Value::Boolean(GetBit(bool_bits(), offset_ + index));
    case TypeId::kInt8:
      return Value::Int8(values<int8_t>()[index]);
    case TypeId::kInt16:
      return Value::Int16(values<int16_t>()[index]);
    case TypeId::kInt32:
      return Value::Int32(values<int32_t>()[index]);
    case TypeId::kInt64:
      return Value::Int64(values<int64_t>()[index]);
    case TypeId::kUInt8:
      return Value::UInt8(values<uint8_t>()[index]);
    case TypeId::kUInt16:
      return Value::UInt16(values<uint16_t>()[index]);
    case TypeId::kUInt32:
      return Value::UInt32(values<uint32_t>()[index]);
    case TypeId::kUInt64:
      return Value::UInt64(values<uint64_t>()[index]);
    case TypeId::kFloat32:
      return Value::Float32(values<float>()[index]);
    case TypeId::kFloat64:
      return Value::Float64(values<double>()[index]);
    case TypeId::kDecimal: {
      types::Int128 unscaled;
      std::memcpy(&unscaled, buffers_[1]->data() + (offset_ + index) * 16, 16);
      return Value::Decimal(unscaled, type_);
    }
    case TypeId::kString:
      return Value::String(std::string(GetView(index)));
    case TypeId::kBinary:
      return Value::Binary(std::string(GetView(index)));
    case TypeId::kJson:
      return Value::Json(std::string(GetView(index)));
    case TypeId::kDate:
      return Value::Date(values<int32_t>()[index]);
    case TypeId::kTime:
      return Value::Time(values<int64_t>()[index]);
    case TypeId::kTimestamp:
      return Value::Timestamp(values<int64_t>()[index]);
    case TypeId::kTimestampTz:
      return Value::TimestampTz(values<int64_t>()[index]);
    case TypeId::kInterval: {
      types::IntervalValue interval;
      const uint8_t* p = buffers_[1]->data() + (offset_ + index) * 16;
      std::memcpy(&interval.months, p, 4);
      std::memcpy(&interval.days, p + 4, 4);
      std::memcpy(&interval.nanos, p + 8, 8);
      return Value::Interval(interval);
    }
    case TypeId::kUuid:
    case TypeId::kIpv6: {
      std::array<uint8_t, 16> bytes;
      std::memcpy(bytes.data(), buffers_[1]->data() + (offset_ + index) * 16, 16);
      return type_.id() == TypeId::kUuid ? Value::Uuid(bytes) : Value::Ipv6(bytes);
    }
    case TypeId::kIpv4:
      return Value::Ipv4(values<uint32_t>()[index]);
    case TypeId::kList:
    case TypeId::kMap: {
      const int32_t* offs = offsets();
      std::vector<Value> elements;
      for (int32_t i = offs[index]; i < offs[index + 1]; ++i) {
        elements.push_back(children_[0]->GetValue(i));
      }
      return Value::Nested(type_, std::move(elements));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const ArrayPtr& child : children_) fields.push_back(child->GetValue(offset_ + index));
      return Value::Nested(type_, std::move(fields));
    }
  }
  return Value::Null(type_);
}

ArrayPtr Array::Slice(int64_t offset, int64_t length) const {
  BOYO_CHECK(offset >= 0 && length >= 0 && offset + length <= length_);
  // Struct children are indexed with the parent's offset, so slicing only moves the offset.
  return std::make_shared<const Array>(type_, length, buffers_, children_, dictionary_,
                                       offset_ + offset);
}

int64_t Array::ByteSize() const {
  int64_t total = 0;
  for (const BufferPtr& buffer : buffers_) {
    if (buffer) total += static_cast<int64_t>(buffer->size());
  }
  for (const ArrayPtr& child : children_) total += child->ByteSize();
  if (dictionary_) total += dictionary_->ByteSize();
  return total;
}

namespace {

Status Invalid(const Array& array, const std::string& what) {
  return Status::Corruption("invalid " + array.type().ToString() + " array of length " +
                            std::to_string(array.length()) + ": " + what);
}

Status CheckBuffer(const Array& array, size_t index, int64_t needed_bytes, const char* name) {
  if (array.buffers().size() <= index || !array.buffers()[index]) {
    if (needed_bytes == 0) return Status::OK();
    return Invalid(array, std::string("missing ") + name + " buffer");
  }
  if (static_cast<int64_t>(array.buffers()[index]->size()) < needed_bytes) {
    return Invalid(array, std::string(name) + " buffer has " +
                              std::to_string(array.buffers()[index]->size()) + " bytes, needs " +
                              std::to_string(needed_bytes));
  }
  return Status::OK();
}

Status CheckOffsets(const Array& array, int64_t limit) {
  BOYO_RETURN_IF_ERROR(CheckBuffer(array, 1, (array.offset() + array.length() + 1) * 4, "offsets"));
  if (array.length() == 0) return Status::OK();
  const int32_t* offs = array.offsets();
  if (offs[0] < 0) return Invalid(array, "negative first offset");
  for (int64_t i = 0; i < array.length(); ++i) {
    if (offs[i + 1] < offs[i]) {
      return Invalid(array, "offsets decrease at index " + std::to_string(i));
    }
  }
  if (offs[array.length()] > limit) {
    return Invalid(array, "last offset " + std::to_string(offs[array.length()]) +
                              " is past the end of the data (" + std::to_string(limit) + ")");
  }
  return Status::OK();
}

}  // namespace

Status ValidateArray(const Array& array) {
  if (array.length() < 0 || array.offset() < 0) return Invalid(array, "negative length or offset");
  const int64_t end = array.offset() + array.length();
  if (array.type().id() == TypeId::kNull) return Status::OK();
  BOYO_RETURN_IF_ERROR(CheckBuffer(array, 0, 0, "validity"));
  if (array.validity_bits() != nullptr) {
    BOYO_RETURN_IF_ERROR(CheckBuffer(array, 0, BytesForBits(end), "validity"));
  }
  if (array.is_dictionary()) {
    BOYO_RETURN_IF_ERROR(CheckBuffer(array, 1, end * 4, "dictionary indices"));
    if (array.dictionary()->type() != array.type()) {
      return Invalid(array, "dictionary type " + array.dictionary()->type().ToString() +
                                " differs from the array type");
    }
    BOYO_RETURN_IF_ERROR(ValidateArray(*array.dictionary()));
    const int32_t* indices = array.values<int32_t>();
    for (int64_t i = 0; i < array.length(); ++i) {
      if (array.IsValid(i) && (indices[i] < 0 || indices[i] >= array.dictionary()->length())) {
        return Invalid(array, "dictionary index " + std::to_string(indices[i]) + " at row " +
                                  std::to_string(i) + " is out of range");
      }
    }
    return Status::OK();
  }
  switch (array.type().layout()) {
    case Layout::kNull:
      return Status::OK();
    case Layout::kBitmap:
      return CheckBuffer(array, 1, BytesForBits(end), "values");
    case Layout::kFixedWidth:
      return CheckBuffer(array, 1, end * array.type().fixed_width(), "values");
    case Layout::kVariable: {
      const int64_t data_size =
          array.buffers().size() > 2 && array.buffers()[2] ? array.buffers()[2]->size() : 0;
      return CheckOffsets(array, data_size);
    }
    case Layout::kList: {
      if (array.children().size() != 1) return Invalid(array, "a list needs exactly one child");
      BOYO_RETURN_IF_ERROR(CheckOffsets(array, array.child(0)->length()));
      if (array.child(0)->type() != array.type().element_type()) {
        return Invalid(array, "child type differs from the element type");
      }
      return ValidateArray(*array.child(0));
    }
    case Layout::kStruct: {
      const auto& fields = array.type().children();
      if (array.children().size() != fields.size()) {
        return Invalid(array, "struct has " + std::to_string(array.children().size()) +
                                  " children for " + std::to_string(fields.size()) + " fields");
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        if (array.child(i)->length() < end) return Invalid(array, "struct child is too short");
        if (array.child(i)->type() != fields[i].type()) {
          return Invalid(array, "struct child type differs from field " + fields[i].name);
        }
        BOYO_RETURN_IF_ERROR(ValidateArray(*array.child(i)));
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

Result<ArrayPtr> Array::MakeValidated(DataType type, int64_t length, std::vector<BufferPtr> buffers,
                                      std::vector<ArrayPtr> children, ArrayPtr dictionary) {
  if (length < 0) return Status::Corruption("negative array length " + std::to_string(length));
  // Check the validity buffer's size before the constructor counts its bits.
  if (!buffers.empty() && buffers[0] &&
      static_cast<int64_t>(buffers[0]->size()) < BytesForBits(length)) {
    return Status::Corruption("validity buffer of " + type.ToString() + " array is too short");
  }
  auto array = std::make_shared<const Array>(std::move(type), length, std::move(buffers),
                                             std::move(children), std::move(dictionary));
  BOYO_RETURN_IF_ERROR(ValidateArray(*array));
  return ArrayPtr(std::move(array));
}

bool ArraysEqual(const Array& a, const Array& b) {
  if (a.type() != b.type() || a.length() != b.length()) return false;
  for (int64_t i = 0; i < a.length(); ++i) {
    if (!(a.GetValue(i) == b.GetValue(i))) return false;
  }
  return true;
}

}  // namespace boyodb::columnar
