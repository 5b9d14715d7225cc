// PostgreSQL's system catalog information functions, which psql's \d commands and drivers
// call on the rows of pg_catalog: pg_get_userbyid, pg_table_is_visible, format_type,
// pg_get_expr, pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef, the size functions,
// pg_get_serial_sequence, the reg* casts (regclass('t') is 't'::regclass) and to_reg*, and
// the comment functions. OIDs are taken as BIGINT (an oid column is UINT32, which widens to
// it). Answers about catalog objects come from the statement's sql::CatalogLookup.
// Catalog objects BoyoDB does not have (comments, user-defined functions, rules, triggers,
// extended statistics) make their functions return NULL, as PostgreSQL does for an OID that
// names nothing.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <string>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"
#include "sql/function/catalog_lookup.h"
#include "types/pg_type_catalog.h"

namespace boyodb::functions {
namespace {

using types::DataType;

constexpr auto kStable = sql::Volatility::kStable;

Result<const sql::CatalogLookup*> Catalog(const sql::EvalContext& context) {
  if (context.catalog_lookup == nullptr) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "catalog functions need a session");
  }
  return context.catalog_lookup;
}

bool AnyNull(std::span<const columnar::ArrayPtr> args, int64_t row) {
  return std::any_of(args.begin(), args.end(),
                     [row](const columnar::ArrayPtr& arg) { return arg->IsNull(row); });
}

int64_t OidArg(const columnar::Array& array, int64_t row) { return array.values<int64_t>()[row]; }

// An OID argument outside 0..2^32-1 names nothing.
std::optional<uint32_t> AsOid(int64_t value) {
  if (value < 0 || value > static_cast<int64_t>(UINT32_MAX)) return std::nullopt;
  return static_cast<uint32_t>(value);
}

// A text result per row; `row` gives nullopt for NULL. NULL arguments give NULL.
template <typename Row>
Result<columnar::ArrayPtr> TextRows(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                    Row row) {
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (AnyNull(args, i)) {
      builder.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(std::optional<std::string> value, row(i));
    if (value) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

template <typename T, typename Row>
Result<columnar::ArrayPtr> FixedRows(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const DataType& type, Row row) {
  columnar::FixedWidthBuilder<T> builder(type);
  for (int64_t i = 0; i < num_rows; ++i) {
    if (AnyNull(args, i)) {
      builder.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(std::optional<T> value, row(i));
    if (value) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

template <typename Row>
Result<columnar::ArrayPtr> BoolRows(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                    Row row) {
  columnar::BooleanBuilder builder;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (AnyNull(args, i)) {
      builder.AppendNull();
      continue;
    }
    BOYO_ASSIGN_OR_RETURN(std::optional<bool> value, row(i));
    if (value) {
      builder.Append(*value);
    } else {
      builder.AppendNull();
    }
  }
  return builder.Finish();
}

// A name as regclass and its relatives read it: dot-separated identifiers, unquoted ones
// folded to lower case, "quoted" ones kept; 42602 for a malformed name.
Result<std::vector<std::string>> ParseObjectName(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  auto invalid = [&] {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidName,
                  "invalid name syntax: \"" + std::string(text) + "\"");
  };
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string part;
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return invalid();
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        part.push_back(text[i++]);
      }
      if (part.empty()) return invalid();
    } else {
      while (i < text.size() && text[i] != '.' &&
             !std::isspace(static_cast<unsigned char>(text[i]))) {
        part.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
      }
      if (part.empty()) return invalid();
    }
    parts.push_back(std::move(part));
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    if (text[i] != '.') return invalid();
    ++i;
  }
  return parts;
}

// The OID of relation `text` ([schema.]name, or database.schema.name as PostgreSQL allows a
// catalog prefix), or nullopt.
Result<std::optional<uint32_t>> FindRelationOid(const sql::CatalogLookup& catalog,
                                                std::string_view text) {
  BOYO_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseObjectName(text));
  if (parts.size() > 3) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidName,
                  "improper relation name (too many dotted names): " + std::string(text));
  }
  const std::string schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string();
  return catalog.RelationOid(schema, parts.back());
}

Status UndefinedRelation(std::string_view text) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                "relation \"" + std::string(text) + "\" does not exist");
}

// ---- Names of roles and relations ------------------------------------------------------------

Result<columnar::ArrayPtr> PgGetUserById(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                         const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
  return TextRows(args, num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    const int64_t value = OidArg(*args[0], i);
    const std::optional<uint32_t> oid = AsOid(value);
    std::optional<std::string> name;
    if (oid) {
      BOYO_ASSIGN_OR_RETURN(name, catalog->RoleName(*oid));
    }
    if (name) return name;
    return std::optional("unknown (OID=" + std::to_string(value) + ")");
  });
}

Result<columnar::ArrayPtr> PgTableIsVisible(std::span<const columnar::ArrayPtr> args,
                                            int64_t num_rows, const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
  return BoolRows(args, num_rows, [&](int64_t i) -> Result<std::optional<bool>> {
    const std::optional<uint32_t> oid = AsOid(OidArg(*args[0], i));
    if (!oid) return std::optional<bool>();
    return catalog->RelationVisible(*oid);
  });
}

// Every type is in pg_catalog, which is always searched.
Result<columnar::ArrayPtr> PgTypeIsVisible(std::span<const columnar::ArrayPtr> args,
                                           int64_t num_rows, const sql::EvalContext&) {
  return BoolRows(args, num_rows, [&](int64_t i) -> Result<std::optional<bool>> {
    const std::optional<uint32_t> oid = AsOid(OidArg(*args[0], i));
    if (!oid || types::FindPgType(*oid) == nullptr) return std::optional<bool>();
    return std::optional(true);
  });
}

// ---- Types --------------------------------------------------------------------------------------

// format_type(type, typmod): a NULL typmod means none.
Result<columnar::ArrayPtr> FormatType(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                      const sql::EvalContext&) {
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (args[0]->IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    const std::optional<uint32_t> oid = AsOid(OidArg(*args[0], i));
    const int32_t typmod = args[1]->IsNull(i) ? -1 : args[1]->values<int32_t>()[i];
    builder.Append(oid ? types::FormatPgType(*oid, typmod) : std::string("???"));
  }
  return builder.Finish();
}

Result<columnar::ArrayPtr> PgEncodingToChar(std::span<const columnar::ArrayPtr> args,
                                            int64_t num_rows, const sql::EvalContext&) {
  return TextRows(args, num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    // PostgreSQL's encoding numbers; every BoyoDB database is UTF8 (6).
    switch (args[0]->values<int32_t>()[i]) {
      case 0:
        return std::optional<std::string>("SQL_ASCII");
      case 6:
        return std::optional<std::string>("UTF8");
      default:
        return std::optional<std::string>("");
    }
  });
}

// ---- Definitions ------------------------------------------------------------------------------

// pg_get_expr(expression, relation [, pretty]): expressions are kept as SQL text already.
Result<columnar::ArrayPtr> PgGetExpr(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                     const sql::EvalContext&) {
  return TextRows(args.first(1), num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    return std::optional(std::string(args[0]->GetView(i)));
  });
}

sql::ScalarKernel DefinitionKernel(sql::DefinitionKind kind) {
  return [kind](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
    return TextRows(args.first(1), num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
      const std::optional<uint32_t> oid = AsOid(OidArg(*args[0], i));
      if (!oid) return std::optional<std::string>();
      return catalog->Definition(kind, *oid);
    });
  };
}

// pg_get_indexdef(index, column, pretty): column 0 is the whole CREATE INDEX.
Result<columnar::ArrayPtr> PgGetIndexdefColumn(std::span<const columnar::ArrayPtr> args,
                                               int64_t num_rows, const sql::EvalContext& context) {
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!args[1]->IsNull(i) && args[1]->values<int32_t>()[i] != 0) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "pg_get_indexdef of one index column is not supported");
    }
  }
  return DefinitionKernel(sql::DefinitionKind::kIndex)(args.first(1), num_rows, context);
}

// pg_get_viewdef('name' [, pretty]).
Result<columnar::ArrayPtr> PgGetViewdefByName(std::span<const columnar::ArrayPtr> args,
                                              int64_t num_rows, const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
  return TextRows(args.first(1), num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    const std::string_view name = args[0]->GetView(i);
    BOYO_ASSIGN_OR_RETURN(std::optional<uint32_t> oid, FindRelationOid(*catalog, name));
    if (!oid) return UndefinedRelation(name);
    return catalog->Definition(sql::DefinitionKind::kView, *oid);
  });
}

// Functions over objects BoyoDB has none of: NULL for every OID.
Result<columnar::ArrayPtr> NoSuchObject(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                        const sql::EvalContext&) {
  return MakeNullArray(DataType::String(), num_rows);
}

Result<columnar::ArrayPtr> NoSuchObjectFlag(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                            const sql::EvalContext&) {
  return MakeNullArray(DataType::Boolean(), num_rows);
}

Result<columnar::ArrayPtr> NotPublishable(std::span<const columnar::ArrayPtr> args,
                                          int64_t num_rows, const sql::EvalContext&) {
  // BoyoDB has no logical replication, so no relation can be published.
  return BoolRows(args, num_rows,
                  [](int64_t) -> Result<std::optional<bool>> { return std::optional(false); });
}

// ---- Sizes --------------------------------------------------------------------------------------

Result<columnar::ArrayPtr> RelationSize(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                        const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
  return FixedRows<int64_t>(args.first(1), num_rows, DataType::Int64(),
                            [&](int64_t i) -> Result<std::optional<int64_t>> {
                              const std::optional<uint32_t> oid = AsOid(OidArg(*args[0], i));
                              if (!oid) return std::optional<int64_t>();
                              return catalog->RelationSize(*oid);
                            });
}

// pg_size_pretty(bytes), with PostgreSQL 15's units and rounding: bytes below 10 kB, then
// each unit while the value stays below 20480 of it, halves rounded away from zero.
std::string PrettySize(int64_t size) {
  constexpr int64_t kLimit = 10 * 1024;
  constexpr int64_t kLimit2 = kLimit * 2 - 1;
  auto half_rounded = [](int64_t x) { return (x + (x < 0 ? -1 : 1)) / 2; };
  if (std::abs(size) < kLimit) return std::to_string(size) + " bytes";
  size >>= 9;  // one extra bit for rounding
  for (const char* unit : {"kB", "MB", "GB", "TB"}) {
    if (std::abs(size) < kLimit2) return std::to_string(half_rounded(size)) + " " + unit;
    size >>= 10;
  }
  return std::to_string(half_rounded(size)) + " PB";
}

Result<columnar::ArrayPtr> PgSizePretty(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                        const sql::EvalContext&) {
  return TextRows(args, num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    return std::optional(PrettySize(args[0]->values<int64_t>()[i]));
  });
}

// ---- Names to OIDs ------------------------------------------------------------------------------

// What one reg* type reads from text: the OID, nullopt when nothing has that name.
using NameToOid =
    std::function<Result<std::optional<uint32_t>>(const sql::CatalogLookup*, std::string_view)>;

// regclass('t') and to_regclass('t'): `strict` makes an unknown name `missing`'s error.
sql::ScalarKernel NameLookupKernel(NameToOid lookup, bool needs_catalog, bool strict,
                                   std::function<Status(std::string_view)> missing) {
  return [=](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
             const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    const sql::CatalogLookup* catalog = nullptr;
    if (needs_catalog) {
      BOYO_ASSIGN_OR_RETURN(catalog, Catalog(context));
    }
    return FixedRows<uint32_t>(
        args, num_rows, DataType::UInt32(), [&](int64_t i) -> Result<std::optional<uint32_t>> {
          const std::string_view text = args[0]->GetView(i);
          BOYO_ASSIGN_OR_RETURN(std::optional<uint32_t> oid, lookup(catalog, text));
          if (!oid && strict) return missing(text);
          return oid;
        });
  };
}

// regclass(123): an OID is already one.
Result<columnar::ArrayPtr> OidIdentity(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                       const sql::EvalContext&) {
  return FixedRows<uint32_t>(
      args, num_rows, DataType::UInt32(), [&](int64_t i) -> Result<std::optional<uint32_t>> {
        const int64_t value = OidArg(*args[0], i);
        const std::optional<uint32_t> oid = AsOid(value);
        if (!oid) {
          return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                        "OID out of range: " + std::to_string(value));
        }
        return oid;
      });
}

Result<std::optional<uint32_t>> RelationByName(const sql::CatalogLookup* catalog,
                                               std::string_view text) {
  return FindRelationOid(*catalog, text);
}

Result<std::optional<uint32_t>> TypeByName(const sql::CatalogLookup*, std::string_view text) {
  return types::PgTypeOidForName(text);
}

Result<std::optional<uint32_t>> NamespaceByName(const sql::CatalogLookup* catalog,
                                                std::string_view text) {
  BOYO_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseObjectName(text));
  if (parts.size() != 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidName,
                  "invalid name syntax: \"" + std::string(text) + "\"");
  }
  return catalog->NamespaceOid(parts[0]);
}

Result<std::optional<uint32_t>> RoleByName(const sql::CatalogLookup* catalog,
                                           std::string_view text) {
  BOYO_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseObjectName(text));
  if (parts.size() != 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidName,
                  "invalid name syntax: \"" + std::string(text) + "\"");
  }
  return catalog->RoleOid(parts[0]);
}

// No user-defined functions exist, and built-ins have no OIDs here.
Result<std::optional<uint32_t>> FunctionByName(const sql::CatalogLookup*, std::string_view) {
  return std::optional<uint32_t>();
}

// pg_get_serial_sequence('table', 'column').
Result<columnar::ArrayPtr> PgGetSerialSequence(std::span<const columnar::ArrayPtr> args,
                                               int64_t num_rows, const sql::EvalContext& context) {
  BOYO_ASSIGN_OR_RETURN(const sql::CatalogLookup* catalog, Catalog(context));
  return TextRows(args, num_rows, [&](int64_t i) -> Result<std::optional<std::string>> {
    const std::string_view table = args[0]->GetView(i);
    BOYO_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseObjectName(table));
    BOYO_ASSIGN_OR_RETURN(std::optional<uint32_t> oid, FindRelationOid(*catalog, table));
    if (!oid) return UndefinedRelation(table);
    // The column is an identifier as written, without folding (PostgreSQL's rule).
    const std::string schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string();
    return catalog->SerialSequence(schema, parts.back(), args[1]->GetView(i));
  });
}

}  // namespace

void RegisterCatalogFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType oid = DataType::Int64();
  const DataType int4 = DataType::Int32();
  const DataType boolean = DataType::Boolean();
  const DataType bigint = DataType::Int64();

  registry.AddScalar({"pg_get_userbyid", {Overload({oid}, text, PgGetUserById, kStable)}});
  registry.AddScalar(
      {"pg_table_is_visible", {Overload({oid}, boolean, PgTableIsVisible, kStable)}});
  registry.AddScalar({"pg_type_is_visible", {Overload({oid}, boolean, PgTypeIsVisible)}});
  registry.AddScalar({"format_type", {Overload({oid, int4}, text, FormatType)}});
  registry.AddScalar({"pg_encoding_to_char", {Overload({int4}, text, PgEncodingToChar)}});
  registry.AddScalar(
      {"pg_get_expr",
       {Overload({text, oid}, text, PgGetExpr), Overload({text, oid, boolean}, text, PgGetExpr)}});

  const sql::ScalarKernel indexdef = DefinitionKernel(sql::DefinitionKind::kIndex);
  registry.AddScalar({"pg_get_indexdef",
                      {Overload({oid}, text, indexdef, kStable),
                       Overload({oid, int4, boolean}, text, PgGetIndexdefColumn, kStable)}});
  const sql::ScalarKernel constraintdef = DefinitionKernel(sql::DefinitionKind::kConstraint);
  registry.AddScalar({"pg_get_constraintdef",
                      {Overload({oid}, text, constraintdef, kStable),
                       Overload({oid, boolean}, text, constraintdef, kStable)}});
  const sql::ScalarKernel viewdef = DefinitionKernel(sql::DefinitionKind::kView);
  registry.AddScalar(
      {"pg_get_viewdef",
       {Overload({oid}, text, viewdef, kStable), Overload({oid, boolean}, text, viewdef, kStable),
        Overload({text}, text, PgGetViewdefByName, kStable),
        Overload({text, boolean}, text, PgGetViewdefByName, kStable)}});

  // Objects BoyoDB has none of: comments, functions, rules, triggers, statistics objects.
  registry.AddScalar({"obj_description",
                      {Overload({oid}, text, NoSuchObject, kStable),
                       Overload({oid, text}, text, NoSuchObject, kStable)}});
  registry.AddScalar({"col_description", {Overload({oid, int4}, text, NoSuchObject, kStable)}});
  registry.AddScalar({"shobj_description", {Overload({oid, text}, text, NoSuchObject, kStable)}});
  for (const char* name :
       {"pg_get_function_result", "pg_get_function_arguments", "pg_get_function_identity_arguments",
        "pg_get_statisticsobjdef_columns", "pg_get_ruledef", "pg_get_triggerdef"}) {
    registry.AddScalar({name,
                        {Overload({oid}, text, NoSuchObject, kStable),
                         Overload({oid, boolean}, text, NoSuchObject, kStable)}});
  }
  registry.AddScalar({"pg_function_is_visible", {Overload({oid}, boolean, NoSuchObjectFlag)}});
  registry.AddScalar(
      {"pg_relation_is_publishable", {Overload({oid}, boolean, NotPublishable, kStable)}});

  for (const char* name : {"pg_relation_size", "pg_table_size", "pg_total_relation_size"}) {
    registry.AddScalar({name, {Overload({oid}, bigint, RelationSize, kStable)}});
  }
  registry.AddScalar({"pg_size_pretty", {Overload({bigint}, text, PgSizePretty)}});
  registry.AddScalar(
      {"pg_get_serial_sequence", {Overload({text, text}, text, PgGetSerialSequence, kStable)}});

  // The reg* types: regclass('t') is what 't'::regclass binds to (expression_binder.cc).
  struct RegType {
    const char* name;
    NameToOid lookup;
    bool needs_catalog;
    std::function<Status(std::string_view)> missing;
  };
  const std::vector<RegType> reg_types = {
      {"regclass", RelationByName, true, UndefinedRelation},
      {"regtype", TypeByName, false,
       [](std::string_view name) {
         return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                       "type \"" + std::string(name) + "\" does not exist");
       }},
      {"regnamespace", NamespaceByName, true,
       [](std::string_view name) {
         return Status(StatusCode::kNotFound, sqlstate::kInvalidSchemaName,
                       "schema \"" + std::string(name) + "\" does not exist");
       }},
      {"regrole", RoleByName, true,
       [](std::string_view name) {
         return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                       "role \"" + std::string(name) + "\" does not exist");
       }},
      {"regproc", FunctionByName, false,
       [](std::string_view name) {
         return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                       "function \"" + std::string(name) + "\" does not exist");
       }},
      {"regprocedure", FunctionByName, false,
       [](std::string_view name) {
         return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                       "function \"" + std::string(name) + "\" does not exist");
       }},
  };
  for (const RegType& reg : reg_types) {
    registry.AddScalar(
        {reg.name,
         {Overload({text}, DataType::UInt32(),
                   NameLookupKernel(reg.lookup, reg.needs_catalog, true, reg.missing), kStable),
          Overload({oid}, DataType::UInt32(), OidIdentity)}});
    registry.AddScalar(
        {std::string("to_") + reg.name,
         {Overload({text}, DataType::UInt32(),
                   NameLookupKernel(reg.lookup, reg.needs_catalog, false, reg.missing), kStable)}});
  }
}

}  // namespace boyodb::functions
