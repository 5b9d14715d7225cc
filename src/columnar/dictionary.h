// Dictionary encoding of TEXT/BYTEA/JSON arrays: int32 indices into an array of distinct values,
// the layout Arrow IPC writes as dictionary batches and operators use for predicates on codes.
// Thread safety: pure functions.
#pragma once

#include "columnar/array.h"

namespace boyodb::columnar {

/// Encodes a variable-width array as indices into its distinct values (first-appearance order).
/// Requires: array.type().layout() == kVariable and !array.is_dictionary().
ArrayPtr DictionaryEncode(const Array& array);

/// Decodes a dictionary array into a plain one; a plain array is returned as is.
ArrayPtr DictionaryDecode(const ArrayPtr& array);

}  // namespace boyodb::columnar
