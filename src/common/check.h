// Invariant checks. BOYO_CHECK is always on and aborts with the failing values; BOYO_DCHECK is
// compiled only into debug builds. Never use either for anything user input can trigger.
// Thread safety: safe from any thread.
#pragma once

#include <sstream>
#include <string>

namespace boyodb {

/// Prints the failure to stderr and aborts.
[[noreturn]] void BoyoCheckFailed(const char* file, int line, const char* condition,
                                  const std::string& detail);

}  // namespace boyodb

#define BOYO_CHECK(condition)                                        \
  do {                                                               \
    if (!(condition)) [[unlikely]] {                                 \
      ::boyodb::BoyoCheckFailed(__FILE__, __LINE__, #condition, ""); \
    }                                                                \
  } while (false)

#define BOYO_CHECK_OP(a, b, op)                                                                   \
  do {                                                                                            \
    const auto& boyo_check_a_ = (a);                                                              \
    const auto& boyo_check_b_ = (b);                                                              \
    if (!(boyo_check_a_ op boyo_check_b_)) [[unlikely]] {                                         \
      std::ostringstream boyo_check_detail_;                                                      \
      boyo_check_detail_ << boyo_check_a_ << " vs " << boyo_check_b_;                             \
      ::boyodb::BoyoCheckFailed(__FILE__, __LINE__, #a " " #op " " #b, boyo_check_detail_.str()); \
    }                                                                                             \
  } while (false)

#define BOYO_CHECK_EQ(a, b) BOYO_CHECK_OP(a, b, ==)
#define BOYO_CHECK_NE(a, b) BOYO_CHECK_OP(a, b, !=)
#define BOYO_CHECK_LT(a, b) BOYO_CHECK_OP(a, b, <)
#define BOYO_CHECK_LE(a, b) BOYO_CHECK_OP(a, b, <=)
#define BOYO_CHECK_GT(a, b) BOYO_CHECK_OP(a, b, >)
#define BOYO_CHECK_GE(a, b) BOYO_CHECK_OP(a, b, >=)

#ifdef NDEBUG
#define BOYO_DCHECK(condition) \
  do {                         \
  } while (false && (condition))
#define BOYO_DCHECK_EQ(a, b) BOYO_DCHECK((a) == (b))
#define BOYO_DCHECK_LT(a, b) BOYO_DCHECK((a) < (b))
#define BOYO_DCHECK_LE(a, b) BOYO_DCHECK((a) <= (b))
#else
#define BOYO_DCHECK(condition) BOYO_CHECK(condition)
#define BOYO_DCHECK_EQ(a, b) BOYO_CHECK_EQ(a, b)
#define BOYO_DCHECK_LT(a, b) BOYO_CHECK_LT(a, b)
#define BOYO_DCHECK_LE(a, b) BOYO_CHECK_LE(a, b)
#endif
