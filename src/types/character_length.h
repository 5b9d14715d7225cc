// The length limit of CHARACTER VARYING(n) and CHARACTER(n). BoyoDB stores both as TEXT; the
// limit is kept with the column (TableEntry::declared_types, as the type's name) and applied
// where a value is stored or cast (functions/string/character_length.h).
// Thread safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boyodb::types {

struct CharacterLength {
  /// CHARACTER(n). PostgreSQL pads its values with spaces to n and then ignores trailing
  /// spaces in comparisons, concatenation and length(); BoyoDB keeps the values without
  /// them, so every operation agrees with PostgreSQL and only the printed value lacks the
  /// padding.
  bool fixed = false;
  int32_t length = 0;  // in characters, at least 1

  /// The type as PostgreSQL names it: "character varying(20)", "character(3)".
  std::string TypeName() const;
  /// Reads TypeName()'s text back; nullopt for anything else.
  static std::optional<CharacterLength> FromTypeName(std::string_view name);
};

}  // namespace boyodb::types
