#include "formats/ipc/batch_encoder.h"

#include <cstring>

#include "common/check.h"
#include "formats/ipc/body_compression.h"
#include "formats/ipc/dictionaries.h"

namespace boyodb::formats::ipc {

using columnar::Array;
using columnar::ArrayPtr;
using types::Layout;

namespace {

class Encoder {
 public:
  Encoder(const WriteOptions& options, EncodedBatch* out) : options_(options), out_(out) {}

  Status Append(const IpcField& field, ArrayPtr array) {
    if (array->is_dictionary() && !field.dictionary_encoded) array = MaterializeDictionary(array);
    const Array& a = *array;
    out_->header.nodes.push_back({a.length(), a.null_count()});
    if (field.dictionary_encoded) {
      BOYO_CHECK(a.is_dictionary());
      BOYO_RETURN_IF_ERROR(AppendValidity(a));
      return AppendFixedWidth(a, 4);
    }
    switch (a.type().layout()) {
      case Layout::kNull:
        return Status::OK();
      case Layout::kBitmap:
        BOYO_RETURN_IF_ERROR(AppendValidity(a));
        return AppendBitmap(a.length() > 0 ? a.bool_bits() : nullptr, a.offset(), a.length());
      case Layout::kFixedWidth:
        BOYO_RETURN_IF_ERROR(AppendValidity(a));
        return AppendFixedWidth(a, a.type().fixed_width());
      case Layout::kVariable: {
        BOYO_RETURN_IF_ERROR(AppendValidity(a));
        BOYO_RETURN_IF_ERROR(AppendOffsets(a));
        if (a.length() == 0) return AppendBuffer({});
        const int32_t* offsets = a.offsets();
        return AppendBuffer(
            std::string_view(reinterpret_cast<const char*>(a.buffers()[2]->data()) + offsets[0],
                             static_cast<size_t>(offsets[a.length()] - offsets[0])));
      }
      case Layout::kList: {
        BOYO_RETURN_IF_ERROR(AppendValidity(a));
        BOYO_RETURN_IF_ERROR(AppendOffsets(a));
        int64_t first = 0;
        int64_t count = 0;
        if (a.length() > 0) {
          first = a.offsets()[0];
          count = a.offsets()[a.length()] - first;
        }
        return Append(field.children[0], a.child(0)->Slice(first, count));
      }
      case Layout::kStruct: {
        BOYO_RETURN_IF_ERROR(AppendValidity(a));
        // Struct children are indexed with the parent's offset: cut them to the parent's rows.
        for (size_t i = 0; i < field.children.size(); ++i) {
          BOYO_RETURN_IF_ERROR(
              Append(field.children[i], a.child(i)->Slice(a.offset(), a.length())));
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

  void Finish() { Pad(8); }

 private:
  void Pad(size_t alignment) {
    const size_t remainder = out_->body.size() % alignment;
    if (remainder != 0) out_->body.append(alignment - remainder, '\0');
  }

  Status AppendBuffer(std::string_view data) {
    Pad(static_cast<size_t>(options_.alignment));
    const int64_t offset = static_cast<int64_t>(out_->body.size());
    BOYO_ASSIGN_OR_RETURN(
        const int64_t length,
        AppendCompressedBuffer(options_.codec, options_.compression_level, data, &out_->body));
    out_->header.buffers.push_back({offset, length});
    return Status::OK();
  }

  // Bits [offset, offset + length) of a bitmap, moved to start at bit 0 when needed.
  Status AppendBitmap(const uint8_t* bits, int64_t offset, int64_t length) {
    if (bits == nullptr || length == 0) return AppendBuffer({});
    const size_t bytes = static_cast<size_t>(columnar::BytesForBits(length));
    if (offset % 8 == 0) {
      return AppendBuffer(
          std::string_view(reinterpret_cast<const char*>(bits) + offset / 8, bytes));
    }
    scratch_.assign(bytes, '\0');
    auto* shifted = reinterpret_cast<uint8_t*>(scratch_.data());
    for (int64_t i = 0; i < length; ++i) {
      if (columnar::GetBit(bits, offset + i)) columnar::SetBit(shifted, i);
    }
    return AppendBuffer(scratch_);
  }

  Status AppendValidity(const Array& a) {
    if (a.null_count() == 0 || a.validity_bits() == nullptr) return AppendBuffer({});
    return AppendBitmap(a.validity_bits(), a.offset(), a.length());
  }

  Status AppendFixedWidth(const Array& a, int width) {
    if (a.length() == 0 || a.buffers().size() < 2 || !a.buffers()[1]) return AppendBuffer({});
    return AppendBuffer(
        std::string_view(reinterpret_cast<const char*>(a.buffers()[1]->data()) + a.offset() * width,
                         static_cast<size_t>(a.length() * width)));
  }

  // Offsets rebased to start at 0; a zero-length array gets the single offset 0.
  Status AppendOffsets(const Array& a) {
    static constexpr char kZero[4] = {0, 0, 0, 0};
    if (a.length() == 0) return AppendBuffer(std::string_view(kZero, 4));
    const int32_t* offsets = a.offsets();
    const size_t bytes = static_cast<size_t>(a.length() + 1) * 4;
    if (offsets[0] == 0) {
      return AppendBuffer(std::string_view(reinterpret_cast<const char*>(offsets), bytes));
    }
    scratch_.resize(bytes);
    for (int64_t i = 0; i <= a.length(); ++i) {
      const int32_t rebased = offsets[i] - offsets[0];
      std::memcpy(scratch_.data() + i * 4, &rebased, 4);
    }
    return AppendBuffer(scratch_);
  }

  const WriteOptions& options_;
  EncodedBatch* out_;
  std::string scratch_;
};

}  // namespace

Result<EncodedBatch> EncodeBatch(const std::vector<IpcField>& fields,
                                 const std::vector<ArrayPtr>& columns, int64_t length,
                                 const WriteOptions& options) {
  BOYO_CHECK_EQ(fields.size(), columns.size());
  EncodedBatch out;
  out.header.length = length;
  out.header.codec = options.codec;
  Encoder encoder(options, &out);
  for (size_t i = 0; i < fields.size(); ++i) {
    BOYO_CHECK_EQ(columns[i]->length(), length);
    BOYO_RETURN_IF_ERROR(encoder.Append(fields[i], columns[i]));
  }
  encoder.Finish();
  return out;
}

}  // namespace boyodb::formats::ipc
