// Value: one result value as an engine answered it over the JSONL contract, before the runner
// renders it by the test's type letter (value_renderer.h).
// Thread safety: a Value is a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace boyodb::tools::slt {

/// JSON null is std::monostate; integers that fit int64 are int64, larger non-negative ones
/// uint64; JSON numbers with a fraction or exponent (and NaN, Infinity) are double; strings are
/// their UTF-8 bytes. A JSON array or object arrives as its compact JSON text (a std::string).
using Value = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string>;

inline bool IsNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

}  // namespace boyodb::tools::slt
