// The templates of PostgreSQL's number formatting (to_char on numbers, to_number): the items
// a template is made of and what they add up to, with PostgreSQL's checks of which patterns
// may be combined (42601 errors).
// Thread safety: pure functions and plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace boyodb::functions {

enum class ItemKind : uint8_t {
  kDigit9,
  kDigit0,
  kDecimal,    // . and D
  kGroup,      // , and G
  kSign,       // S: the sign anchored to the number
  kPlus,       // PL
  kMinus,      // MI
  kPlusMinus,  // SG
  kBrackets,   // PR
  kCurrency,   // L
  kMultiply,   // V
  kExponent,   // EEEE
  kRoman,      // RN
  kOrdinal,    // TH
  kFillMode,   // FM
  kIgnored,    // B, C, SP: accepted and printed as nothing
  kLiteral,
};

struct Item {
  ItemKind kind;
  bool lower = false;  // rn, th
  std::string text;    // kLiteral
};

/// A parsed template and what its items add up to.
struct NumberTemplate {
  std::vector<Item> items;
  int pre = 0;       // digit positions before the decimal point (after V included)
  int post = 0;      // digit positions after it
  int multiply = 0;  // digits after V: the value is multiplied by 10^multiply
  bool has_decimal = false;
  bool has_multiply = false;
  bool fill_mode = false;
  bool exponent = false;
  bool roman = false;
  bool sign = false;        // S
  bool sign_after = false;  // S follows the number's digits
  bool plus = false;        // PL or SG
  bool minus = false;       // MI or SG
  bool brackets = false;    // PR
  int zero_start = -1;      // index among the integer positions of the first 0
  int last_post_zero = -1;  // index among the fraction positions of the last 0
  bool has_ordinal = false;
};

/// Parses a number template. 42601 for combinations PostgreSQL refuses (two decimal points, V
/// with a decimal point, S twice or with PL/MI/SG/PR, anything but digits and a decimal point
/// with EEEE, a pattern after EEEE).
Result<NumberTemplate> ParseNumberTemplate(std::string_view pattern);

}  // namespace boyodb::functions
