#include "types/character_length.h"

#include <charconv>

namespace boyodb::types {
namespace {

constexpr std::string_view kVaryingPrefix = "character varying(";
constexpr std::string_view kPaddedPrefix = "character(";

}  // namespace

std::string CharacterLength::TypeName() const {
  return std::string(fixed ? kPaddedPrefix : kVaryingPrefix) + std::to_string(length) + ")";
}

std::optional<CharacterLength> CharacterLength::FromTypeName(std::string_view name) {
  CharacterLength limit;
  if (name.starts_with(kVaryingPrefix)) {
    name.remove_prefix(kVaryingPrefix.size());
  } else if (name.starts_with(kPaddedPrefix)) {
    name.remove_prefix(kPaddedPrefix.size());
    limit.fixed = true;
  } else {
    return std::nullopt;
  }
  if (!name.ends_with(")")) return std::nullopt;
  name.remove_suffix(1);
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), limit.length);
  if (error != std::errc() || end != name.data() + name.size() || limit.length < 1) {
    return std::nullopt;
  }
  return limit;
}

}  // namespace boyodb::types
