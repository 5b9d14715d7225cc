// Parsing number templates (number_template_internal.h).
// Thread safety: pure functions.
#include <string>

#include "common/sqlstate.h"
#include "functions/string/number_template_internal.h"

namespace boyodb::functions {
namespace {

using SV = std::string_view;

Status TemplateError(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, std::move(message));
}

struct Keyword {
  SV text;
  ItemKind kind;
  bool lower;
};

// Longer keywords first where one starts another (SG and SP before S).
constexpr Keyword kKeywords[] = {
    {"EEEE", ItemKind::kExponent, false}, {"eeee", ItemKind::kExponent, true},
    {"FM", ItemKind::kFillMode, false},   {"fm", ItemKind::kFillMode, true},
    {"MI", ItemKind::kMinus, false},      {"mi", ItemKind::kMinus, true},
    {"PL", ItemKind::kPlus, false},       {"pl", ItemKind::kPlus, true},
    {"PR", ItemKind::kBrackets, false},   {"pr", ItemKind::kBrackets, true},
    {"RN", ItemKind::kRoman, false},      {"rn", ItemKind::kRoman, true},
    {"SG", ItemKind::kPlusMinus, false},  {"sg", ItemKind::kPlusMinus, true},
    {"SP", ItemKind::kIgnored, false},    {"sp", ItemKind::kIgnored, true},
    {"TH", ItemKind::kOrdinal, false},    {"th", ItemKind::kOrdinal, true},
    {",", ItemKind::kGroup, false},       {".", ItemKind::kDecimal, false},
    {"0", ItemKind::kDigit0, false},      {"9", ItemKind::kDigit9, false},
    {"B", ItemKind::kIgnored, false},     {"b", ItemKind::kIgnored, true},
    {"C", ItemKind::kIgnored, false},     {"c", ItemKind::kIgnored, true},
    {"D", ItemKind::kDecimal, false},     {"d", ItemKind::kDecimal, true},
    {"G", ItemKind::kGroup, false},       {"g", ItemKind::kGroup, true},
    {"L", ItemKind::kCurrency, false},    {"l", ItemKind::kCurrency, true},
    {"S", ItemKind::kSign, false},        {"s", ItemKind::kSign, true},
    {"V", ItemKind::kMultiply, false},    {"v", ItemKind::kMultiply, true},
};

void AppendLiteral(std::vector<Item>* items, char c) {
  if (items->empty() || items->back().kind != ItemKind::kLiteral) {
    items->push_back({ItemKind::kLiteral, false, ""});
  }
  items->back().text.push_back(c);
}

// Applies one keyword to the template's totals, with PostgreSQL's checks of combinations.
Status AddKeyword(const Keyword& keyword, NumberTemplate* t) {
  if (t->exponent && keyword.kind != ItemKind::kExponent && keyword.kind != ItemKind::kIgnored) {
    return TemplateError("\"EEEE\" must be the last pattern used");
  }
  switch (keyword.kind) {
    case ItemKind::kDigit9:
    case ItemKind::kDigit0:
      if (t->brackets) {
        return TemplateError("\"" + std::string(keyword.text) + "\" must be ahead of \"PR\"");
      }
      if (t->has_decimal) {
        if (keyword.kind == ItemKind::kDigit0) t->last_post_zero = t->post;
        ++t->post;
      } else {
        if (keyword.kind == ItemKind::kDigit0 && t->zero_start < 0) t->zero_start = t->pre;
        ++t->pre;  // digits after V too: they scale the value but stay integer positions
      }
      break;
    case ItemKind::kDecimal:
      if (t->has_decimal) return TemplateError("multiple decimal points");
      if (t->has_multiply) {
        return TemplateError("cannot use \"V\" and decimal point together");
      }
      t->has_decimal = true;
      break;
    case ItemKind::kMultiply:
      if (t->has_decimal) return TemplateError("cannot use \"V\" and decimal point together");
      t->has_multiply = true;
      break;
    case ItemKind::kSign:
      if (t->sign) return TemplateError("cannot use \"S\" twice");
      if (t->plus || t->minus || t->brackets) {
        return TemplateError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      }
      t->sign = true;
      break;
    case ItemKind::kPlus:
    case ItemKind::kMinus:
    case ItemKind::kPlusMinus: {
      const char* name = keyword.kind == ItemKind::kPlus    ? "PL"
                         : keyword.kind == ItemKind::kMinus ? "MI"
                                                            : "SG";
      if (t->sign) {
        return TemplateError("cannot use \"S\" and \"" + std::string(name) + "\" together");
      }
      if (keyword.kind != ItemKind::kMinus) t->plus = true;
      if (keyword.kind != ItemKind::kPlus) t->minus = true;
      break;
    }
    case ItemKind::kBrackets:
      if (t->sign || t->plus || t->minus) {
        return TemplateError("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
      }
      t->brackets = true;
      break;
    case ItemKind::kExponent:
      if (t->exponent) return TemplateError("cannot use \"EEEE\" twice");
      t->exponent = true;
      break;
    case ItemKind::kRoman:
      t->roman = true;
      break;
    case ItemKind::kFillMode:
      t->fill_mode = true;
      break;
    case ItemKind::kOrdinal:
      t->has_ordinal = true;
      break;
    default:
      break;
  }
  return Status::OK();
}

}  // namespace

Result<NumberTemplate> ParseNumberTemplate(SV pattern) {
  NumberTemplate t;
  bool after_multiply = false;
  size_t pos = 0;
  while (pos < pattern.size()) {
    if (pattern[pos] == '"') {
      // Quoted text is copied; a backslash keeps a quote in it.
      ++pos;
      while (pos < pattern.size() && pattern[pos] != '"') {
        if (pattern[pos] == '\\' && pos + 1 < pattern.size()) ++pos;
        AppendLiteral(&t.items, pattern[pos++]);
      }
      ++pos;
      continue;
    }
    if (pattern[pos] == '\\' && pos + 1 < pattern.size() && pattern[pos + 1] == '"') {
      AppendLiteral(&t.items, '"');
      pos += 2;
      continue;
    }
    const Keyword* match = nullptr;
    for (const Keyword& keyword : kKeywords) {
      if (pattern.substr(pos, keyword.text.size()) == keyword.text) {
        match = &keyword;
        break;
      }
    }
    if (match == nullptr) {
      AppendLiteral(&t.items, pattern[pos++]);
      continue;
    }
    BOYO_RETURN_IF_ERROR(AddKeyword(*match, &t));
    if (match->kind == ItemKind::kMultiply) after_multiply = true;
    if (after_multiply && (match->kind == ItemKind::kDigit9 || match->kind == ItemKind::kDigit0)) {
      ++t.multiply;
    }
    if (match->kind == ItemKind::kSign) {
      // S after the decimal point, or after every integer position, follows the number.
      t.sign_after = t.has_decimal;
    }
    t.items.push_back({match->kind, match->lower, ""});
    pos += match->text.size();
  }
  if (t.sign && !t.sign_after) {
    int digits_before_sign = 0;
    for (const Item& item : t.items) {
      if (item.kind == ItemKind::kSign) break;
      if (item.kind == ItemKind::kDigit9 || item.kind == ItemKind::kDigit0) ++digits_before_sign;
    }
    t.sign_after = digits_before_sign == t.pre;
  }
  if (t.exponent && (t.sign || t.plus || t.minus || t.brackets || t.roman || t.fill_mode ||
                     t.multiply > 0 || t.has_ordinal)) {
    return TemplateError("\"EEEE\" is incompatible with other formats");
  }
  return t;
}

}  // namespace boyodb::functions
