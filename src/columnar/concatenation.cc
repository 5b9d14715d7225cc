#include "columnar/concatenation.h"

#include <cstring>
#include <limits>

#include "common/check.h"

namespace boyodb::columnar {

namespace {

bool IsPlainVariable(const Array& array) {
  return !array.is_dictionary() && array.type().layout() == types::Layout::kVariable;
}

}  // namespace

bool ArrayConcatenation::Handles(const types::DataType& type, const std::vector<ArrayPtr>& pieces) {
  const types::Layout layout = type.layout();
  if (layout != types::Layout::kFixedWidth && layout != types::Layout::kVariable) return false;
  for (const ArrayPtr& piece : pieces) {
    if (!piece->is_dictionary()) continue;
    // Dictionaries over text are decoded; fixed-width ones (rare) take the builder's way.
    if (layout != types::Layout::kVariable || !IsPlainVariable(*piece->dictionary())) return false;
  }
  return true;
}

ArrayConcatenation::ArrayConcatenation(types::DataType type, std::vector<ArrayPtr> pieces)
    : type_(std::move(type)),
      pieces_(std::move(pieces)),
      variable_(type_.layout() == types::Layout::kVariable),
      row_start_(pieces_.size()),
      bytes_(pieces_.size(), 0),
      byte_start_(pieces_.size()) {
  if (!variable_) width_ = static_cast<size_t>(type_.fixed_width());
  for (size_t p = 0; p < pieces_.size(); ++p) {
    row_start_[p] = num_rows_;
    num_rows_ += pieces_[p]->length();
  }
}

void ArrayConcatenation::Measure(size_t piece) {
  const Array& array = *pieces_[piece];
  const int64_t length = array.length();
  if (!variable_) {
    bytes_[piece] = length * static_cast<int64_t>(width_);
    return;
  }
  if (length == 0) return;
  if (!array.is_dictionary()) {
    bytes_[piece] = array.offsets()[length] - array.offsets()[0];
    return;
  }
  const int32_t* codes = array.values<int32_t>();
  const int32_t* entries = array.dictionary()->offsets();
  const bool any_null = array.null_count() > 0;
  int64_t bytes = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (any_null && array.IsNull(i)) continue;
    bytes += entries[codes[i] + 1] - entries[codes[i]];
  }
  bytes_[piece] = bytes;
}

void ArrayConcatenation::Allocate() {
  int64_t total = 0;
  for (size_t p = 0; p < pieces_.size(); ++p) {
    byte_start_[p] = total;
    total += bytes_[p];
  }
  if (variable_) {
    // Offsets are int32, as Arrow's TEXT: the same limit the builders check.
    BOYO_CHECK_LE(total, int64_t{std::numeric_limits<int32_t>::max()});
    offsets_ = Buffer::AllocateUninitialized(static_cast<size_t>(num_rows_ + 1) * 4);
    offsets_->mutable_data_as<int32_t>()[0] = 0;
  }
  values_ = Buffer::AllocateUninitialized(static_cast<size_t>(total));
}

void ArrayConcatenation::Copy(size_t piece) {
  const Array& array = *pieces_[piece];
  const int64_t length = array.length();
  if (length == 0) return;
  uint8_t* out = values_->mutable_data() + byte_start_[piece];
  if (!variable_) {
    std::memcpy(out, array.buffers()[1]->data() + static_cast<size_t>(array.offset()) * width_,
                static_cast<size_t>(length) * width_);
    return;
  }
  int32_t* offsets = offsets_->mutable_data_as<int32_t>() + row_start_[piece] + 1;
  auto end = static_cast<int32_t>(byte_start_[piece]);
  if (!array.is_dictionary()) {
    const int32_t* source = array.offsets();
    if (bytes_[piece] > 0) {
      std::memcpy(out, array.buffers()[2]->data() + source[0], static_cast<size_t>(bytes_[piece]));
    }
    const int32_t shift = end - source[0];
    for (int64_t i = 0; i < length; ++i) offsets[i] = source[i + 1] + shift;
    return;
  }
  const int32_t* codes = array.values<int32_t>();
  const Array& dictionary = *array.dictionary();
  const int32_t* entries = dictionary.offsets();
  const uint8_t* bytes =
      dictionary.buffers()[2] == nullptr ? nullptr : dictionary.buffers()[2]->data();
  const bool any_null = array.null_count() > 0;
  for (int64_t i = 0; i < length; ++i) {
    if (!any_null || array.IsValid(i)) {
      const int32_t begin = entries[codes[i]];
      const int32_t size = entries[codes[i] + 1] - begin;
      if (size > 0) std::memcpy(out, bytes + begin, static_cast<size_t>(size));
      out += size;
      end += size;
    }
    offsets[i] = end;
  }
}

ArrayPtr ArrayConcatenation::Finish() {
  int64_t null_count = 0;
  for (const ArrayPtr& piece : pieces_) null_count += piece->null_count();
  BufferPtr validity;
  if (null_count > 0) {
    std::shared_ptr<Buffer> bits = Buffer::Allocate(static_cast<size_t>(BytesForBits(num_rows_)));
    uint8_t* data = bits->mutable_data();
    for (size_t p = 0; p < pieces_.size(); ++p) {
      const Array& array = *pieces_[p];
      for (int64_t i = 0; i < array.length(); ++i) {
        if (array.IsValid(i)) SetBit(data, row_start_[p] + i);
      }
    }
    validity = std::move(bits);
  }
  std::vector<BufferPtr> buffers{std::move(validity)};
  if (variable_) buffers.push_back(std::move(offsets_));
  buffers.push_back(std::move(values_));
  return std::make_shared<const Array>(type_, num_rows_, std::move(buffers),
                                       std::vector<ArrayPtr>{}, nullptr, 0, null_count);
}

}  // namespace boyodb::columnar
