// IpcField: one field as Arrow IPC lays it out (the Arrow type with its parameters, extension
// name, dictionary encoding, children) together with the BoyoDB field it becomes. Converts
// BoyoDB fields to Arrow metadata and Arrow metadata (ours or a foreign writer's) to BoyoDB
// fields; the mapping table is in docs/formats/arrow_ipc.md.
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/ipc/fbs/Schema_generated.h"
#include "types/data_type.h"

namespace boyodb::formats::ipc {

namespace fb = org::apache::arrow::flatbuf;

inline constexpr std::string_view kExtensionNameKey = "ARROW:extension:name";
inline constexpr std::string_view kExtensionMetadataKey = "ARROW:extension:metadata";
inline constexpr std::string_view kJsonExtension = "arrow.json";
inline constexpr std::string_view kUuidExtension = "arrow.uuid";
inline constexpr std::string_view kIpv4Extension = "boyodb.ipv4";
inline constexpr std::string_view kIpv6Extension = "boyodb.ipv6";

struct IpcField {
  /// The BoyoDB field (for a dictionary-encoded field: the type of its values).
  types::Field field{"", types::DataType::Null()};
  /// The Arrow storage type (for a dictionary-encoded field: the type of its values).
  fb::Type arrow_type = fb::Type::Null;
  // Parameters of arrow_type; only those the type has are meaningful.
  int bit_width = 0;                                // Int, Time, Decimal
  bool is_signed = false;                           // Int
  fb::Precision precision = fb::Precision::DOUBLE;  // FloatingPoint
  int decimal_precision = 0;                        // Decimal
  int decimal_scale = 0;                            // Decimal
  int16_t unit = 0;      // Date, Time, Timestamp, Interval, Duration units
  std::string timezone;  // Timestamp; empty: no time zone
  int byte_width = 0;    // FixedSizeBinary
  int list_size = 0;     // FixedSizeList
  /// ARROW:extension:name of the field ("" for none). Read: only the names BoyoDB knows on
  /// their storage types are kept, so this is exactly what the BoyoDB type implies.
  std::string extension_name;
  // Dictionary encoding (Field.dictionary).
  bool dictionary_encoded = false;
  int64_t dictionary_id = 0;
  int index_bit_width = 32;
  bool index_signed = true;
  /// Arrow children: List and FixedSizeList one element field, Map one "entries" struct of key
  /// and value, Struct one per field. Their `field` members are exactly the children of
  /// field.type(), so arrays built from them have the types BoyoDB expects.
  std::vector<IpcField> children;

  /// Buffers of this array itself (not its children) in a record batch body.
  int OwnBufferCount() const;
  /// Field nodes and buffers of this array and all its descendants.
  size_t TotalNodeCount() const;
  size_t TotalBufferCount() const;
};

/// The Arrow layout of a BoyoDB field (not dictionary-encoded; writers set that afterwards).
IpcField IpcFieldFromField(const types::Field& field);

/// Parses a field of a schema that a reader got, checking every parameter. Returns
/// NotSupported (0A000) naming the field path and Arrow type when BoyoDB cannot represent the
/// type (unions, views, run-end encoding, decimals beyond 38 digits, uint64 dictionary
/// indices, big-endian data), and Corruption (XX001) when the metadata is malformed (a missing
/// type table, an impossible bit width, a wrong number of children, nesting deeper than
/// max_depth). `path` names the field's parents for messages ("s.items").
Result<IpcField> IpcFieldFromFlatbuffer(const fb::Field* field, const std::string& path, int depth,
                                        int max_depth);

/// Serializes the field (type, dictionary encoding, children, extension metadata).
flatbuffers::Offset<fb::Field> WriteIpcField(flatbuffers::FlatBufferBuilder& builder,
                                             const IpcField& field);

/// The field with its dictionary encoding removed: the layout of its dictionary's values.
IpcField DictionaryValueField(const IpcField& field);

/// "Timestamp(NANOSECOND, Europe/Paris)", "Decimal(76, 2, 256)", "Union": an Arrow type for
/// messages.
std::string DescribeArrowType(const fb::Field& field);

}  // namespace boyodb::formats::ipc
