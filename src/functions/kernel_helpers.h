// Building blocks for scalar kernels: combined validity bitmaps, typed readers of argument
// arrays, and templates that run a per-row operation in a tight loop over whole arrays
// (function_api.h: dispatch per batch, never per row). NULL propagates: a row whose arguments
// are not all valid is NULL and the operation is not called for it (or, for the "total"
// variants, is called on the placeholder value and its result masked).
// Thread safety: stateless templates and pure functions; reentrant.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "columnar/array.h"
#include "columnar/buffer.h"
#include "columnar/builder.h"
#include "common/result.h"
#include "common/status.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::functions {

// --- Bitmaps -----------------------------------------------------------------------------------

/// Copies bits [source_offset, source_offset + length) of `source` to bits [0, length) of
/// `dest`. Requires: dest has BytesForBits(length) bytes.
void CopyBits(const uint8_t* source, int64_t source_offset, int64_t length, uint8_t* dest);
/// dest[i] &= source[source_offset + i] for i in [0, length).
void AndBits(const uint8_t* source, int64_t source_offset, int64_t length, uint8_t* dest);

/// The validity of rows [0, num_rows) of all `arrays` combined (valid where every array is
/// valid), as a bitmap starting at bit 0, so it can become the validity buffer of a result.
/// nullptr when no array has a NULL in those rows. Respects each array's offset().
columnar::BufferPtr CombineValidity(std::span<const columnar::ArrayPtr> arrays, int64_t num_rows);
columnar::BufferPtr CombineValidity(std::span<const columnar::Array* const> arrays,
                                    int64_t num_rows);

/// True when bit `index` of a combined validity bitmap is set (nullptr: all valid).
inline bool RowIsValid(const uint8_t* validity, int64_t index) {
  return validity == nullptr || columnar::GetBit(validity, index);
}

/// An array of `num_rows` NULLs of `type`.
columnar::ArrayPtr MakeNullArray(const types::DataType& type, int64_t num_rows);

// --- Typed access to argument arrays -----------------------------------------------------------

/// Reads element i of an argument array as a T: fixed-width C types (int32_t, double,
/// types::Int128, types::IntervalValue, std::array<uint8_t, 16>), bool for BOOLEAN and
/// std::string_view for TEXT/BYTEA/JSON. Element 0 is the array's first row (offset applied).
template <typename T>
class ArgReader {
 public:
  explicit ArgReader(const columnar::Array& array) : values_(array.values<T>()) {}
  T operator[](int64_t index) const { return values_[index]; }

 private:
  const T* values_;
};

template <>
class ArgReader<bool> {
 public:
  explicit ArgReader(const columnar::Array& array)
      : bits_(array.bool_bits()), offset_(array.offset()) {}
  bool operator[](int64_t index) const { return columnar::GetBit(bits_, offset_ + index); }

 private:
  const uint8_t* bits_;
  int64_t offset_;
};

template <>
class ArgReader<std::string_view> {
 public:
  explicit ArgReader(const columnar::Array& array)
      : array_(&array),
        offsets_(array.is_dictionary() ? nullptr : array.offsets()),
        data_(array.is_dictionary() ? nullptr
                                    : reinterpret_cast<const char*>(array.buffers()[2]->data())) {}
  std::string_view operator[](int64_t index) const {
    if (offsets_ == nullptr) return array_->GetView(index);
    return std::string_view(data_ + offsets_[index],
                            static_cast<size_t>(offsets_[index + 1] - offsets_[index]));
  }

 private:
  const columnar::Array* array_;
  const int32_t* offsets_;
  const char* data_;
};

// --- Result arrays -----------------------------------------------------------------------------

/// A result buffer of `num_rows` fixed-width values, written in place. Zeroed unless
/// `every_row_written`: the map templates below write every row and skip the zeroing.
template <typename T>
class FixedOutput {
 public:
  explicit FixedOutput(int64_t num_rows, bool every_row_written = false)
      : num_rows_(num_rows),
        buffer_(
            every_row_written
                ? columnar::Buffer::AllocateUninitialized(static_cast<size_t>(num_rows) * sizeof(T))
                : columnar::Buffer::Allocate(static_cast<size_t>(num_rows) * sizeof(T))) {}
  T* data() { return buffer_->template mutable_data_as<T>(); }
  /// Requires: type is fixed-width of sizeof(T) bytes.
  columnar::ArrayPtr Finish(types::DataType type, columnar::BufferPtr validity) {
    return std::make_shared<const columnar::Array>(
        std::move(type), num_rows_, std::vector<columnar::BufferPtr>{std::move(validity), buffer_});
  }

 private:
  int64_t num_rows_;
  std::shared_ptr<columnar::Buffer> buffer_;
};

/// A result bitmap of `num_rows` booleans.
class BooleanOutput {
 public:
  explicit BooleanOutput(int64_t num_rows)
      : num_rows_(num_rows),
        buffer_(columnar::Buffer::Allocate(static_cast<size_t>(columnar::BytesForBits(num_rows)))) {
  }
  uint8_t* bits() { return buffer_->mutable_data(); }
  void Set(int64_t index, bool value) { columnar::SetBitTo(bits(), index, value); }
  columnar::ArrayPtr Finish(columnar::BufferPtr validity) {
    return std::make_shared<const columnar::Array>(
        types::DataType::Boolean(), num_rows_,
        std::vector<columnar::BufferPtr>{std::move(validity), buffer_});
  }

 private:
  int64_t num_rows_;
  std::shared_ptr<columnar::Buffer> buffer_;
};

/// Tag for operations that produce TEXT/BYTEA: the operation appends to a std::string.
struct StringResult {};

// --- Total operations (defined for every input, NULL placeholders included) ------------------

/// out[i] = op(in[i]) for every row, without branches; the result has in's validity.
/// `op` must be safe for any value (NULL rows hold zeros or stale bytes). Out may be bool.
/// A dictionary-encoded text argument with no more entries than rows is mapped entry by entry
/// and each row reads its code's result, so that a chunk measures each distinct text once.
/// (Larger dictionaries, a segment's shared by its batches, are the evaluator's: it maps them
/// whole once enough rows have used them.)
template <typename In, typename Out, typename Op>
columnar::ArrayPtr MapUnary(const columnar::Array& in, int64_t num_rows, types::DataType out_type,
                            Op&& op) {
  const columnar::Array* arrays[] = {&in};
  columnar::BufferPtr validity = CombineValidity(arrays, num_rows);
  if constexpr (std::is_same_v<In, std::string_view> && !std::is_same_v<Out, bool>) {
    if (in.is_dictionary() && in.dictionary()->length() <= num_rows) {
      const columnar::Array& dictionary = *in.dictionary();
      const auto entries = static_cast<uint32_t>(dictionary.length());
      const ArgReader<std::string_view> entry(dictionary);
      std::vector<Out> mapped(entries);
      for (uint32_t e = 0; e < entries; ++e) mapped[e] = op(entry[e]);
      const int32_t* codes = in.values<int32_t>();
      FixedOutput<Out> out(num_rows, /*every_row_written=*/true);
      Out* values = out.data();
      // A NULL row's code may be anything: out of range, it reads a default.
      for (int64_t i = 0; i < num_rows; ++i) {
        const auto code = static_cast<uint32_t>(codes[i]);
        values[i] = code < entries ? mapped[code] : Out{};
      }
      return out.Finish(std::move(out_type), std::move(validity));
    }
  }
  const ArgReader<In> reader(in);
  if constexpr (std::is_same_v<Out, bool>) {
    BooleanOutput out(num_rows);
    for (int64_t i = 0; i < num_rows; ++i) out.Set(i, op(reader[i]));
    return out.Finish(std::move(validity));
  } else {
    FixedOutput<Out> out(num_rows, /*every_row_written=*/true);
    Out* values = out.data();
    for (int64_t i = 0; i < num_rows; ++i) values[i] = op(reader[i]);
    return out.Finish(std::move(out_type), std::move(validity));
  }
}

/// out[i] = op(a[i], b[i]) for every row, without branches; NULL where a or b is NULL.
template <typename A, typename B, typename Out, typename Op>
columnar::ArrayPtr MapBinary(const columnar::Array& a, const columnar::Array& b, int64_t num_rows,
                             types::DataType out_type, Op&& op) {
  const columnar::Array* arrays[] = {&a, &b};
  columnar::BufferPtr validity = CombineValidity(arrays, num_rows);
  const ArgReader<A> left(a);
  const ArgReader<B> right(b);
  if constexpr (std::is_same_v<Out, bool>) {
    BooleanOutput out(num_rows);
    uint8_t* bits = out.bits();
    // Eight results per byte store, so the loop has no read-modify-write of single bits.
    const int64_t full_bytes = num_rows / 8;
    for (int64_t byte = 0; byte < full_bytes; ++byte) {
      uint8_t packed = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const int64_t i = byte * 8 + bit;
        packed |= static_cast<uint8_t>(static_cast<uint8_t>(op(left[i], right[i])) << bit);
      }
      bits[byte] = packed;
    }
    for (int64_t i = full_bytes * 8; i < num_rows; ++i) out.Set(i, op(left[i], right[i]));
    return out.Finish(std::move(validity));
  } else {
    FixedOutput<Out> out(num_rows, /*every_row_written=*/true);
    Out* values = out.data();
    for (int64_t i = 0; i < num_rows; ++i) values[i] = op(left[i], right[i]);
    return out.Finish(std::move(out_type), std::move(validity));
  }
}

// --- Checked operations (called only for valid rows, may fail) --------------------------------

namespace internal {

template <typename Out, typename... In, typename Op, size_t... I>
Result<columnar::ArrayPtr> MapRowsImpl(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                       types::DataType out_type, Op& op,
                                       std::index_sequence<I...>) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const std::tuple<ArgReader<In>...> readers{ArgReader<In>(*args[I])...};
  if constexpr (std::is_same_v<Out, StringResult>) {
    columnar::BinaryBuilder builder(std::move(out_type));
    std::string scratch;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) {
        builder.AppendNull();
        continue;
      }
      scratch.clear();
      BOYO_RETURN_IF_ERROR(op(std::get<I>(readers)[i]..., &scratch));
      builder.Append(scratch);
    }
    return builder.Finish();
  } else if constexpr (std::is_same_v<Out, bool>) {
    BooleanOutput out(num_rows);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (!RowIsValid(valid, i)) continue;
      bool value = false;
      BOYO_RETURN_IF_ERROR(op(std::get<I>(readers)[i]..., &value));
      out.Set(i, value);
    }
    return out.Finish(std::move(validity));
  } else {
    FixedOutput<Out> out(num_rows, /*every_row_written=*/true);
    Out* values = out.data();
    if (valid == nullptr) {
      for (int64_t i = 0; i < num_rows; ++i) {
        BOYO_RETURN_IF_ERROR(op(std::get<I>(readers)[i]..., &values[i]));
      }
    } else {
      for (int64_t i = 0; i < num_rows; ++i) {
        if (!columnar::GetBit(valid, i)) {
          values[i] = Out{};  // defined bytes under a NULL, for total kernels reading it later
          continue;
        }
        BOYO_RETURN_IF_ERROR(op(std::get<I>(readers)[i]..., &values[i]));
      }
    }
    return out.Finish(std::move(out_type), std::move(validity));
  }
}

}  // namespace internal

/// Runs `op` on every row where all `args` are valid; other rows are NULL. The signature of op
/// is `Status(In..., Out*)`, with `std::string*` when Out is StringResult (cleared before each
/// call). The first error stops the loop and is returned.
/// Requires: args.size() == sizeof...(In), each of the C type its ArgReader expects.
template <typename Out, typename... In, typename Op>
Result<columnar::ArrayPtr> MapRows(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                   types::DataType out_type, Op&& op) {
  BOYO_DCHECK_EQ(args.size(), sizeof...(In));
  return internal::MapRowsImpl<Out, In...>(args, num_rows, std::move(out_type), op,
                                           std::index_sequence_for<In...>{});
}

// --- Kernels from operations -------------------------------------------------------------------

/// A ScalarKernel applying a total unary operation (see MapUnary) with a fixed result type.
template <typename In, typename Out, typename Op>
sql::ScalarKernel UnaryKernel(types::DataType out_type, Op op) {
  return [out_type = std::move(out_type), op = std::move(op)](
             std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    return MapUnary<In, Out>(*args[0], num_rows, out_type, op);
  };
}

/// A ScalarKernel applying a total binary operation (see MapBinary) with a fixed result type.
template <typename A, typename B, typename Out, typename Op>
sql::ScalarKernel BinaryKernel(types::DataType out_type, Op op) {
  return [out_type = std::move(out_type), op = std::move(op)](
             std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    return MapBinary<A, B, Out>(*args[0], *args[1], num_rows, out_type, op);
  };
}

/// A ScalarKernel running a checked operation (see MapRows) with a fixed result type.
template <typename Out, typename... In, typename Op>
sql::ScalarKernel RowKernel(types::DataType out_type, Op op) {
  return [out_type = std::move(out_type), op = std::move(op)](
             std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    auto row_op = op;
    return MapRows<Out, In...>(args, num_rows, out_type, row_op);
  };
}

}  // namespace boyodb::functions
