#include "sql/binder/character_types.h"

#include "common/sqlstate.h"

namespace boyodb::sql {
namespace {

// PostgreSQL's MaxAttrSize in characters.
constexpr int64_t kMaxCharacterLength = 10'485'760;

}  // namespace

Result<std::optional<types::CharacterLength>> DeclaredCharacterLength(const ast::TypeName& name) {
  if (name.modifiers.empty() || name.array_dimensions > 0) return std::nullopt;
  types::CharacterLength limit;
  const std::string& base = name.name;
  if (base == "varchar" || base == "character varying") {
    limit.fixed = false;
  } else if (base == "bpchar" || base == "char" || base == "character") {
    limit.fixed = true;
  } else {
    return std::nullopt;
  }
  const char* spelled = limit.fixed ? "char" : "varchar";
  const int64_t length = name.modifiers.front();
  if (length < 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  std::string("length for type ") + spelled + " must be at least 1")
        .WithPosition(name.position);
  }
  if (length > kMaxCharacterLength) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  std::string("length for type ") + spelled + " cannot exceed " +
                      std::to_string(kMaxCharacterLength))
        .WithPosition(name.position);
  }
  limit.length = static_cast<int32_t>(length);
  return limit;
}

Result<BoundExprPtr> FitCharacterLength(const FunctionResolver& resolver, BoundExprPtr expr,
                                        types::CharacterLength limit, bool explicit_cast,
                                        int32_t position) {
  const std::string name = limit.fixed ? "bpchar" : "varchar";
  std::vector<BoundExprPtr> args = {std::move(expr),
                                    MakeConstant(types::Value::Int32(limit.length)),
                                    MakeConstant(types::Value::Boolean(explicit_cast))};
  BOYO_ASSIGN_OR_RETURN(ResolvedCall call,
                        resolver.ResolveScalar(name, std::move(args), false, position));
  return MakeScalarCall(name, std::move(call));
}

Result<BoundExprPtr> FitToColumn(const FunctionResolver& resolver, const TableDescription& table,
                                 const std::string& column, BoundExprPtr expr, int32_t position) {
  const auto declared = table.declared_types.find(column);
  if (declared == table.declared_types.end()) return expr;
  const std::optional<types::CharacterLength> limit =
      types::CharacterLength::FromTypeName(declared->second);
  if (!limit) return expr;
  return FitCharacterLength(resolver, std::move(expr), *limit, /*explicit_cast=*/false, position);
}

}  // namespace boyodb::sql
