// to_char(numeric | integer | bigint | double precision | real, template): PostgreSQL's number
// templates 9, 0, . and D, , and G, S, PL, MI, SG, PR, L, V, EEEE, RN, TH, FM, quoted and other
// literal text, and the '#' fill when the value has more integer digits than the template.
// The session's locale is C, so D is '.', G is ',' and L is a space, as PostgreSQL prints them.
// Also to_number(text, template), which reads a number back by the same kind of template.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"
#include "functions/string/number_template_internal.h"
#include "functions/string/ordinal_suffix.h"
#include "types/value.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::Int128;
using SV = std::string_view;

constexpr int kRomanWidth = 15;
constexpr int kDoubleDigits = 15;  // DBL_DIG: the significant digits a double keeps
constexpr int kFloatDigits = 6;    // FLT_DIG
constexpr int kMaxDigits = 38;     // of a DECIMAL

// --- The value as text ---------------------------------------------------------------------

// A value ready for the template: its sign and either the digits "123.45" (exactly `post`
// fraction digits, no leading zeros but a single "0"), or the mantissa and exponent of EEEE,
// or a roman numeral's integer.
struct NumberText {
  bool negative = false;
  std::string digits;
  std::string exponent;  // "e+04" for EEEE
  bool not_finite = false;
  int64_t roman = 0;
  int post = -1;  // fraction digits a float keeps, when fewer than the template's
};

// Adds one unit in the last place of the decimal digits in `digits` (no sign, may hold '.').
void Increment(std::string* digits) {
  for (size_t i = digits->size(); i-- > 0;) {
    char& c = (*digits)[i];
    if (c == '.') continue;
    if (c != '9') {
      ++c;
      return;
    }
    c = '0';
  }
  digits->insert(digits->begin(), '1');
}

// "123.456" (no sign) moved `shift` places left and rounded half away from zero to `post`
// fraction digits.
std::string RoundDecimal(SV text, int shift, int post) {
  const size_t point = text.find('.');
  std::string integer(text.substr(0, point));
  std::string fraction(point == SV::npos ? SV() : text.substr(point + 1));
  for (int i = 0; i < shift; ++i) {
    integer.push_back(fraction.empty() ? '0' : fraction.front());
    if (!fraction.empty()) fraction.erase(fraction.begin());
  }
  bool round_up = false;
  if (static_cast<int>(fraction.size()) > post) {
    round_up = fraction[static_cast<size_t>(post)] >= '5';
    fraction.resize(static_cast<size_t>(post));
  } else {
    fraction.append(static_cast<size_t>(post) - fraction.size(), '0');
  }
  std::string out = integer + (post > 0 ? "." + fraction : "");
  if (round_up) Increment(&out);
  const size_t first = out.find_first_not_of('0');
  if (first == std::string::npos || out[first] == '.') {
    out.erase(0, first == std::string::npos ? out.size() - 1 : first);
    if (out.empty() || out.front() == '.') out.insert(out.begin(), '0');
  } else {
    out.erase(0, first);
  }
  return out;
}

bool IsZero(SV digits) { return digits.find_first_not_of("0.") == SV::npos; }

std::string ExponentText(int64_t exponent) {
  std::string digits = std::to_string(exponent < 0 ? -exponent : exponent);
  if (digits.size() < 2) digits.insert(digits.begin(), '0');
  return std::string("e") + (exponent < 0 ? "-" : "+") + digits;
}

// EEEE of an exact decimal "123.456": d.ddd with `post` digits, half away from zero.
void ScientificDecimal(SV text, int post, NumberText* out) {
  std::string significant;
  int64_t exponent = 0;
  const size_t point = text.find('.');
  const int64_t integer_digits = static_cast<int64_t>(point == SV::npos ? text.size() : point);
  bool seen = false;
  int64_t index = 0;
  for (const char c : text) {
    if (c == '.') continue;
    if (!seen && c != '0') {
      seen = true;
      exponent = integer_digits - index - 1;
    }
    if (seen) significant.push_back(c);
    ++index;
  }
  if (!seen) {
    out->digits = post > 0 ? "0." + std::string(static_cast<size_t>(post), '0') : "0";
    out->exponent = ExponentText(0);
    return;
  }
  std::string mantissa = significant.substr(0, 1) + "." + significant.substr(1);
  // PostgreSQL keeps the exponent when rounding carries: 9.996 shows as 10.00e+00.
  out->digits = RoundDecimal(mantissa, 0, post);
  out->exponent = ExponentText(exponent);
}

// EEEE of a double through printf, as PostgreSQL formats float and integer values.
void ScientificDouble(double value, int post, NumberText* out) {
  if (std::isnan(value) || std::isinf(value)) {
    out->not_finite = true;
    return;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%+.*e", post, value);
  const SV text(buffer);
  out->negative = text[0] == '-';
  const size_t e = text.find('e');
  out->digits = std::string(text.substr(1, e - 1));
  out->exponent = std::string(text.substr(e));
}

NumberText FromDecimal(Int128 unscaled, int scale, const NumberTemplate& t) {
  NumberText out;
  std::string text = types::DecimalToString(unscaled, scale);
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  if (t.roman) {
    const std::string rounded = RoundDecimal(text, 0, 0);
    out.roman = rounded.size() > 5 ? 0 : std::stoll(rounded) * (negative ? -1 : 1);
    return out;
  }
  if (t.exponent) {
    ScientificDecimal(text, t.post, &out);
  } else {
    out.digits = RoundDecimal(text, t.multiply, t.post);
  }
  out.negative = negative && !IsZero(out.digits);
  return out;
}

NumberText FromInteger(int64_t value, const NumberTemplate& t) {
  if (t.exponent) {
    NumberText out;
    ScientificDouble(static_cast<double>(value), t.post, &out);
    return out;
  }
  return FromDecimal(value, 0, t);
}

NumberText FromDouble(double value, int significant_digits, const NumberTemplate& t) {
  NumberText out;
  if (t.roman) {
    out.roman = std::isfinite(value) ? static_cast<int64_t>(std::rint(value)) : 0;
    return out;
  }
  if (t.exponent) {
    ScientificDouble(value, t.post, &out);
    return out;
  }
  if (std::isnan(value)) {
    out.digits = "NaN";
    return out;
  }
  if (std::isinf(value)) {
    out.not_finite = true;
    out.negative = value < 0;
    return out;
  }
  if (t.multiply > 0) value *= std::pow(10.0, t.multiply);
  // Only the digits the type keeps: the fraction shrinks as the integer part grows.
  char buffer[400];
  std::snprintf(buffer, sizeof(buffer), "%.0f", std::fabs(value));
  const int integer_digits = static_cast<int>(SV(buffer).size());
  int post = t.post;
  if (integer_digits >= significant_digits) {
    post = 0;
  } else if (integer_digits + post > significant_digits) {
    post = significant_digits - integer_digits;
  }
  if (post != t.post) out.post = post;
  std::snprintf(buffer, sizeof(buffer), "%.*f", post, value);
  SV text(buffer);
  out.negative = text[0] == '-';
  if (out.negative) text.remove_prefix(1);
  out.digits = std::string(text);
  return out;
}

// --- Writing the template --------------------------------------------------------------------

std::string Roman(int64_t value, bool lower) {
  static constexpr struct {
    int value;
    const char* text;
  } kNumerals[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
                   {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
                   {5, "V"},    {4, "IV"},   {1, "I"}};
  std::string out;
  for (const auto& numeral : kNumerals) {
    while (value >= numeral.value) {
      out += numeral.text;
      value -= numeral.value;
    }
  }
  if (lower) {
    for (char& c : out) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void FormatRoman(const NumberTemplate& t, const NumberText& number, std::string* out) {
  for (const Item& item : t.items) {
    if (item.kind == ItemKind::kLiteral) {
      out->append(item.text);
    } else if (item.kind == ItemKind::kRoman) {
      if (number.roman < 1 || number.roman > 3999) {
        out->append(kRomanWidth, '#');
        continue;
      }
      const std::string text = Roman(number.roman, item.lower);
      if (!t.fill_mode) out->append(kRomanWidth - text.size(), ' ');
      out->append(text);
    }
  }
}

void FormatScientific(const NumberTemplate& t, const NumberText& number, std::string* out) {
  bool written = false;
  for (const Item& item : t.items) {
    if (item.kind == ItemKind::kLiteral) {
      out->append(item.text);
      continue;
    }
    if (written || (item.kind != ItemKind::kDigit9 && item.kind != ItemKind::kDigit0 &&
                    item.kind != ItemKind::kDecimal)) {
      continue;
    }
    written = true;
    out->push_back(number.negative ? '-' : ' ');
    if (number.not_finite) {
      out->append("#." + std::string(static_cast<size_t>(t.post), '#') + "####");
    } else {
      out->append(number.digits);
      out->append(number.exponent);
    }
  }
}

// The positional template: digits right-aligned on the decimal point, the sign next to the
// first digit written (or where S, MI, PL, SG or PR put it), group separators only between
// digits, and FM dropping padding and trailing fraction zeros of 9 positions.
void FormatPositional(const NumberTemplate& t, NumberText number, std::string* out) {
  const bool fill = t.fill_mode;
  std::string& digits = number.digits;
  const size_t point = digits.find('.');
  const int integer_length = static_cast<int>(point == std::string::npos ? digits.size() : point);
  if (number.not_finite || integer_length > t.pre) {
    digits = std::string(static_cast<size_t>(t.pre), '#') + "." +
             std::string(static_cast<size_t>(t.post), '#');
  }
  const bool overflow = digits[0] == '#';
  const int pad = std::max(0, t.pre - integer_length);  // blank integer positions
  const bool has_zero = t.zero_start >= 0;
  // FM: the last fraction digit worth writing (a '.' when none is), never before a 0 position.
  int last_relevant = -1;
  if (fill && digits.find('.') != std::string::npos && !overflow) {
    const size_t dot = digits.find('.');
    last_relevant = static_cast<int>(dot);
    for (size_t i = dot + 1; i < digits.size(); ++i) {
      if (digits[i] != '0') last_relevant = static_cast<int>(i);
    }
    if (t.last_post_zero >= 0) {
      last_relevant =
          std::max(last_relevant, std::min(static_cast<int>(digits.size()) - 1,
                                           static_cast<int>(dot) + 1 + t.last_post_zero));
    }
  }
  const bool last_is_point =
      last_relevant >= 0 && digits[static_cast<size_t>(last_relevant)] == '.';
  // A lone integer 0 before a fraction prints as a blank, unless a 0 position asks for zeros.
  const bool blank_leading_zero = !has_zero && digits[0] == '0' && t.post != 0;
  const bool negative = number.negative;
  const int num_positions = t.pre + t.post + (t.has_decimal ? 1 : 0);
  bool sign_written = false;
  bool started = false;  // a digit has been written: group separators show from here on
  auto write_sign = [&] {
    sign_written = true;
    if (t.sign) {
      if (!t.sign_after) out->push_back(negative ? '-' : '+');
    } else if (!t.minus) {
      // No S, MI or SG: the sign takes the position just before the number.
      if (negative) {
        out->push_back(t.brackets ? '<' : '-');
      } else if (!fill) {
        out->push_back(' ');
      }
    }
  };
  int position = 0;  // among the digit and decimal point positions
  size_t next = 0;   // the next character of `digits`
  for (const Item& item : t.items) {
    switch (item.kind) {
      case ItemKind::kDigit9:
      case ItemKind::kDigit0:
      case ItemKind::kDecimal: {
        const bool is_point = item.kind == ItemKind::kDecimal;
        if (!is_point && position < pad && (!has_zero || position < t.zero_start)) {
          if (!fill) out->push_back(' ');
        } else if (!is_point && position < pad) {
          if (!sign_written) write_sign();
          out->push_back('0');
          started = true;
        } else {
          const bool leading_zero = blank_leading_zero && next == 0;
          if (!sign_written && (!leading_zero || last_is_point)) write_sign();
          if (next < digits.size()) {
            const char c = digits[next];
            if (c == '.') {
              out->push_back('.');
            } else if (last_relevant >= 0 && static_cast<int>(next) > last_relevant &&
                       item.kind != ItemKind::kDigit0) {
              // FM: a trailing fraction zero of a 9 position is dropped.
            } else if (leading_zero) {
              if (!fill) {
                out->push_back(' ');
              } else if (last_is_point) {
                out->push_back('0');
              }
            } else {
              out->push_back(c);
            }
            ++next;
            started = true;
          }
        }
        if (t.sign && t.sign_after && position == num_positions - 1) {
          out->push_back(negative ? '-' : '+');
        }
        ++position;
        break;
      }
      case ItemKind::kGroup:
        if (started) {
          out->push_back(',');
        } else if (!fill) {
          out->push_back(' ');
        }
        break;
      case ItemKind::kPlus:
        if (!negative) {
          out->push_back('+');
        } else if (!fill) {
          out->push_back(' ');
        }
        break;
      case ItemKind::kMinus:
        if (negative) {
          out->push_back('-');
        } else if (!fill) {
          out->push_back(' ');
        }
        break;
      case ItemKind::kPlusMinus:
        out->push_back(negative ? '-' : '+');
        break;
      case ItemKind::kBrackets:
        if (negative) {
          out->push_back('>');
        } else if (!fill) {
          out->push_back(' ');
        }
        break;
      case ItemKind::kCurrency:
        out->push_back(' ');  // the C locale has no currency symbol
        break;
      case ItemKind::kOrdinal:
        if (!negative && !t.has_decimal && !overflow && digits != "NaN") {
          out->append(OrdinalSuffix(digits, item.lower));
        }
        break;
      case ItemKind::kLiteral:
        out->append(item.text);
        break;
      default:
        break;
    }
  }
}

Status FormatNumber(const NumberTemplate& t, const NumberText& number, std::string* out) {
  if (t.roman) {
    FormatRoman(t, number, out);
  } else if (t.exponent) {
    FormatScientific(t, number, out);
  } else if (number.post >= 0) {
    // A float's fraction shrank to the digits it keeps: so do the template's positions.
    NumberTemplate narrowed = t;
    narrowed.post = number.post;
    FormatPositional(narrowed, number, out);
  } else {
    FormatPositional(t, number, out);
  }
  return Status::OK();
}

// A kernel formatting each row's value, read as `In`, with its own template.
template <typename In, typename ToText>
sql::ScalarKernel NumberKernel(ToText to_text) {
  return [to_text](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                   const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    const int scale = args[0]->type().scale();
    return MapRows<StringResult, In, SV>(
        args, num_rows, DataType::String(), [&](In value, SV pattern, std::string* out) -> Status {
          BOYO_ASSIGN_OR_RETURN(const NumberTemplate t, ParseNumberTemplate(pattern));
          return FormatNumber(t, to_text(value, scale, t), out);
        });
  };
}

// --- to_number ---------------------------------------------------------------------------

constexpr int kNumberScale = 16;  // the scale to_number computes at (PostgreSQL's division scale)

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `text` by the template: digits into the 9 and 0 positions (blanks skipped), the decimal
// point at . or D, separators skipped where the template has them, a sign where S, MI, PL, SG
// or PR put it or, without those, before the first digit. Extra input is ignored.
Status ParseNumber(SV text, const NumberTemplate& t, Int128* out) {
  if (t.exponent) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "\"EEEE\" not supported for input");
  }
  if (t.roman) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "\"RN\" not supported for input");
  }
  std::string integer;
  std::string fraction;
  bool negative = false;
  bool in_fraction = false;
  bool any_digit = false;
  size_t pos = 0;
  auto read_sign = [&] {
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
      negative = text[pos] == '-';
      ++pos;
    }
  };
  const bool implicit_sign = !t.sign && !t.plus && !t.minus;
  if (t.brackets && pos < text.size() && text[pos] == '<') {
    negative = true;
    ++pos;
  }
  for (const Item& item : t.items) {
    switch (item.kind) {
      case ItemKind::kDigit9:
      case ItemKind::kDigit0:
        while (pos < text.size() && text[pos] == ' ') ++pos;
        if (implicit_sign && !any_digit && !in_fraction) {
          read_sign();
          while (pos < text.size() && text[pos] == ' ') ++pos;
        }
        if (pos < text.size() && IsDigit(text[pos])) {
          (in_fraction ? fraction : integer).push_back(text[pos++]);
          any_digit = true;
        }
        break;
      case ItemKind::kDecimal:
        in_fraction = true;
        if (pos < text.size() && text[pos] == '.') ++pos;
        break;
      case ItemKind::kGroup:
        if (pos < text.size() && text[pos] == ',') ++pos;
        break;
      case ItemKind::kSign:
      case ItemKind::kPlus:
      case ItemKind::kPlusMinus:
        while (pos < text.size() && text[pos] == ' ') ++pos;
        read_sign();
        break;
      case ItemKind::kMinus:
        if (pos < text.size() && text[pos] == '-') {
          negative = true;
          ++pos;
        }
        break;
      case ItemKind::kCurrency:
        while (pos < text.size() && text[pos] == ' ') ++pos;
        if (pos < text.size() && !IsDigit(text[pos]) && text[pos] != '-' && text[pos] != '.') {
          ++pos;
        }
        break;
      case ItemKind::kOrdinal:
        for (int i = 0;
             i < 2 && pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]));
             ++i) {
          ++pos;
        }
        break;
      case ItemKind::kLiteral:
        pos = std::min(text.size(), pos + item.text.size());
        break;
      default:
        break;
    }
  }
  if (!any_digit) return InvalidTextRepresentation("numeric", " ");
  if (static_cast<int>(integer.size()) - t.multiply > kMaxDigits - kNumberScale) {
    return NumericOutOfRange("numeric field overflow");
  }
  // Digits at kNumberScale, then V's implied division.
  Int128 value = 0;
  for (const char c : integer) value = value * 10 + (c - '0');
  for (int i = 0; i < kNumberScale; ++i) {
    value = value * 10 +
            (i < static_cast<int>(fraction.size()) ? fraction[static_cast<size_t>(i)] - '0' : 0);
  }
  for (int i = 0; i < t.multiply; ++i) value /= 10;
  *out = negative ? -value : value;
  return Status::OK();
}

}  // namespace

void RegisterNumberFormatFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  registry.AddScalar(
      {"to_char",
       {Overload({AnyDecimal(), text}, text,
                 NumberKernel<Int128>([](Int128 value, int scale, const NumberTemplate& t) {
                   return FromDecimal(value, scale, t);
                 })),
        Overload({DataType::Int32(), text}, text,
                 NumberKernel<int32_t>([](int32_t value, int, const NumberTemplate& t) {
                   return FromInteger(value, t);
                 })),
        Overload({DataType::Int64(), text}, text,
                 NumberKernel<int64_t>([](int64_t value, int, const NumberTemplate& t) {
                   return FromInteger(value, t);
                 })),
        Overload({DataType::Float64(), text}, text,
                 NumberKernel<double>([](double value, int, const NumberTemplate& t) {
                   return FromDouble(value, kDoubleDigits, t);
                 })),
        Overload({DataType::Float32(), text}, text,
                 NumberKernel<float>([](float value, int, const NumberTemplate& t) {
                   return FromDouble(value, kFloatDigits, t);
                 }))}});
  // to_number(text, template): NUMERIC at scale 16, shown at the template's fraction digits
  // when the template is a constant without V.
  sql::ScalarOverload to_number =
      Overload({text, text}, DataType::Decimal(kMaxDigits, kNumberScale),
               RowKernel<Int128, SV, SV>(DataType::Decimal(kMaxDigits, kNumberScale),
                                         [](SV input, SV pattern, Int128* out) -> Status {
                                           BOYO_ASSIGN_OR_RETURN(const NumberTemplate t,
                                                                 ParseNumberTemplate(pattern));
                                           return ParseNumber(input, t, out);
                                         }));
  to_number.shown_type_rule =
      [](const DataType& result,
         std::span<const types::Value* const> constants) -> std::optional<DataType> {
    const types::Value* pattern = constants[1];
    if (pattern == nullptr || pattern->is_null()) return std::nullopt;
    Result<NumberTemplate> t = ParseNumberTemplate(pattern->bytes());
    if (!t.ok() || t->multiply > 0 || t->post > kNumberScale) return std::nullopt;
    return DataType::Decimal(static_cast<uint8_t>(result.precision() - kNumberScale + t->post),
                             static_cast<uint8_t>(t->post));
  };
  registry.AddScalar({"to_number", {to_number}});
}

}  // namespace boyodb::functions
