// Delete files: which rows of a segment DELETE or UPDATE removed. A segment is immutable, so a
// mutation writes a new <segment_id>_<sequence>.del beside it and the manifest entry names the
// current one. Layout (docs/formats/delete_file.md): the portable Roaring serialization of the
// deleted row positions, then the CRC32C of those bytes (4 bytes, little-endian).
// Thread safety: pure functions; files are written once and never changed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <roaring/roaring.hh>

#include "common/file_system.h"
#include "common/result.h"

namespace boyodb::storage {

/// Row positions within one segment (0 = its first row).
using RowBitmap = ::Roaring;  // this Roaring release declares it in the global namespace

/// "<segment_id>_<sequence>.del"; `sequence` makes every version a new file.
std::string DeleteFileName(uint64_t segment_id, uint64_t sequence);

/// Writes `rows` to `path` and fsyncs it (the caller syncs the directory before publishing).
Status WriteDeleteFile(FileSystem& fs, const std::string& path, const RowBitmap& rows);

/// Reads and checks a delete file. Corruption (XX001) naming the file for a bad checksum or
/// encoding, or a row position at or past `segment_rows`.
Result<std::shared_ptr<const RowBitmap>> ReadDeleteFile(FileSystem& fs, const std::string& path,
                                                        uint64_t segment_rows);

}  // namespace boyodb::storage
