// ArrayLoader: builds BoyoDB arrays from the field nodes and buffers of an Arrow IPC record
// batch (or dictionary batch), decompressing buffers and converting foreign layouts (other time
// units, 64-bit offsets, other index widths, ...) to BoyoDB's. Every size, offset and index comes
// from untrusted bytes and is checked; arrays are built with Array::MakeValidated.
// Thread safety: one loader per batch and thread.
#pragma once

#include <cstdint>
#include <functional>

#include "columnar/array.h"
#include "columnar/buffer.h"
#include "common/result.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"
#include "formats/ipc/type_mapping.h"

namespace boyodb::formats::ipc {

/// Bytes [base, base + bytes->size()) of a message body.
struct BodyWindow {
  columnar::BufferPtr bytes;
  uint64_t base = 0;
};

/// Returns the current dictionary of an id, or Corruption if there is none.
using DictionaryLookup = std::function<Result<columnar::ArrayPtr>(int64_t id)>;

class ArrayLoader {
 public:
  /// header, options and the lookup must outlive the loader.
  ArrayLoader(const BatchHeader& header, const ReadOptions& options, const DictionaryLookup& lookup)
      : header_(header), options_(options), lookup_(lookup) {}

  /// Loads one top-level field whose first field node and first buffer have the given indexes;
  /// `window` must hold every buffer of the field. A top-level dictionary-encoded TEXT, BYTEA
  /// or JSON field stays dictionary-encoded (sharing the lookup's dictionary array); deeper or
  /// other dictionary fields are decoded.
  /// Corruption (XX001) naming the field for any inconsistency (missing nodes or buffers, a
  /// buffer outside the window or larger than the limits, a node length that differs from the
  /// batch's, invalid offsets or indices); NotSupported (0A000) for 64-bit offsets beyond
  /// 2^31 - 1; OutOfRange (22008/22003) for a foreign value BoyoDB's type cannot hold (a
  /// timestamp in seconds beyond the microsecond range, a Decimal256 beyond 38 digits).
  Result<columnar::ArrayPtr> LoadColumn(const IpcField& field, size_t node_index,
                                        size_t buffer_index, const BodyWindow& window);

  /// Loads every field of the batch in order from one window holding the whole body.
  Result<std::vector<columnar::ArrayPtr>> LoadAll(const std::vector<IpcField>& fields,
                                                  const BodyWindow& window);

 private:
  Result<columnar::ArrayPtr> Load(const IpcField& field, bool top_level);
  Result<FieldNodeInfo> NextNode();
  /// The next buffer, or null when it is empty; `needed` is how many bytes the array needs from
  /// it (-1 when unknown), which bounds the declared size of compressed buffers.
  Result<columnar::BufferPtr> NextBuffer(int64_t needed);
  Result<columnar::BufferPtr> LoadValidity(const FieldNodeInfo& node);

  Result<columnar::ArrayPtr> LoadFixed(const IpcField& field, const FieldNodeInfo& node,
                                       columnar::BufferPtr validity);
  Result<columnar::ArrayPtr> LoadVariable(const IpcField& field, const FieldNodeInfo& node,
                                          columnar::BufferPtr validity);
  Result<columnar::ArrayPtr> LoadList(const IpcField& field, const FieldNodeInfo& node,
                                      columnar::BufferPtr validity);
  Result<columnar::ArrayPtr> LoadDictionary(const IpcField& field, const FieldNodeInfo& node,
                                            columnar::BufferPtr validity, bool top_level);
  /// Offsets of `length` + 1 entries of `width` (4 or 8) bytes, as int32; an absent buffer of
  /// a zero-length array is the single offset 0.
  Result<columnar::BufferPtr> LoadOffsets(int64_t length, int width);

  const BatchHeader& header_;
  const ReadOptions& options_;
  const DictionaryLookup& lookup_;
  BodyWindow window_;
  size_t node_index_ = 0;
  size_t buffer_index_ = 0;
  uint64_t decoded_bytes_ = 0;
};

}  // namespace boyodb::formats::ipc
