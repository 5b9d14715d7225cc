// Builders append values and produce immutable Arrays. Typed builders (FixedWidthBuilder<T>,
// BooleanBuilder, BinaryBuilder) have inline Append for hot loops; every builder also implements
// ArrayBuilder, whose AppendValue takes a types::Value (tests, decoders, literals).
// Thread safety: a builder is used by one thread at a time.
#pragma once

#include <cstring>
#include <limits>
#include <memory>
#include <string_view>

#include "columnar/array.h"
#include "common/check.h"

namespace boyodb::columnar {

class ArrayBuilder {
 public:
  virtual ~ArrayBuilder() = default;
  virtual const types::DataType& type() const = 0;
  virtual int64_t length() const = 0;
  virtual void AppendNull() = 0;
  /// Appends a value; NULL values append a null. InvalidArgument when the value's type is not the
  /// builder's type.
  virtual Status AppendValue(const types::Value& value) = 0;
  /// Appends rows [offset, offset + length) of an array of the same type (dictionary arrays are
  /// decoded). Requires: array.type() == type().
  virtual void AppendArray(const Array& array, int64_t offset, int64_t length) = 0;
  /// Returns the built array and resets the builder to empty.
  virtual ArrayPtr Finish() = 0;
};

/// Makes a builder for any type, nested types included.
std::unique_ptr<ArrayBuilder> MakeBuilder(const types::DataType& type);

/// The validity bitmap all builders share: allocated only once a null appears.
class ValidityBuilder {
 public:
  void Append(bool valid) {
    if (!valid && !bits_) Materialize();
    if (bits_) {
      EnsureBits(length_ + 1);
      SetBitTo(bits_->mutable_data(), length_, valid);
    }
    ++length_;
  }
  void AppendValid(int64_t count);
  int64_t length() const { return length_; }
  /// The bitmap, or null when every value was valid; resets.
  BufferPtr Finish();

 private:
  void Materialize();
  void EnsureBits(int64_t bits) {
    if (static_cast<size_t>(BytesForBits(bits)) > bits_->size()) {
      bits_->Resize(static_cast<size_t>(BytesForBits(bits)) * 2);
    }
  }

  std::shared_ptr<Buffer> bits_;
  int64_t length_ = 0;
};

/// Fixed-width values of C type T (int8..uint64, float, double, Int128, 16-byte structs).
template <typename T>
class FixedWidthBuilder final : public ArrayBuilder {
 public:
  explicit FixedWidthBuilder(types::DataType type);

  void Append(const T& value) {
    if (length_ == capacity_) Grow(length_ + 1);
    values_->template mutable_data_as<T>()[length_++] = value;
    validity_.Append(true);
  }
  void Reserve(int64_t n) {
    if (length_ + n > capacity_) Grow(length_ + n);
  }

  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override {
    if (length_ == capacity_) Grow(length_ + 1);
    values_->template mutable_data_as<T>()[length_++] = T{};
    validity_.Append(false);
  }
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array& array, int64_t offset, int64_t length) override;
  ArrayPtr Finish() override;

 private:
  void Grow(int64_t min_capacity);

  types::DataType type_;
  std::shared_ptr<Buffer> values_;
  int64_t length_ = 0;
  int64_t capacity_ = 0;
  ValidityBuilder validity_;
};

class BooleanBuilder final : public ArrayBuilder {
 public:
  BooleanBuilder();
  void Append(bool value);
  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override;
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array& array, int64_t offset, int64_t length) override;
  ArrayPtr Finish() override;

 private:
  void AppendBit(bool value);

  types::DataType type_;
  std::shared_ptr<Buffer> bits_;
  int64_t length_ = 0;
  ValidityBuilder validity_;
};

/// TEXT, BYTEA and JSON.
class BinaryBuilder final : public ArrayBuilder {
 public:
  explicit BinaryBuilder(types::DataType type);
  void Append(std::string_view bytes) {
    AppendBytes(bytes);
    validity_.Append(true);
  }
  /// Reserves room for n more values and `bytes` more data bytes.
  void Reserve(int64_t n, int64_t bytes);

  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override {
    AppendBytes({});
    validity_.Append(false);
  }
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array& array, int64_t offset, int64_t length) override;
  ArrayPtr Finish() override;

 private:
  // Inline: text parsers append every field through it.
  void AppendBytes(std::string_view bytes) {
    const size_t new_size = data_->size() + bytes.size();
    BOYO_CHECK_LE(new_size, static_cast<size_t>(std::numeric_limits<int32_t>::max()));
    const size_t old_size = data_->size();
    data_->Resize(new_size);
    if (!bytes.empty()) std::memcpy(data_->mutable_data() + old_size, bytes.data(), bytes.size());
    ++length_;
    offsets_->Resize(static_cast<size_t>(length_ + 1) * 4);
    offsets_->mutable_data_as<int32_t>()[length_] = static_cast<int32_t>(new_size);
  }

  types::DataType type_;
  std::shared_ptr<Buffer> offsets_;
  std::shared_ptr<Buffer> data_;
  int64_t length_ = 0;
  ValidityBuilder validity_;
};

}  // namespace boyodb::columnar
