// Helpers for dictionary-encoded columns in Arrow IPC: decoding a dictionary array of any value
// type, telling whether a new dictionary extends an old one (a delta), and appending a delta.
// Thread safety: pure functions.
#pragma once

#include "columnar/array.h"

namespace boyodb::formats::ipc {

/// The plain array a dictionary array stands for (any value type); a plain array as is.
columnar::ArrayPtr MaterializeDictionary(const columnar::ArrayPtr& array);

/// True when `dictionary` starts with every value of `previous`, in order.
bool DictionaryExtends(const columnar::Array& dictionary, const columnar::Array& previous);

/// `dictionary` followed by `delta`. Requires: both have the same type.
columnar::ArrayPtr ConcatenateArrays(const columnar::Array& dictionary,
                                     const columnar::Array& delta);

}  // namespace boyodb::formats::ipc
