// The names of CHARACTER VARYING(n) and CHARACTER(n) as the catalog keeps them.
#include "types/character_length.h"

#include <gtest/gtest.h>

namespace boyodb::types {
namespace {

TEST(CharacterLengthTest, NamesReadBack) {
  EXPECT_EQ((CharacterLength{false, 20}).TypeName(), "character varying(20)");
  EXPECT_EQ((CharacterLength{true, 3}).TypeName(), "character(3)");
  for (const CharacterLength limit : {CharacterLength{false, 1}, CharacterLength{true, 10485760}}) {
    const std::optional<CharacterLength> read = CharacterLength::FromTypeName(limit.TypeName());
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->fixed, limit.fixed);
    EXPECT_EQ(read->length, limit.length);
  }
}

TEST(CharacterLengthTest, OtherTextIsNotALength) {
  for (const char* text :
       {"", "text", "character varying", "character varying()", "character varying(0)",
        "character(-1)", "character(3", "character(3)x", "character(99999999999)", "varchar(3)"}) {
    EXPECT_FALSE(CharacterLength::FromTypeName(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace boyodb::types
