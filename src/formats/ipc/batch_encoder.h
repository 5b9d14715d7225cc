// EncodeBatch: lays out arrays as an Arrow IPC record batch body (field nodes and buffers, depth
// first, each buffer aligned and optionally compressed). Sliced arrays are written as if they
// started at row 0: bitmaps are shifted, offsets rebased, children cut to the rows used.
// Thread safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "columnar/array.h"
#include "common/result.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"
#include "formats/ipc/type_mapping.h"

namespace boyodb::formats::ipc {

struct EncodedBatch {
  BatchHeader header;
  /// The body, its length a multiple of 8.
  std::string body;
};

/// Encodes one array per field, each `length` rows long. A field marked dictionary_encoded
/// writes its array's validity and int32 indices (its dictionary goes in a DictionaryBatch); a
/// dictionary-encoded array under a field that is not is written decoded.
/// Requires: columns.size() == fields.size(); every column has `length` rows and its field's
/// type; a dictionary_encoded field's column is a dictionary array.
/// Returns the compression codec's error (InvalidArgument) if compressing fails.
Result<EncodedBatch> EncodeBatch(const std::vector<IpcField>& fields,
                                 const std::vector<columnar::ArrayPtr>& columns, int64_t length,
                                 const WriteOptions& options);

}  // namespace boyodb::formats::ipc
