#include "functions/aggregate/basic_aggregates.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <type_traits>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_registry.h"
#include "types/value.h"

namespace boyodb::functions {

namespace {

using columnar::Array;
using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;
using types::Int128;
using types::TypeId;

constexpr int kAverageScale = 16;  // PostgreSQL shows at least 16 significant digits

Int128 Pow10(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

const Int128 kMaxDecimal = Pow10(38) - 1;

Status BigintOutOfRange() {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange, "bigint out of range");
}

Status NumericOverflow() {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                "numeric field overflow");
}

double ReadDouble(const Array& array, int64_t i) {
  return array.type().id() == TypeId::kFloat32 ? array.values<float>()[i]
                                               : array.values<double>()[i];
}

// count(*) and count(x): NULLs of x are skipped before Update.
// UpdateFewGroups adds rows up per group in locals, in kLanes sets that take turns by row,
// so that consecutive rows of one group do not each wait for the previous one's sum to be
// stored and read back (TPC-H q01: 6M rows in 4 groups, 7 aggregates).
constexpr size_t kLanes = 4;
constexpr auto kMaxFewGroups = static_cast<size_t>(AggregateFunction::kMaxFewGroups);
using LaneCounts = std::array<std::array<int64_t, kMaxFewGroups>, kLanes>;

class CountAggregate final : public AggregateFunction {
 public:
  size_t state_size() const override { return sizeof(int64_t); }
  void Init(uint8_t* state) const override { std::memset(state, 0, sizeof(int64_t)); }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    (void)args;
    for (int64_t i = 0; i < num_rows; ++i) ++*reinterpret_cast<int64_t*>(states[i]);
    return Status::OK();
  }
  Status UpdateFewGroups(uint8_t* const* group_states, int64_t num_groups, const uint8_t* groups,
                         std::span<const ArrayPtr> args, int64_t num_rows) const override {
    (void)args;
    if (num_groups == 1) {
      *reinterpret_cast<int64_t*>(group_states[0]) += num_rows;
      return Status::OK();
    }
    LaneCounts counts{};
    int64_t i = 0;
    for (; i + kLanes <= static_cast<size_t>(num_rows); i += kLanes) {
      for (size_t lane = 0; lane < kLanes; ++lane) ++counts[lane][groups[i + lane]];
    }
    for (; i < num_rows; ++i) ++counts[0][groups[i]];
    for (size_t g = 0; g < static_cast<size_t>(num_groups); ++g) {
      int64_t count = 0;
      for (size_t lane = 0; lane < kLanes; ++lane) count += counts[lane][g];
      *reinterpret_cast<int64_t*>(group_states[g]) += count;
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    *reinterpret_cast<int64_t*>(target) += *reinterpret_cast<const int64_t*>(source);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    auto* builder = static_cast<columnar::FixedWidthBuilder<int64_t>*>(out);
    for (int64_t i = 0; i < num_states; ++i) {
      builder->Append(*reinterpret_cast<const int64_t*>(states[i]));
    }
    return Status::OK();
  }
};

// Exact sums and averages of integers and decimals: in 128 bits for BIGINT and NUMERIC; in
// 64 bits for SMALLINT and INTEGER, whose sum is a BIGINT that fails when it leaves that range,
// as PostgreSQL's does. The narrower state (16 bytes against 32) matters for aggregations of
// millions of groups.
template <typename Sum>
struct SumState {
  Sum sum;
  int64_t count;
};

enum class SumMode : uint8_t { kSum, kAverage };

template <typename Sum>
class ExactSumAggregate final : public AggregateFunction {
 public:
  static constexpr bool kNarrow = std::is_same_v<Sum, int64_t>;
  using State = SumState<Sum>;
  // mode: kSum returns the sum as `result` (BIGINT or DECIMAL); kAverage divides.
  using Mode = SumMode;
  ExactSumAggregate(Mode mode, DataType result, int input_scale)
      : mode_(mode),
        result_(std::move(result)),
        input_scale_(input_scale),
        extra_factor_(Pow10(std::max(0, result_.scale() - input_scale))) {}

  size_t state_size() const override { return sizeof(State); }
  void Init(uint8_t* state) const override { new (state) State{0, 0}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const Array& values = *args[0];
    switch (values.type().id()) {
      case TypeId::kInt8:
        return UpdateFrom(states, values.values<int8_t>(), num_rows);
      case TypeId::kInt16:
        return UpdateFrom(states, values.values<int16_t>(), num_rows);
      case TypeId::kInt32:
        return UpdateFrom(states, values.values<int32_t>(), num_rows);
      case TypeId::kInt64:
        if constexpr (!kNarrow) return UpdateFrom(states, values.values<int64_t>(), num_rows);
        break;
      case TypeId::kDecimal:
        if constexpr (!kNarrow) return UpdateFrom(states, values.values<Int128>(), num_rows);
        break;
      default:
        break;
    }
    return Status(StatusCode::kInternal, sqlstate::kInternalError,
                  "sum of a type that is not an integer or numeric");
  }
  Status UpdateFewGroups(uint8_t* const* group_states, int64_t num_groups, const uint8_t* groups,
                         std::span<const ArrayPtr> args, int64_t num_rows) const override {
    const Array& values = *args[0];
    switch (values.type().id()) {
      case TypeId::kInt8:
        return UpdateFewFrom(group_states, num_groups, groups, values.values<int8_t>(), num_rows);
      case TypeId::kInt16:
        return UpdateFewFrom(group_states, num_groups, groups, values.values<int16_t>(), num_rows);
      case TypeId::kInt32:
        return UpdateFewFrom(group_states, num_groups, groups, values.values<int32_t>(), num_rows);
      case TypeId::kInt64:
        if constexpr (!kNarrow) {
          return UpdateFewFrom(group_states, num_groups, groups, values.values<int64_t>(),
                               num_rows);
        }
        break;
      case TypeId::kDecimal:
        if constexpr (!kNarrow) {
          return UpdateFewFrom(group_states, num_groups, groups, values.values<Int128>(), num_rows);
        }
        break;
      default:
        break;
    }
    return AggregateFunction::UpdateFewGroups(group_states, num_groups, groups, args, num_rows);
  }
  // Each group's rows summed in locals, then added to its state. A local sum that overflows
  // (the rows in another order might not have) sends the chunk to the row-by-row path, which
  // has touched no state yet.
  template <typename T>
  static Status UpdateFewFrom(uint8_t* const* group_states, int64_t num_groups,
                              const uint8_t* groups, const T* values, int64_t num_rows) {
    if (num_groups == 1) {
      if constexpr (sizeof(T) <= sizeof(int32_t)) {
        // No GROUP BY over values of at most 32 bits: fewer than 2^31 of them cannot overflow
        // a 64-bit local sum, which then needs no test per row and adds up in vector
        // registers (hits Q2's SUM(AdvEngineID) and AVG(ResolutionWidth): the row-by-row
        // loop stored to the state on every row).
        int64_t local = 0;
        for (int64_t i = 0; i < num_rows; ++i) local += values[i];
        auto* state = reinterpret_cast<State*>(group_states[0]);
        state->count += num_rows;
        if (__builtin_add_overflow(state->sum, static_cast<Sum>(local), &state->sum)) [[unlikely]] {
          return kNarrow ? BigintOutOfRange() : NumericOverflow();
        }
        return Status::OK();
      }
      if constexpr (std::is_same_v<T, int64_t> && !kNarrow) {
        // BIGINT values into a 128-bit sum: fewer than 2^63 of them cannot overflow a 128-bit
        // local either (hits Q3's AVG(UserID)). A state per row, as below, wrote a pointer
        // per row first: 512 KB of a batch's memory traffic for 512 KB of values.
        Int128 local = 0;
        for (int64_t i = 0; i < num_rows; ++i) local += values[i];
        auto* state = reinterpret_cast<State*>(group_states[0]);
        state->count += num_rows;
        if (__builtin_add_overflow(state->sum, local, &state->sum)) [[unlikely]] {
          return NumericOverflow();
        }
        return Status::OK();
      }
      // NUMERIC values may overflow 128 bits on the way: row by row, as for many groups.
      std::vector<uint8_t*> states(static_cast<size_t>(num_rows), group_states[0]);
      return UpdateFrom(states.data(), values, num_rows);
    }
    std::array<std::array<Sum, kMaxFewGroups>, kLanes> sums{};
    LaneCounts counts{};
    bool overflow = false;
    int64_t i = 0;
    for (; i + kLanes <= static_cast<size_t>(num_rows); i += kLanes) {
      for (size_t lane = 0; lane < kLanes; ++lane) {
        Sum& sum = sums[lane][groups[i + lane]];
        overflow |= __builtin_add_overflow(sum, static_cast<Sum>(values[i + lane]), &sum);
        ++counts[lane][groups[i + lane]];
      }
    }
    for (; i < num_rows; ++i) {
      Sum& sum = sums[0][groups[i]];
      overflow |= __builtin_add_overflow(sum, static_cast<Sum>(values[i]), &sum);
      ++counts[0][groups[i]];
    }
    for (size_t g = 0; g < kMaxFewGroups && !overflow; ++g) {
      for (size_t lane = 1; lane < kLanes; ++lane) {
        overflow |= __builtin_add_overflow(sums[0][g], sums[lane][g], &sums[0][g]);
        counts[0][g] += counts[lane][g];
      }
    }
    if (overflow) {
      std::vector<uint8_t*> states(static_cast<size_t>(num_rows));
      for (int64_t i = 0; i < num_rows; ++i) {
        states[static_cast<size_t>(i)] = group_states[groups[i]];
      }
      return UpdateFrom(states.data(), values, num_rows);
    }
    for (size_t g = 0; g < kMaxFewGroups; ++g) {
      if (counts[0][g] == 0) continue;
      auto* state = reinterpret_cast<State*>(group_states[g]);
      state->count += counts[0][g];
      if (__builtin_add_overflow(state->sum, sums[0][g], &state->sum)) [[unlikely]] {
        return kNarrow ? BigintOutOfRange() : NumericOverflow();
      }
    }
    return Status::OK();
  }

  // The input's C type is resolved once per chunk, not per row.
  template <typename T>
  static Status UpdateFrom(uint8_t* const* states, const T* values, int64_t num_rows) {
    for (int64_t i = 0; i < num_rows; ++i) {
      auto* state = reinterpret_cast<State*>(states[i]);
      ++state->count;
      if constexpr (kNarrow) {
        if (__builtin_add_overflow(state->sum, static_cast<int64_t>(values[i]), &state->sum))
            [[unlikely]] {
          return BigintOutOfRange();
        }
      } else if (__builtin_add_overflow(state->sum, static_cast<Int128>(values[i]), &state->sum))
          [[unlikely]] {
        // A running sum may pass 38 digits and come back (PostgreSQL's NUMERIC has room for
        // that); only the result must fit (Finalize). Testing the range here, on every row,
        // cost TPC-H q01 a tenth of its sums.
        return NumericOverflow();
      }
    }
    return Status::OK();
  }

  Status Merge(uint8_t* target, const uint8_t* source) const override {
    auto* into = reinterpret_cast<State*>(target);
    const auto* from = reinterpret_cast<const State*>(source);
    into->count += from->count;
    if constexpr (kNarrow) {
      if (__builtin_add_overflow(into->sum, from->sum, &into->sum)) return BigintOutOfRange();
    } else {
      if (__builtin_add_overflow(into->sum, from->sum, &into->sum)) return NumericOverflow();
    }
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const State*>(states[i]);
      if (state->count == 0) {
        out->AppendNull();
        continue;
      }
      const Int128 sum = state->sum;
      if (mode_ == Mode::kSum) {
        if (result_.id() == TypeId::kInt64) {
          if (sum > std::numeric_limits<int64_t>::max() ||
              sum < std::numeric_limits<int64_t>::min()) {
            return BigintOutOfRange();
          }
          static_cast<columnar::FixedWidthBuilder<int64_t>*>(out)->Append(
              static_cast<int64_t>(sum));
        } else {
          if (sum > kMaxDecimal || sum < -kMaxDecimal) return NumericOverflow();
          static_cast<columnar::FixedWidthBuilder<Int128>*>(out)->Append(sum);
        }
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(const Int128 average, Average(sum, state->count));
      static_cast<columnar::FixedWidthBuilder<Int128>*>(out)->Append(average);
    }
    return Status::OK();
  }

 private:
  // sum / count at the result's scale, rounding half away from zero. Long division, one
  // decimal digit at a time: sum * 10^scale would overflow 128 bits for large sums (the
  // average of 10 million BIGINTs near 4.5e18), the result does not. In 64 bits when the sum
  // fits: 128-bit division is a library call, and averages of millions of groups add up.
  template <typename Word>
  Status DivideDigits(Word magnitude, Word count, Int128* quotient_out) const {
    const int extra = result_.scale() - input_scale_;
    Int128 quotient = magnitude / count;
    Word remainder = magnitude % count;
    constexpr bool kWord64 = std::is_same_v<Word, uint64_t>;
    // In 64 bits the quotient is below 2^64 and the factor at most 10^18: no overflow.
    if (kWord64 && extra <= 18 && remainder == 0) {
      // Exact (a group of one row, say): no digit needs a division.
      quotient *= extra_factor_;
    } else if (kWord64 && extra <= 18 &&
               remainder <= UINT64_MAX / static_cast<uint64_t>(extra_factor_)) {
      // All the digits in one division.
      const Word scaled = remainder * static_cast<Word>(extra_factor_);
      quotient = quotient * extra_factor_ + static_cast<Int128>(scaled / count);
      remainder = scaled % count;
    } else {
      for (int digit = 0; digit < extra; ++digit) {
        // A sum may hold up to 2^127 (past 38 digits): a quotient that another digit would
        // take past 38 digits is out of range before it could overflow.
        if (quotient > kMaxDecimal / 10) return NumericOverflow();
        remainder *= 10;  // remainder < count < 2^59, so this fits
        quotient = quotient * 10 + static_cast<Int128>(remainder / count);
        remainder %= count;
        if (quotient > kMaxDecimal) return NumericOverflow();
      }
    }
    if (quotient > kMaxDecimal) return NumericOverflow();
    if (remainder >= count - remainder) ++quotient;
    *quotient_out = quotient;
    return Status::OK();
  }

  Result<Int128> Average(Int128 sum, int64_t count) const {
    if (sum == std::numeric_limits<Int128>::min()) return NumericOverflow();  // no magnitude
    const bool negative = sum < 0;
    const Int128 magnitude = negative ? -sum : sum;
    Int128 quotient = 0;
    // count < 2^63 and remainder * 10 < 10 * count: with count below 2^59 that fits 64 bits.
    if (magnitude <= std::numeric_limits<uint64_t>::max() && count < (int64_t{1} << 59)) {
      BOYO_RETURN_IF_ERROR(DivideDigits<uint64_t>(static_cast<uint64_t>(magnitude),
                                                  static_cast<uint64_t>(count), &quotient));
    } else {
      BOYO_RETURN_IF_ERROR(DivideDigits<Int128>(magnitude, count, &quotient));
    }
    return negative ? -quotient : quotient;
  }

  Mode mode_;
  DataType result_;
  int input_scale_;
  Int128 extra_factor_;  // 10^(result scale - input scale): an average's added digits
};

struct FloatState {
  double sum;
  int64_t count;
};

// sum and avg of real and double precision.
class FloatSumAggregate final : public AggregateFunction {
 public:
  FloatSumAggregate(bool average, DataType result)
      : average_(average), result_(std::move(result)) {}
  size_t state_size() const override { return sizeof(FloatState); }
  void Init(uint8_t* state) const override { new (state) FloatState{0, 0}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    for (int64_t i = 0; i < num_rows; ++i) {
      auto* state = reinterpret_cast<FloatState*>(states[i]);
      state->sum += ReadDouble(*args[0], i);
      ++state->count;
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    auto* into = reinterpret_cast<FloatState*>(target);
    const auto* from = reinterpret_cast<const FloatState*>(source);
    into->sum += from->sum;
    into->count += from->count;
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const FloatState*>(states[i]);
      if (state->count == 0) {
        out->AppendNull();
        continue;
      }
      const double value = average_ ? state->sum / static_cast<double>(state->count) : state->sum;
      if (result_.id() == TypeId::kFloat32) {
        static_cast<columnar::FixedWidthBuilder<float>*>(out)->Append(static_cast<float>(value));
      } else {
        static_cast<columnar::FixedWidthBuilder<double>*>(out)->Append(value);
      }
    }
    return Status::OK();
  }

 private:
  bool average_;
  DataType result_;
};

// min and max of any ordered type: the state owns a one-row array holding the best value.
class ExtremeAggregate final : public AggregateFunction {
 public:
  ExtremeAggregate(bool max, DataType type) : max_(max), type_(std::move(type)) {}
  size_t state_size() const override { return sizeof(types::Value*); }
  void Init(uint8_t* state) const override { *reinterpret_cast<types::Value**>(state) = nullptr; }
  void Destroy(uint8_t* state) const override { delete *reinterpret_cast<types::Value**>(state); }
  bool owns_memory() const override { return true; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    for (int64_t i = 0; i < num_rows; ++i) {
      Offer(reinterpret_cast<types::Value**>(states[i]), args[0]->GetValue(i));
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    const types::Value* from = *reinterpret_cast<types::Value* const*>(source);
    if (from != nullptr) Offer(reinterpret_cast<types::Value**>(target), *from);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      const types::Value* value = *reinterpret_cast<types::Value* const*>(states[i]);
      if (value == nullptr) {
        out->AppendNull();
      } else {
        BOYO_RETURN_IF_ERROR(out->AppendValue(*value));
      }
    }
    return Status::OK();
  }

 private:
  void Offer(types::Value** slot, const types::Value& candidate) const {
    // Callers leave NULLs out, except into a window's discard state, which takes every
    // rejected row; a NULL never wins, and comparing one would read the wrong alternative.
    if (candidate.is_null()) return;
    if (*slot == nullptr) {
      *slot = new types::Value(candidate);
      return;
    }
    const int compared = Compare(candidate, **slot);
    if (max_ ? compared > 0 : compared < 0) **slot = candidate;
  }
  static int Compare(const types::Value& a, const types::Value& b) {
    switch (a.type().id()) {
      case TypeId::kBoolean:
        return static_cast<int>(a.boolean()) - static_cast<int>(b.boolean());
      case TypeId::kFloat32:
      case TypeId::kFloat64: {
        const double x = a.float64();
        const double y = b.float64();
        if (std::isnan(x) || std::isnan(y)) return std::isnan(x) - std::isnan(y);
        return x < y ? -1 : (y < x ? 1 : 0);
      }
      case TypeId::kDecimal:
        return a.decimal() < b.decimal() ? -1 : (b.decimal() < a.decimal() ? 1 : 0);
      case TypeId::kString:
      case TypeId::kBinary:
      case TypeId::kJson:
      case TypeId::kUuid:
      case TypeId::kIpv6: {
        const int result = a.bytes().compare(b.bytes());
        return result < 0 ? -1 : (result > 0 ? 1 : 0);
      }
      case TypeId::kUInt8:
      case TypeId::kUInt16:
      case TypeId::kUInt32:
      case TypeId::kUInt64:
      case TypeId::kIpv4:
        return a.uint64() < b.uint64() ? -1 : (b.uint64() < a.uint64() ? 1 : 0);
      case TypeId::kInterval: {
        auto span = [](const types::IntervalValue& v) {
          return (Int128{v.months} * 30 + v.days) * Int128{86'400'000'000'000} + v.nanos;
        };
        const Int128 x = span(a.interval());
        const Int128 y = span(b.interval());
        return x < y ? -1 : (y < x ? 1 : 0);
      }
      default:
        return a.int64() < b.int64() ? -1 : (b.int64() < a.int64() ? 1 : 0);
    }
  }

  bool max_;
  DataType type_;
};

// bool_and / bool_or: state 0 false, 1 true, 2 no input.
class BoolAggregate final : public AggregateFunction {
 public:
  explicit BoolAggregate(bool is_and) : is_and_(is_and) {}
  size_t state_size() const override { return 1; }
  void Init(uint8_t* state) const override { *state = 2; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const Array& values = *args[0];
    for (int64_t i = 0; i < num_rows; ++i) {
      Combine(states[i], columnar::GetBit(values.bool_bits(), values.offset() + i) ? 1 : 0);
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    if (*source != 2) Combine(target, *source);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      if (*states[i] == 2) {
        out->AppendNull();
      } else {
        static_cast<columnar::BooleanBuilder*>(out)->Append(*states[i] == 1);
      }
    }
    return Status::OK();
  }

 private:
  void Combine(uint8_t* state, uint8_t value) const {
    if (*state == 2) {
      *state = value;
    } else {
      *state = is_and_ ? (*state & value) : (*state | value);
    }
  }
  bool is_and_;
};

// string_agg(text, delimiter): values joined in input order, each delimiter taken from the
// row that follows it, as PostgreSQL does. Like PostgreSQL's state, ours keeps every value
// with the delimiter of its row in front and drops the first one at the end, so a merged
// state brings the delimiter that goes between the two parts.
class StringAggAggregate final : public AggregateFunction {
 public:
  struct Joined {
    std::string text;
    size_t first_delimiter = 0;  // length of the delimiter in front of the first value
  };
  size_t state_size() const override { return sizeof(Joined*); }
  void Init(uint8_t* state) const override { *reinterpret_cast<Joined**>(state) = nullptr; }
  void Destroy(uint8_t* state) const override { delete *reinterpret_cast<Joined**>(state); }
  bool owns_memory() const override { return true; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    for (int64_t i = 0; i < num_rows; ++i) {
      auto** slot = reinterpret_cast<Joined**>(states[i]);
      const bool delimited = args.size() > 1 && args[1]->IsValid(i);
      const std::string_view delimiter = delimited ? args[1]->GetView(i) : std::string_view();
      if (*slot == nullptr) *slot = new Joined{std::string(), delimiter.size()};
      (*slot)->text.append(delimiter);
      (*slot)->text.append(args[0]->GetView(i));
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    const Joined* from = *reinterpret_cast<Joined* const*>(source);
    if (from == nullptr) return Status::OK();
    auto** slot = reinterpret_cast<Joined**>(target);
    if (*slot == nullptr) {
      *slot = new Joined(*from);
    } else {
      (*slot)->text.append(from->text);
    }
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      const Joined* value = *reinterpret_cast<Joined* const*>(states[i]);
      if (value == nullptr) {
        out->AppendNull();
      } else {
        static_cast<columnar::BinaryBuilder*>(out)->Append(
            std::string_view(value->text).substr(value->first_delimiter));
      }
    }
    return Status::OK();
  }
};

using Made = Result<std::shared_ptr<const AggregateFunction>>;

sql::AggregateOverload AggregateOverload(std::vector<DataType> parameters, DataType result,
                                         std::function<Made(std::span<const DataType>)> make,
                                         bool skip_nulls = true) {
  sql::AggregateOverload overload;
  overload.parameters = std::move(parameters);
  overload.result = std::move(result);
  overload.make = std::move(make);
  overload.skip_nulls = skip_nulls;
  return overload;
}

// The DECIMAL that sums of `input` produce: 38 digits at the input's scale.
DataType SumDecimal(const DataType& input) {
  return DataType::Decimal(38, input.id() == TypeId::kDecimal ? input.scale() : 0);
}

DataType AverageDecimal(const DataType& input) {
  const int scale =
      input.id() == TypeId::kDecimal ? std::max<int>(input.scale(), kAverageScale) : kAverageScale;
  return DataType::Decimal(38, static_cast<uint8_t>(scale));
}

}  // namespace

void RegisterBasicAggregates(FunctionRegistry& registry) {
  const DataType any;  // TypeId kNull: any type
  {
    sql::AggregateFunctionSet count;
    count.name = "count";
    auto make = [](std::span<const DataType>) -> Made {
      return std::shared_ptr<const AggregateFunction>(std::make_shared<CountAggregate>());
    };
    count.overloads.push_back(AggregateOverload({}, DataType::Int64(), make, false));
    count.overloads.push_back(AggregateOverload({any}, DataType::Int64(), make));
    registry.AddAggregate(std::move(count));
  }
  for (const bool average : {false, true}) {
    sql::AggregateFunctionSet set;
    set.name = average ? "avg" : "sum";
    const auto wide = [average](std::span<const DataType> args) -> Made {
      const DataType result = average ? AverageDecimal(args[0])
                              : args[0].id() == TypeId::kInt16 || args[0].id() == TypeId::kInt32
                                  ? DataType::Int64()
                                  : SumDecimal(args[0]);
      const int scale = args[0].id() == TypeId::kDecimal ? args[0].scale() : 0;
      const SumMode mode = average ? SumMode::kAverage : SumMode::kSum;
      const TypeId input = args[0].id();
      if (input == TypeId::kInt8 || input == TypeId::kInt16 || input == TypeId::kInt32) {
        return std::shared_ptr<const AggregateFunction>(
            std::make_shared<ExactSumAggregate<int64_t>>(mode, result, scale));
      }
      return std::shared_ptr<const AggregateFunction>(
          std::make_shared<ExactSumAggregate<Int128>>(mode, result, scale));
    };
    for (const DataType& input : {DataType::Int16(), DataType::Int32(), DataType::Int64()}) {
      sql::AggregateOverload overload =
          AggregateOverload({input},
                            average                        ? AverageDecimal(input)
                            : input.id() == TypeId::kInt64 ? SumDecimal(input)
                                                           : DataType::Int64(),
                            wide);
      set.overloads.push_back(std::move(overload));
    }
    sql::AggregateOverload decimal = AggregateOverload({AnyDecimal()}, AnyDecimal(), wide);
    decimal.result_rule = [average](std::span<const DataType> args) -> Result<DataType> {
      return average ? AverageDecimal(args[0]) : SumDecimal(args[0]);
    };
    set.overloads.push_back(std::move(decimal));
    for (const DataType& input : {DataType::Float32(), DataType::Float64()}) {
      const DataType result = average ? DataType::Float64() : input;
      set.overloads.push_back(
          AggregateOverload({input}, result, [average, result](std::span<const DataType>) -> Made {
            return std::shared_ptr<const AggregateFunction>(
                std::make_shared<FloatSumAggregate>(average, result));
          }));
    }
    registry.AddAggregate(std::move(set));
  }
  for (const bool max : {false, true}) {
    sql::AggregateFunctionSet set;
    set.name = max ? "max" : "min";
    set.overloads.push_back(
        AggregateOverload({any}, any, [max](std::span<const DataType> args) -> Made {
          return std::shared_ptr<const AggregateFunction>(
              std::make_shared<ExtremeAggregate>(max, args[0]));
        }));
    registry.AddAggregate(std::move(set));
  }
  for (const char* name : {"bool_and", "every", "bool_or"}) {
    sql::AggregateFunctionSet set;
    set.name = name;
    const bool is_and = std::string(name) != "bool_or";
    set.overloads.push_back(AggregateOverload(
        {DataType::Boolean()}, DataType::Boolean(), [is_and](std::span<const DataType>) -> Made {
          return std::shared_ptr<const AggregateFunction>(std::make_shared<BoolAggregate>(is_and));
        }));
    registry.AddAggregate(std::move(set));
  }
  {
    sql::AggregateFunctionSet set;
    set.name = "string_agg";
    sql::AggregateOverload overload = AggregateOverload(
        {DataType::String(), DataType::String()}, DataType::String(),
        [](std::span<const DataType>) -> Made {
          return std::shared_ptr<const AggregateFunction>(std::make_shared<StringAggAggregate>());
        });
    // The delimiter may be NULL; only a NULL value skips the row (checked in Update).
    set.overloads.push_back(std::move(overload));
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
