#include "columnar/nested_builder.h"

#include "common/check.h"

namespace boyodb::columnar {

using types::DataType;
using types::TypeId;
using types::Value;

namespace {

Status NestedTypeMismatch(const DataType& builder_type, const Value& value) {
  return Status::InvalidArgument("cannot append a " + value.type().ToString() + " value to a " +
                                 builder_type.ToString() + " column");
}

}  // namespace

ListBuilder::ListBuilder(DataType type)
    : type_(std::move(type)), element_builder_(MakeBuilder(type_.element_type())) {}

void ListBuilder::FinishList() {
  offsets_.push_back(static_cast<int32_t>(element_builder_->length()));
  ++length_;
  validity_.Append(true);
}

void ListBuilder::AppendNull() {
  offsets_.push_back(static_cast<int32_t>(element_builder_->length()));
  ++length_;
  validity_.Append(false);
}

Status ListBuilder::AppendValue(const Value& value) {
  if (value.is_null()) {
    AppendNull();
    return Status::OK();
  }
  if (value.type() != type_) return NestedTypeMismatch(type_, value);
  for (const Value& element : value.children()) {
    BOYO_RETURN_IF_ERROR(element_builder_->AppendValue(element));
  }
  FinishList();
  return Status::OK();
}

void ListBuilder::AppendArray(const Array& array, int64_t offset, int64_t length) {
  const int32_t* offs = array.offsets();
  for (int64_t i = offset; i < offset + length; ++i) {
    if (array.IsNull(i)) {
      AppendNull();
      continue;
    }
    element_builder_->AppendArray(*array.child(0), offs[i], offs[i + 1] - offs[i]);
    FinishList();
  }
}

ArrayPtr ListBuilder::Finish() {
  auto offsets = Buffer::CopyOf(std::string_view(reinterpret_cast<const char*>(offsets_.data()),
                                                 offsets_.size() * sizeof(int32_t)));
  auto array = std::make_shared<const Array>(
      type_, length_, std::vector<BufferPtr>{validity_.Finish(), std::move(offsets)},
      std::vector<ArrayPtr>{element_builder_->Finish()});
  offsets_.assign(1, 0);
  length_ = 0;
  return array;
}

StructBuilder::StructBuilder(DataType type) : type_(std::move(type)) {
  for (const types::Field& field : type_.children()) {
    field_builders_.push_back(MakeBuilder(field.type()));
  }
}

void StructBuilder::AppendPresent() {
  ++length_;
  validity_.Append(true);
}

void StructBuilder::AppendNull() {
  for (auto& builder : field_builders_) builder->AppendNull();
  ++length_;
  validity_.Append(false);
}

Status StructBuilder::AppendValue(const Value& value) {
  if (value.is_null()) {
    AppendNull();
    return Status::OK();
  }
  if (value.type() != type_ || value.children().size() != field_builders_.size()) {
    return NestedTypeMismatch(type_, value);
  }
  for (size_t i = 0; i < field_builders_.size(); ++i) {
    BOYO_RETURN_IF_ERROR(field_builders_[i]->AppendValue(value.children()[i]));
  }
  AppendPresent();
  return Status::OK();
}

void StructBuilder::AppendArray(const Array& array, int64_t offset, int64_t length) {
  for (size_t i = 0; i < field_builders_.size(); ++i) {
    field_builders_[i]->AppendArray(*array.child(i), array.offset() + offset, length);
  }
  for (int64_t i = offset; i < offset + length; ++i) {
    ++length_;
    validity_.Append(array.IsValid(i));
  }
}

ArrayPtr StructBuilder::Finish() {
  std::vector<ArrayPtr> children;
  for (auto& builder : field_builders_) children.push_back(builder->Finish());
  auto array = std::make_shared<const Array>(
      type_, length_, std::vector<BufferPtr>{validity_.Finish()}, std::move(children));
  length_ = 0;
  return array;
}

Status NullBuilder::AppendValue(const Value& value) {
  if (!value.is_null()) return NestedTypeMismatch(type_, value);
  ++length_;
  return Status::OK();
}

ArrayPtr NullBuilder::Finish() {
  auto array = std::make_shared<const Array>(type_, length_, std::vector<BufferPtr>{});
  length_ = 0;
  return array;
}

std::unique_ptr<ArrayBuilder> MakeBuilder(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return std::make_unique<NullBuilder>();
    case TypeId::kBoolean:
      return std::make_unique<BooleanBuilder>();
    case TypeId::kInt8:
      return std::make_unique<FixedWidthBuilder<int8_t>>(type);
    case TypeId::kInt16:
      return std::make_unique<FixedWidthBuilder<int16_t>>(type);
    case TypeId::kInt32:
    case TypeId::kDate:
      return std::make_unique<FixedWidthBuilder<int32_t>>(type);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return std::make_unique<FixedWidthBuilder<int64_t>>(type);
    case TypeId::kUInt8:
      return std::make_unique<FixedWidthBuilder<uint8_t>>(type);
    case TypeId::kUInt16:
      return std::make_unique<FixedWidthBuilder<uint16_t>>(type);
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return std::make_unique<FixedWidthBuilder<uint32_t>>(type);
    case TypeId::kUInt64:
      return std::make_unique<FixedWidthBuilder<uint64_t>>(type);
    case TypeId::kFloat32:
      return std::make_unique<FixedWidthBuilder<float>>(type);
    case TypeId::kFloat64:
      return std::make_unique<FixedWidthBuilder<double>>(type);
    case TypeId::kDecimal:
      return std::make_unique<FixedWidthBuilder<types::Int128>>(type);
    case TypeId::kInterval:
      return std::make_unique<FixedWidthBuilder<types::IntervalValue>>(type);
    case TypeId::kUuid:
    case TypeId::kIpv6:
      return std::make_unique<FixedWidthBuilder<std::array<uint8_t, 16>>>(type);
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
      return std::make_unique<BinaryBuilder>(type);
    case TypeId::kList:
    case TypeId::kMap:
      return std::make_unique<ListBuilder>(type);
    case TypeId::kStruct:
      return std::make_unique<StructBuilder>(type);
  }
  BOYO_CHECK(false);
  return nullptr;
}

}  // namespace boyodb::columnar
