#include "sql/binder/type_rules.h"

#include <algorithm>
#include <optional>

#include "common/sqlstate.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;

namespace {

// PostgreSQL's type categories (pg_type.typcategory) for the types we have.
enum class Category : uint8_t {
  kBoolean,
  kNumeric,
  kString,
  kDateTime,
  kTimespan,
  kUser,
  kArray,
  kComposite,
  kUnknown,
};

Category CategoryOf(const DataType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return Category::kBoolean;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDecimal:
      return Category::kNumeric;
    case TypeId::kString:
      return Category::kString;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Category::kDateTime;
    case TypeId::kInterval:
      return Category::kTimespan;
    case TypeId::kList:
      return Category::kArray;
    case TypeId::kStruct:
    case TypeId::kMap:
      return Category::kComposite;
    case TypeId::kNull:
      return Category::kUnknown;
    default:
      return Category::kUser;
  }
}

// Order of the date/time types under implicit casts: date -> timestamp -> timestamptz.
int DateTimeRank(const DataType& type) {
  switch (type.id()) {
    case TypeId::kDate:
      return 1;
    case TypeId::kTimestamp:
      return 2;
    case TypeId::kTimestampTz:
      return 3;
    default:
      return 0;  // time does not convert implicitly to the others
  }
}

}  // namespace

bool IsNumeric(const DataType& type) { return CategoryOf(type) == Category::kNumeric; }

int NumericRank(const DataType& type) {
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kUInt8:
      return 0;
    case TypeId::kInt16:
    case TypeId::kUInt16:
      return 1;
    case TypeId::kInt32:
    case TypeId::kUInt32:
      return 2;
    case TypeId::kInt64:
    case TypeId::kUInt64:
      return 3;
    case TypeId::kDecimal:
      return 4;
    case TypeId::kFloat32:
      return 5;
    case TypeId::kFloat64:
      return 6;
    default:
      return -1;
  }
}

namespace {

// The type that holds every value of a signed and an unsigned integer type of the same width
// (neither converts to the other implicitly): the next wider signed one, NUMERIC(20,0) past
// BIGINT. nullopt for other pairs. An oid column (UINT32) meets integer literals this way.
std::optional<DataType> SignedIntegerHolding(const DataType& a, const DataType& b) {
  if (!a.is_integer() || !b.is_integer() || NumericRank(a) != NumericRank(b)) return std::nullopt;
  switch (NumericRank(a)) {
    case 0:
      return DataType::Int16();
    case 1:
      return DataType::Int32();
    case 2:
      return DataType::Int64();
    default:
      return DataType::Decimal(20, 0);
  }
}

}  // namespace

bool IsSerialType(const ast::TypeName& name, DataType* integer_type) {
  if (!name.modifiers.empty() || name.array_dimensions > 0) return false;
  DataType type;
  if (name.name == "smallserial" || name.name == "serial2") {
    type = DataType::Int16();
  } else if (name.name == "serial" || name.name == "serial4") {
    type = DataType::Int32();
  } else if (name.name == "bigserial" || name.name == "serial8") {
    type = DataType::Int64();
  } else {
    return false;
  }
  if (integer_type != nullptr) *integer_type = type;
  return true;
}

bool IsOidAliasType(const std::string& name) {
  return name == "oid" || name == "regclass" || name == "regtype" || name == "regnamespace" ||
         name == "regrole" || name == "regproc" || name == "regprocedure";
}

Result<DataType> ResolveTypeName(const ast::TypeName& name) {
  std::string base = name.name;
  // PostgreSQL's internal names for types whose SQL spelling carries a length.
  if (base == "bpchar" || base == "char" || base == "character" || base == "varchar" ||
      base == "character varying" || base == "name") {
    base = "text";
  } else if (base == "timestamptz" || base == "timestamp with time zone") {
    base = "timestamptz";
  } else if (IsOidAliasType(base)) {
    // PostgreSQL's object identifiers are unsigned 32-bit; the reg* aliases are OIDs that
    // print as names, which a cast from text resolves (the expression binder calls the
    // function of the alias's name for that).
    base = "uint32";
  } else if (base == "pg_node_tree") {
    base = "text";
  } else if (base == "jsonb") {
    base = "json";
  } else if (base == "int1") {
    base = "tinyint";
  }
  std::string text = base;
  if ((base == "numeric" || base == "decimal") && !name.modifiers.empty()) {
    const int64_t precision = name.modifiers[0];
    const int64_t scale = name.modifiers.size() > 1 ? name.modifiers[1] : 0;
    if (precision < 1 || precision > 38) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "NUMERIC precision " + std::to_string(precision) + " must be between 1 and 38")
          .WithPosition(name.position);
    }
    if (scale < 0 || scale > precision) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "NUMERIC scale " + std::to_string(scale) + " must be between 0 and precision " +
                        std::to_string(precision))
          .WithPosition(name.position);
    }
    text += "(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
  }
  Result<DataType> type = types::ParseTypeName(text);
  if (!type.ok()) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                  "type \"" + name.ToString() + "\" does not exist")
        .WithPosition(name.position);
  }
  DataType out = *type;
  for (int32_t i = 0; i < name.array_dimensions; ++i) out = DataType::List(out);
  return out;
}

std::string PgTypeName(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return "unknown";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInt8:
      return "tinyint";
    case TypeId::kInt16:
      return "smallint";
    case TypeId::kInt32:
      return "integer";
    case TypeId::kInt64:
      return "bigint";
    case TypeId::kFloat32:
      return "real";
    case TypeId::kFloat64:
      return "double precision";
    case TypeId::kDecimal:
      return "numeric";
    case TypeId::kString:
      return "text";
    case TypeId::kBinary:
      return "bytea";
    case TypeId::kTimestamp:
      return "timestamp without time zone";
    case TypeId::kTimestampTz:
      return "timestamp with time zone";
    case TypeId::kTime:
      return "time without time zone";
    case TypeId::kList:
      return PgTypeName(type.element_type()) + "[]";
    default: {
      std::string text = type.ToString();
      std::transform(text.begin(), text.end(), text.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return text;
    }
  }
}

bool CastAllowed(const DataType& from, const DataType& to, CastContext context) {
  if (from == to || from.id() == TypeId::kNull) return true;
  if (context == CastContext::kExplicit) return true;  // the kernel decides whether it exists
  const Category from_category = CategoryOf(from);
  const Category to_category = CategoryOf(to);
  if (from_category == Category::kNumeric && to_category == Category::kNumeric) {
    if (context == CastContext::kAssignment) return true;
    // Implicit: only widening along the promotion order; decimal -> decimal of any scale.
    return NumericRank(from) < NumericRank(to) ||
           (from.id() == TypeId::kDecimal && to.id() == TypeId::kDecimal);
  }
  if (from_category == Category::kDateTime && to_category == Category::kDateTime) {
    const int from_rank = DateTimeRank(from);
    const int to_rank = DateTimeRank(to);
    if (context == CastContext::kAssignment) return from_rank > 0 && to_rank > 0;
    return from_rank > 0 && from_rank < to_rank;
  }
  // Every type may be assigned to a text column (PostgreSQL's I/O conversion casts).
  if (to.id() == TypeId::kString && context == CastContext::kAssignment) return true;
  if (from.id() == TypeId::kJson && to.id() == TypeId::kString) return true;
  if (from.id() == TypeId::kList && to.id() == TypeId::kList) {
    return CastAllowed(from.element_type(), to.element_type(), context);
  }
  return false;
}

Result<DataType> CommonType(std::span<const DataType> input_types, const std::vector<bool>& unknown,
                            std::string_view what) {
  // PostgreSQL: if all inputs are unknown, resolve as text. Otherwise ignore unknown inputs,
  // require one category, and pick the first input of the preferred type, or the last input
  // type that every other input converts to implicitly.
  const DataType* chosen = nullptr;
  DataType widened;  // where a signed and an unsigned integer of one width meet
  for (size_t i = 0; i < input_types.size(); ++i) {
    if (unknown[i] || input_types[i].id() == TypeId::kNull) continue;
    const DataType& candidate = input_types[i];
    if (chosen == nullptr) {
      chosen = &candidate;
      continue;
    }
    if (candidate == *chosen) continue;
    if (CategoryOf(candidate) != CategoryOf(*chosen)) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    std::string(what) + " types " + PgTypeName(*chosen) + " and " +
                        PgTypeName(candidate) + " cannot be matched");
    }
    if (CastAllowed(*chosen, candidate, CastContext::kImplicit) &&
        !CastAllowed(candidate, *chosen, CastContext::kImplicit)) {
      chosen = &candidate;
    } else if (std::optional<DataType> both = SignedIntegerHolding(*chosen, candidate); both) {
      widened = std::move(*both);
      chosen = &widened;
    } else if (!CastAllowed(candidate, *chosen, CastContext::kImplicit)) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                    std::string(what) + " types " + PgTypeName(*chosen) + " and " +
                        PgTypeName(candidate) + " cannot be matched");
    }
  }
  if (chosen == nullptr) return DataType::String();
  // Decimals of different scales meet at the widest integer part and the largest scale.
  if (chosen->id() == TypeId::kDecimal) {
    int integer_digits = 0;
    int scale = 0;
    for (size_t i = 0; i < input_types.size(); ++i) {
      const DataType& type = input_types[i];
      if (unknown[i]) continue;
      if (type.id() == TypeId::kDecimal) {
        integer_digits = std::max(integer_digits, type.precision() - type.scale());
        scale = std::max(scale, static_cast<int>(type.scale()));
      } else if (IsNumeric(type)) {
        integer_digits = std::max(integer_digits, 19);  // an integer fits in 19 digits
      }
    }
    return DataType::Decimal(static_cast<uint8_t>(std::min(38, integer_digits + scale)),
                             static_cast<uint8_t>(scale));
  }
  return *chosen;
}

}  // namespace boyodb::sql
