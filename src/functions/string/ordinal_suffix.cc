#include "functions/string/ordinal_suffix.h"

namespace boyodb::functions {

std::string OrdinalSuffix(std::string_view digits, bool lower) {
  const size_t n = digits.size();
  const char last = digits[n - 1];
  const bool teen = n >= 2 && digits[n - 2] == '1';
  const char* suffix = teen          ? "TH"
                       : last == '1' ? "ST"
                       : last == '2' ? "ND"
                       : last == '3' ? "RD"
                                     : "TH";
  std::string out(suffix);
  if (lower) {
    for (char& c : out) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace boyodb::functions
