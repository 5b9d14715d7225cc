// Builders for nested types (LIST, MAP, STRUCT) and the NULL type; MakeBuilder picks the right
// builder for any type.
// Thread safety: a builder is used by one thread at a time.
#pragma once

#include <vector>

#include "columnar/builder.h"

namespace boyodb::columnar {

/// LIST and MAP: offsets over one child builder (a STRUCT(key, value) builder for MAP).
class ListBuilder final : public ArrayBuilder {
 public:
  explicit ListBuilder(types::DataType type);
  /// The builder of the elements; append a list's elements to it, then call FinishList.
  ArrayBuilder& element_builder() { return *element_builder_; }
  /// Closes the current list (its elements are those appended to element_builder() since the
  /// previous list ended).
  void FinishList();

  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override;
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array& array, int64_t offset, int64_t length) override;
  ArrayPtr Finish() override;

 private:
  types::DataType type_;
  std::unique_ptr<ArrayBuilder> element_builder_;
  std::vector<int32_t> offsets_{0};
  int64_t length_ = 0;
  ValidityBuilder validity_;
};

class StructBuilder final : public ArrayBuilder {
 public:
  explicit StructBuilder(types::DataType type);
  ArrayBuilder& field_builder(size_t index) { return *field_builders_[index]; }
  /// Marks one struct row as present after a value was appended to each field builder.
  void AppendPresent();

  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override;
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array& array, int64_t offset, int64_t length) override;
  ArrayPtr Finish() override;

 private:
  types::DataType type_;
  std::vector<std::unique_ptr<ArrayBuilder>> field_builders_;
  int64_t length_ = 0;
  ValidityBuilder validity_;
};

/// Arrays of the NULL type: every value is NULL.
class NullBuilder final : public ArrayBuilder {
 public:
  const types::DataType& type() const override { return type_; }
  int64_t length() const override { return length_; }
  void AppendNull() override { ++length_; }
  Status AppendValue(const types::Value& value) override;
  void AppendArray(const Array&, int64_t, int64_t length) override { length_ += length; }
  ArrayPtr Finish() override;

 private:
  types::DataType type_;
  int64_t length_ = 0;
};

}  // namespace boyodb::columnar
