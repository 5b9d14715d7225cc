#include "formats/ipc/type_mapping.h"

#include "common/sqlstate.h"

namespace boyodb::formats::ipc {

using types::DataType;
using types::TypeId;

namespace {

IpcField Make(const types::Field& field, fb::Type arrow_type) {
  IpcField out;
  out.field = field;
  out.arrow_type = arrow_type;
  return out;
}

IpcField MakeInt(const types::Field& field, int bit_width, bool is_signed) {
  IpcField out = Make(field, fb::Type::Int);
  out.bit_width = bit_width;
  out.is_signed = is_signed;
  return out;
}

std::string TimeUnitName(int16_t unit) {
  const char* name = fb::EnumNameTimeUnit(static_cast<fb::TimeUnit>(unit));
  return *name != '\0' ? name : "unit " + std::to_string(unit);
}

std::string FieldPath(const std::string& parent, const std::string& name) {
  if (parent.empty()) return name.empty() ? "(unnamed)" : name;
  return parent + "." + (name.empty() ? "(unnamed)" : name);
}

Status Malformed(const std::string& path, const std::string& what) {
  return Status::Corruption("invalid Arrow schema: field \"" + path + "\" " + what);
}

Status Unsupported(const std::string& path, const fb::Field& field, const std::string& why) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                "Arrow type " + DescribeArrowType(field) + " of field \"" + path +
                    "\" is not supported" + (why.empty() ? "" : ": " + why));
}

bool ContainsDictionary(const IpcField& field) {
  for (const IpcField& child : field.children) {
    if (child.dictionary_encoded || ContainsDictionary(child)) return true;
  }
  return false;
}

// Makes the children's BoyoDB fields exactly those of the parent's type (List names its element
// "item", Map names "entries", "key" and "value"), whatever names the writer used.
void AdoptChildFields(IpcField& parent) {
  const std::vector<types::Field>& fields = parent.field.type().children();
  for (size_t i = 0; i < parent.children.size() && i < fields.size(); ++i) {
    parent.children[i].field = fields[i];
    AdoptChildFields(parent.children[i]);
  }
}

Result<std::string> ExtensionName(const fb::Field& field, const std::string& path) {
  std::string name;
  if (field.custom_metadata() == nullptr) return name;
  for (const fb::KeyValue* entry : *field.custom_metadata()) {
    if (entry == nullptr || entry->key() == nullptr) {
      return Malformed(path, "has a custom_metadata entry without a key");
    }
    if (entry->key()->string_view() == kExtensionNameKey && entry->value() != nullptr) {
      name = entry->value()->str();
    }
  }
  return name;
}

Result<IpcField> ParseDictionary(const fb::Field& field, const std::string& path, IpcField out) {
  const fb::DictionaryEncoding* encoding = field.dictionary();
  out.dictionary_encoded = true;
  out.dictionary_id = encoding->id();
  if (encoding->dictionaryKind() != fb::DictionaryKind::DenseArray) {
    return Malformed(path, "has an unknown dictionary kind " +
                               std::to_string(static_cast<int>(encoding->dictionaryKind())));
  }
  if (const fb::Int* index = encoding->indexType(); index != nullptr) {
    const int width = index->bitWidth();
    if (width != 8 && width != 16 && width != 32 && width != 64) {
      return Malformed(path, "has dictionary indices of " + std::to_string(width) + " bits");
    }
    if (width == 64 && !index->is_signed()) {
      return Unsupported(path, field, "uint64 dictionary indices");
    }
    out.index_bit_width = width;
    out.index_signed = index->is_signed();
  }
  if (ContainsDictionary(out)) {
    return Unsupported(path, field, "dictionary values that are themselves dictionary-encoded");
  }
  return out;
}

// Types BoyoDB reads that have no children.
bool IsLeafType(fb::Type type) {
  switch (type) {
    case fb::Type::Null:
    case fb::Type::Int:
    case fb::Type::FloatingPoint:
    case fb::Type::Binary:
    case fb::Type::Utf8:
    case fb::Type::LargeBinary:
    case fb::Type::LargeUtf8:
    case fb::Type::FixedSizeBinary:
    case fb::Type::Bool:
    case fb::Type::Decimal:
    case fb::Type::Date:
    case fb::Type::Time:
    case fb::Type::Timestamp:
    case fb::Type::Interval:
    case fb::Type::Duration:
      return true;
    default:
      return false;
  }
}

// The BoyoDB type of an Arrow type whose children are already parsed into out.children.
Result<DataType> MapArrowType(const fb::Field& field, const std::string& path,
                              const std::string& extension, IpcField& out) {
  const size_t num_children = out.children.size();
  if (IsLeafType(out.arrow_type) && num_children != 0) {
    return Malformed(path, "of type " + DescribeArrowType(field) + " has " +
                               std::to_string(num_children) + " children");
  }
  auto require_table = [&](const void* table) -> Status {
    if (table == nullptr) {
      return Malformed(path, "has type " + std::string(fb::EnumNameType(out.arrow_type)) +
                                 " without its parameters");
    }
    return Status::OK();
  };
  switch (out.arrow_type) {
    case fb::Type::Null:
      return DataType::Null();
    case fb::Type::Bool:
      return DataType::Boolean();
    case fb::Type::Int: {
      const fb::Int* type = field.type_as_Int();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.bit_width = type->bitWidth();
      out.is_signed = type->is_signed();
      switch (out.bit_width) {
        case 8:
          return out.is_signed ? DataType::Int8() : DataType::UInt8();
        case 16:
          return out.is_signed ? DataType::Int16() : DataType::UInt16();
        case 32:
          if (!out.is_signed && extension == kIpv4Extension) {
            out.extension_name = extension;
            return DataType::Ipv4();
          }
          return out.is_signed ? DataType::Int32() : DataType::UInt32();
        case 64:
          return out.is_signed ? DataType::Int64() : DataType::UInt64();
        default:
          return Malformed(path, "has an integer of " + std::to_string(out.bit_width) + " bits");
      }
    }
    case fb::Type::FloatingPoint: {
      const fb::FloatingPoint* type = field.type_as_FloatingPoint();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.precision = type->precision();
      switch (out.precision) {
        case fb::Precision::HALF:
        case fb::Precision::SINGLE:
          return DataType::Float32();
        case fb::Precision::DOUBLE:
          return DataType::Float64();
      }
      return Malformed(path, "has an unknown floating point precision " +
                                 std::to_string(static_cast<int>(out.precision)));
    }
    case fb::Type::Utf8:
    case fb::Type::LargeUtf8:
      if (extension == kJsonExtension) {
        out.extension_name = extension;
        return DataType::Json();
      }
      return DataType::String();
    case fb::Type::Binary:
    case fb::Type::LargeBinary:
      return DataType::Binary();
    case fb::Type::FixedSizeBinary: {
      const fb::FixedSizeBinary* type = field.type_as_FixedSizeBinary();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.byte_width = type->byteWidth();
      if (out.byte_width < 0) {
        return Malformed(path, "has a negative byte width " + std::to_string(out.byte_width));
      }
      if (out.byte_width == 16 && (extension == kUuidExtension || extension == kIpv6Extension)) {
        out.extension_name = extension;
        return extension == kUuidExtension ? DataType::Uuid() : DataType::Ipv6();
      }
      return DataType::Binary();
    }
    case fb::Type::Decimal: {
      const fb::Decimal* type = field.type_as_Decimal();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.bit_width = type->bitWidth();
      out.decimal_precision = type->precision();
      out.decimal_scale = type->scale();
      int max_digits = 0;
      switch (out.bit_width) {
        case 32:
          max_digits = 9;
          break;
        case 64:
          max_digits = 18;
          break;
        case 128:
          max_digits = 38;
          break;
        case 256:
          max_digits = 76;
          break;
        default:
          return Malformed(path, "has a decimal of " + std::to_string(out.bit_width) + " bits");
      }
      if (out.decimal_precision < 1 || out.decimal_precision > max_digits) {
        return Malformed(path, "has decimal precision " + std::to_string(out.decimal_precision) +
                                   " outside 1.." + std::to_string(max_digits));
      }
      if (out.decimal_precision > 38) {
        return Unsupported(path, field, "DECIMAL precision is at most 38");
      }
      if (out.decimal_scale < 0 || out.decimal_scale > out.decimal_precision) {
        return Unsupported(path, field, "DECIMAL scale must be between 0 and the precision");
      }
      return DataType::Decimal(static_cast<uint8_t>(out.decimal_precision),
                               static_cast<uint8_t>(out.decimal_scale));
    }
    case fb::Type::Date: {
      const fb::Date* type = field.type_as_Date();
      out.unit = static_cast<int16_t>(type != nullptr ? type->unit() : fb::DateUnit::MILLISECOND);
      if (out.unit != static_cast<int16_t>(fb::DateUnit::DAY) &&
          out.unit != static_cast<int16_t>(fb::DateUnit::MILLISECOND)) {
        return Malformed(path, "has an unknown date unit " + std::to_string(out.unit));
      }
      return DataType::Date();
    }
    case fb::Type::Time: {
      const fb::Time* type = field.type_as_Time();
      out.unit = static_cast<int16_t>(type != nullptr ? type->unit() : fb::TimeUnit::MILLISECOND);
      out.bit_width = type != nullptr ? type->bitWidth() : 32;
      const bool is_32 = out.unit == static_cast<int16_t>(fb::TimeUnit::SECOND) ||
                         out.unit == static_cast<int16_t>(fb::TimeUnit::MILLISECOND);
      const bool is_64 = out.unit == static_cast<int16_t>(fb::TimeUnit::MICROSECOND) ||
                         out.unit == static_cast<int16_t>(fb::TimeUnit::NANOSECOND);
      if (!(is_32 && out.bit_width == 32) && !(is_64 && out.bit_width == 64)) {
        return Malformed(path, "has a time of unit " + TimeUnitName(out.unit) + " and " +
                                   std::to_string(out.bit_width) + " bits");
      }
      return DataType::Time();
    }
    case fb::Type::Timestamp: {
      const fb::Timestamp* type = field.type_as_Timestamp();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.unit = static_cast<int16_t>(type->unit());
      if (out.unit < 0 || out.unit > static_cast<int16_t>(fb::TimeUnit::NANOSECOND)) {
        return Malformed(path, "has an unknown time unit " + std::to_string(out.unit));
      }
      out.timezone = type->timezone() != nullptr ? type->timezone()->str() : "";
      return out.timezone.empty() ? DataType::Timestamp() : DataType::TimestampTz();
    }
    case fb::Type::Interval: {
      const fb::Interval* type = field.type_as_Interval();
      BOYO_RETURN_IF_ERROR(require_table(type));
      out.unit = static_cast<int16_t>(type->unit());
      if (out.unit < 0 || out.unit > static_cast<int16_t>(fb::IntervalUnit::MONTH_DAY_NANO)) {
        return Malformed(path, "has an unknown interval unit " + std::to_string(out.unit));
      }
      return DataType::Interval();
    }
    case fb::Type::Duration: {
      const fb::Duration* type = field.type_as_Duration();
      out.unit = static_cast<int16_t>(type != nullptr ? type->unit() : fb::TimeUnit::MILLISECOND);
      if (out.unit < 0 || out.unit > static_cast<int16_t>(fb::TimeUnit::NANOSECOND)) {
        return Malformed(path, "has an unknown time unit " + std::to_string(out.unit));
      }
      return DataType::Interval();
    }
    case fb::Type::List:
    case fb::Type::LargeList:
    case fb::Type::FixedSizeList: {
      if (num_children != 1) {
        return Malformed(path, "is a list with " + std::to_string(num_children) + " children");
      }
      if (out.arrow_type == fb::Type::FixedSizeList) {
        const fb::FixedSizeList* type = field.type_as_FixedSizeList();
        BOYO_RETURN_IF_ERROR(require_table(type));
        out.list_size = type->listSize();
        if (out.list_size < 0) {
          return Malformed(path, "has a negative list size " + std::to_string(out.list_size));
        }
      }
      return DataType::List(out.children[0].field.type());
    }
    case fb::Type::Map: {
      if (num_children != 1 || out.children[0].arrow_type != fb::Type::Struct_ ||
          out.children[0].children.size() != 2 || out.children[0].dictionary_encoded) {
        return Malformed(path, "is a map whose child is not a struct of key and value");
      }
      return DataType::Map(out.children[0].children[0].field.type(),
                           out.children[0].children[1].field.type());
    }
    case fb::Type::Struct_: {
      std::vector<types::Field> fields;
      fields.reserve(num_children);
      for (const IpcField& child : out.children) fields.push_back(child.field);
      return DataType::Struct(std::move(fields));
    }
    case fb::Type::NONE:
      return Malformed(path, "has no type");
    default:
      return Unsupported(path, field, "");
  }
}

flatbuffers::Offset<void> WriteType(flatbuffers::FlatBufferBuilder& builder,
                                    const IpcField& field) {
  switch (field.arrow_type) {
    case fb::Type::Null:
      return fb::CreateNull(builder).Union();
    case fb::Type::Bool:
      return fb::CreateBool(builder).Union();
    case fb::Type::Int:
      return fb::CreateInt(builder, field.bit_width, field.is_signed).Union();
    case fb::Type::FloatingPoint:
      return fb::CreateFloatingPoint(builder, field.precision).Union();
    case fb::Type::Utf8:
      return fb::CreateUtf8(builder).Union();
    case fb::Type::LargeUtf8:
      return fb::CreateLargeUtf8(builder).Union();
    case fb::Type::Binary:
      return fb::CreateBinary(builder).Union();
    case fb::Type::LargeBinary:
      return fb::CreateLargeBinary(builder).Union();
    case fb::Type::FixedSizeBinary:
      return fb::CreateFixedSizeBinary(builder, field.byte_width).Union();
    case fb::Type::Decimal:
      return fb::CreateDecimal(builder, field.decimal_precision, field.decimal_scale,
                               field.bit_width)
          .Union();
    case fb::Type::Date:
      return fb::CreateDate(builder, static_cast<fb::DateUnit>(field.unit)).Union();
    case fb::Type::Time:
      return fb::CreateTime(builder, static_cast<fb::TimeUnit>(field.unit), field.bit_width)
          .Union();
    case fb::Type::Timestamp: {
      const auto timezone = field.timezone.empty() ? 0 : builder.CreateString(field.timezone);
      return fb::CreateTimestamp(builder, static_cast<fb::TimeUnit>(field.unit), timezone).Union();
    }
    case fb::Type::Interval:
      return fb::CreateInterval(builder, static_cast<fb::IntervalUnit>(field.unit)).Union();
    case fb::Type::Duration:
      return fb::CreateDuration(builder, static_cast<fb::TimeUnit>(field.unit)).Union();
    case fb::Type::List:
      return fb::CreateList(builder).Union();
    case fb::Type::LargeList:
      return fb::CreateLargeList(builder).Union();
    case fb::Type::FixedSizeList:
      return fb::CreateFixedSizeList(builder, field.list_size).Union();
    case fb::Type::Map:
      return fb::CreateMap(builder, false).Union();
    case fb::Type::Struct_:
      return fb::CreateStruct_(builder).Union();
    default:
      return fb::CreateNull(builder).Union();
  }
}

}  // namespace

int IpcField::OwnBufferCount() const {
  if (dictionary_encoded) return 2;  // validity, indices
  switch (arrow_type) {
    case fb::Type::Null:
      return 0;
    case fb::Type::Utf8:
    case fb::Type::LargeUtf8:
    case fb::Type::Binary:
    case fb::Type::LargeBinary:
      return 3;  // validity, offsets, data
    case fb::Type::Struct_:
    case fb::Type::FixedSizeList:
      return 1;  // validity
    default:
      return 2;  // validity and values, or validity and offsets
  }
}

size_t IpcField::TotalNodeCount() const {
  size_t count = 1;
  for (const IpcField& child : children) count += child.TotalNodeCount();
  return count;
}

size_t IpcField::TotalBufferCount() const {
  size_t count = static_cast<size_t>(OwnBufferCount());
  for (const IpcField& child : children) count += child.TotalBufferCount();
  return count;
}

IpcField IpcFieldFromField(const types::Field& field) {
  const DataType& type = field.type();
  IpcField out;
  switch (type.id()) {
    case TypeId::kNull:
      out = Make(field, fb::Type::Null);
      break;
    case TypeId::kBoolean:
      out = Make(field, fb::Type::Bool);
      break;
    case TypeId::kInt8:
      out = MakeInt(field, 8, true);
      break;
    case TypeId::kInt16:
      out = MakeInt(field, 16, true);
      break;
    case TypeId::kInt32:
      out = MakeInt(field, 32, true);
      break;
    case TypeId::kInt64:
      out = MakeInt(field, 64, true);
      break;
    case TypeId::kUInt8:
      out = MakeInt(field, 8, false);
      break;
    case TypeId::kUInt16:
      out = MakeInt(field, 16, false);
      break;
    case TypeId::kUInt32:
      out = MakeInt(field, 32, false);
      break;
    case TypeId::kUInt64:
      out = MakeInt(field, 64, false);
      break;
    case TypeId::kIpv4:
      out = MakeInt(field, 32, false);
      out.extension_name = kIpv4Extension;
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      out = Make(field, fb::Type::FloatingPoint);
      out.precision = type.id() == TypeId::kFloat32 ? fb::Precision::SINGLE : fb::Precision::DOUBLE;
      break;
    case TypeId::kDecimal:
      out = Make(field, fb::Type::Decimal);
      out.bit_width = 128;
      out.decimal_precision = type.precision();
      out.decimal_scale = type.scale();
      break;
    case TypeId::kString:
      out = Make(field, fb::Type::Utf8);
      break;
    case TypeId::kJson:
      out = Make(field, fb::Type::Utf8);
      out.extension_name = kJsonExtension;
      break;
    case TypeId::kBinary:
      out = Make(field, fb::Type::Binary);
      break;
    case TypeId::kDate:
      out = Make(field, fb::Type::Date);
      out.unit = static_cast<int16_t>(fb::DateUnit::DAY);
      break;
    case TypeId::kTime:
      out = Make(field, fb::Type::Time);
      out.unit = static_cast<int16_t>(fb::TimeUnit::MICROSECOND);
      out.bit_width = 64;
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      out = Make(field, fb::Type::Timestamp);
      out.unit = static_cast<int16_t>(fb::TimeUnit::MICROSECOND);
      if (type.id() == TypeId::kTimestampTz) out.timezone = "UTC";
      break;
    case TypeId::kInterval:
      out = Make(field, fb::Type::Interval);
      out.unit = static_cast<int16_t>(fb::IntervalUnit::MONTH_DAY_NANO);
      break;
    case TypeId::kUuid:
    case TypeId::kIpv6:
      out = Make(field, fb::Type::FixedSizeBinary);
      out.byte_width = 16;
      out.extension_name = type.id() == TypeId::kUuid ? kUuidExtension : kIpv6Extension;
      break;
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
      out = Make(field, type.id() == TypeId::kList  ? fb::Type::List
                        : type.id() == TypeId::kMap ? fb::Type::Map
                                                    : fb::Type::Struct_);
      for (const types::Field& child : type.children()) {
        out.children.push_back(IpcFieldFromField(child));
      }
      break;
  }
  return out;
}

Result<IpcField> IpcFieldFromFlatbuffer(const fb::Field* field, const std::string& path, int depth,
                                        int max_depth) {
  if (field == nullptr) return Malformed(path, "is missing");
  const std::string name = field->name() != nullptr ? field->name()->str() : "";
  const std::string own_path = FieldPath(path, name);
  if (depth > max_depth) {
    return Malformed(own_path, "is nested deeper than " + std::to_string(max_depth) + " levels");
  }
  IpcField out;
  out.arrow_type = field->type_type();
  if (field->children() != nullptr) {
    out.children.reserve(field->children()->size());
    for (const fb::Field* child : *field->children()) {
      BOYO_ASSIGN_OR_RETURN(IpcField parsed,
                            IpcFieldFromFlatbuffer(child, own_path, depth + 1, max_depth));
      out.children.push_back(std::move(parsed));
    }
  }
  BOYO_ASSIGN_OR_RETURN(const std::string extension, ExtensionName(*field, own_path));
  BOYO_ASSIGN_OR_RETURN(DataType type, MapArrowType(*field, own_path, extension, out));
  out.field = types::Field(name, std::move(type), field->nullable());
  AdoptChildFields(out);
  if (field->dictionary() != nullptr) return ParseDictionary(*field, own_path, std::move(out));
  return out;
}

flatbuffers::Offset<fb::Field> WriteIpcField(flatbuffers::FlatBufferBuilder& builder,
                                             const IpcField& field) {
  std::vector<flatbuffers::Offset<fb::Field>> children;
  children.reserve(field.children.size());
  for (const IpcField& child : field.children) children.push_back(WriteIpcField(builder, child));
  const auto children_vector = builder.CreateVector(children);
  const auto type = WriteType(builder, field);
  flatbuffers::Offset<fb::DictionaryEncoding> dictionary = 0;
  if (field.dictionary_encoded) {
    const auto index_type = fb::CreateInt(builder, field.index_bit_width, field.index_signed);
    dictionary = fb::CreateDictionaryEncoding(builder, field.dictionary_id, index_type, false,
                                              fb::DictionaryKind::DenseArray);
  }
  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>> metadata = 0;
  if (!field.extension_name.empty()) {
    const std::vector<flatbuffers::Offset<fb::KeyValue>> entries = {
        fb::CreateKeyValue(builder, builder.CreateString(kExtensionNameKey),
                           builder.CreateString(field.extension_name)),
        fb::CreateKeyValue(builder, builder.CreateString(kExtensionMetadataKey),
                           builder.CreateString("")),
    };
    metadata = builder.CreateVector(entries);
  }
  const auto name = builder.CreateString(field.field.name);
  return fb::CreateField(builder, name, field.field.nullable, field.arrow_type, type, dictionary,
                         children_vector, metadata);
}

IpcField DictionaryValueField(const IpcField& field) {
  IpcField values = field;
  values.dictionary_encoded = false;
  values.dictionary_id = 0;
  values.index_bit_width = 32;
  values.index_signed = true;
  return values;
}

std::string DescribeArrowType(const fb::Field& field) {
  const fb::Type type = field.type_type();
  switch (type) {
    case fb::Type::Int:
      if (const fb::Int* t = field.type_as_Int()) {
        return "Int(" + std::to_string(t->bitWidth()) +
               (t->is_signed() ? ", signed)" : ", unsigned)");
      }
      break;
    case fb::Type::FloatingPoint:
      if (const fb::FloatingPoint* t = field.type_as_FloatingPoint()) {
        return std::string("FloatingPoint(") + fb::EnumNamePrecision(t->precision()) + ")";
      }
      break;
    case fb::Type::Decimal:
      if (const fb::Decimal* t = field.type_as_Decimal()) {
        return "Decimal(" + std::to_string(t->precision()) + ", " + std::to_string(t->scale()) +
               ", " + std::to_string(t->bitWidth()) + ")";
      }
      break;
    case fb::Type::Timestamp:
      if (const fb::Timestamp* t = field.type_as_Timestamp()) {
        std::string out = "Timestamp(" + TimeUnitName(static_cast<int16_t>(t->unit()));
        if (t->timezone() != nullptr && t->timezone()->size() > 0) {
          out += ", " + t->timezone()->str();
        }
        return out + ")";
      }
      break;
    case fb::Type::Time:
      if (const fb::Time* t = field.type_as_Time()) {
        return "Time(" + TimeUnitName(static_cast<int16_t>(t->unit())) + ", " +
               std::to_string(t->bitWidth()) + ")";
      }
      break;
    case fb::Type::FixedSizeBinary:
      if (const fb::FixedSizeBinary* t = field.type_as_FixedSizeBinary()) {
        return "FixedSizeBinary(" + std::to_string(t->byteWidth()) + ")";
      }
      break;
    case fb::Type::Union:
      if (const fb::Union* t = field.type_as_Union()) {
        return std::string("Union(") + fb::EnumNameUnionMode(t->mode()) + ")";
      }
      break;
    default:
      break;
  }
  const char* name = fb::EnumNameType(type);
  if (*name == '\0') return "unknown type " + std::to_string(static_cast<int>(type));
  return name;
}

}  // namespace boyodb::formats::ipc
