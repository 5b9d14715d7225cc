#include "functions/aggregate/statistical_aggregates.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <string>

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

constexpr int kMinimumScale = 16;  // PostgreSQL shows at least 16 significant digits
constexpr int kMaxDigits = 38;

enum class Statistic : uint8_t { kVarianceSample, kVariancePopulation, kStddevSample, kStddevPop };

bool IsSample(Statistic statistic) {
  return statistic == Statistic::kVarianceSample || statistic == Statistic::kStddevSample;
}

bool IsStddev(Statistic statistic) {
  return statistic == Statistic::kStddevSample || statistic == Statistic::kStddevPop;
}

Int128 Pow10(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// PostgreSQL's float8 transition state: the count, the sum and the sum of squared differences
// from the running mean (Youngs and Cramer).
struct FloatMoments {
  double n;
  double sum;
  double squares;
};

class FloatStatisticAggregate final : public AggregateFunction {
 public:
  explicit FloatStatisticAggregate(Statistic statistic) : statistic_(statistic) {}
  size_t state_size() const override { return sizeof(FloatMoments); }
  void Init(uint8_t* state) const override { new (state) FloatMoments{0, 0, 0}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const Array& values = *args[0];
    const bool single = values.type().id() == TypeId::kFloat32;
    for (int64_t i = 0; i < num_rows; ++i) {
      const double value = single ? values.values<float>()[i] : values.values<double>()[i];
      BOYO_RETURN_IF_ERROR(Accumulate(reinterpret_cast<FloatMoments*>(states[i]), value));
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    auto* into = reinterpret_cast<FloatMoments*>(target);
    const auto* from = reinterpret_cast<const FloatMoments*>(source);
    if (from->n == 0) return Status::OK();
    if (into->n == 0) {
      *into = *from;
      return Status::OK();
    }
    const double n = into->n + from->n;
    const double difference = into->sum / into->n - from->sum / from->n;
    into->squares += from->squares + into->n * from->n * difference * difference / n;
    into->sum += from->sum;
    into->n = n;
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    auto* builder = static_cast<columnar::FixedWidthBuilder<double>*>(out);
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const FloatMoments*>(states[i]);
      const double divisor = IsSample(statistic_) ? state->n - 1 : state->n;
      if (divisor <= 0) {
        out->AppendNull();
        continue;
      }
      // Rounding can leave the sum of squares a hair below zero.
      const double variance = state->squares <= 0 ? 0.0 : state->squares / divisor;
      builder->Append(IsStddev(statistic_) ? std::sqrt(variance) : variance);
    }
    return Status::OK();
  }

 private:
  static Status Accumulate(FloatMoments* state, double value) {
    const double previous_n = state->n;
    const double previous_sum = state->sum;
    state->n += 1.0;
    state->sum += value;
    if (previous_n > 0.0) {
      const double step = value * state->n - state->sum;
      state->squares += step * step / (state->n * previous_n);
      if (std::isinf(state->sum) || std::isinf(state->squares)) {
        // Overflow from finite input is an error; infinite input makes the answer NaN.
        if (!std::isinf(previous_sum) && !std::isinf(value)) {
          return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                        "value out of range: overflow");
        }
        state->squares = std::numeric_limits<double>::quiet_NaN();
      }
    } else if (std::isinf(value) || std::isnan(value)) {
      state->squares = std::numeric_limits<double>::quiet_NaN();
    }
    return Status::OK();
  }

  Statistic statistic_;
};

// Exact moments of integer or decimal input (unscaled values), with long double shadows for
// when the 128-bit sums overflow.
struct ExactMoments {
  Int128 sum;
  Int128 squares;
  long double approximate_sum;
  long double approximate_squares;
  int64_t n;
  bool overflowed;
};

Int128 ReadUnscaled(const Array& array, int64_t i) {
  switch (array.type().id()) {
    case TypeId::kInt16:
      return array.values<int16_t>()[i];
    case TypeId::kInt32:
      return array.values<int32_t>()[i];
    case TypeId::kInt64:
      return array.values<int64_t>()[i];
    default: {
      Int128 value;
      std::memcpy(&value, array.buffers()[1]->data() + (array.offset() + i) * 16, 16);
      return value;
    }
  }
}

class ExactStatisticAggregate final : public AggregateFunction {
 public:
  ExactStatisticAggregate(Statistic statistic, int input_scale, int result_scale)
      : statistic_(statistic), input_scale_(input_scale), result_scale_(result_scale) {}
  size_t state_size() const override { return sizeof(ExactMoments); }
  void Init(uint8_t* state) const override { new (state) ExactMoments{0, 0, 0, 0, 0, false}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const Array& values = *args[0];
    for (int64_t i = 0; i < num_rows; ++i) {
      auto* state = reinterpret_cast<ExactMoments*>(states[i]);
      const Int128 value = ReadUnscaled(values, i);
      ++state->n;
      state->approximate_sum += static_cast<long double>(value);
      state->approximate_squares += static_cast<long double>(value) * value;
      Int128 square;
      state->overflowed = state->overflowed || __builtin_mul_overflow(value, value, &square) ||
                          __builtin_add_overflow(state->squares, square, &state->squares) ||
                          __builtin_add_overflow(state->sum, value, &state->sum);
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    auto* into = reinterpret_cast<ExactMoments*>(target);
    const auto* from = reinterpret_cast<const ExactMoments*>(source);
    into->n += from->n;
    into->approximate_sum += from->approximate_sum;
    into->approximate_squares += from->approximate_squares;
    into->overflowed = into->overflowed || from->overflowed ||
                       __builtin_add_overflow(into->sum, from->sum, &into->sum) ||
                       __builtin_add_overflow(into->squares, from->squares, &into->squares);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    const DataType type = DataType::Decimal(kMaxDigits, static_cast<uint8_t>(result_scale_));
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const ExactMoments*>(states[i]);
      const int64_t divisor_count = IsSample(statistic_) ? state->n - 1 : state->n;
      if (divisor_count <= 0) {
        out->AppendNull();
        continue;
      }
      BOYO_ASSIGN_OR_RETURN(const Int128 result, Compute(*state));
      BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Decimal(result, type)));
    }
    return Status::OK();
  }

 private:
  // The statistic, unscaled at result_scale_. The variance is (n * squares - sum^2) / (n * d)
  // with d = n - 1 or n, at twice the input's scale.
  Result<Int128> Compute(const ExactMoments& state) const {
    const Int128 n = state.n;
    const Int128 d = IsSample(statistic_) ? n - 1 : n;
    const int shift = result_scale_ - 2 * input_scale_;
    Int128 numerator = 0;
    Int128 denominator = 0;
    Int128 scaled = 0;
    Int128 sum_squared = 0;
    bool exact = !state.overflowed && !__builtin_mul_overflow(n, state.squares, &numerator) &&
                 !__builtin_mul_overflow(state.sum, state.sum, &sum_squared) &&
                 !__builtin_sub_overflow(numerator, sum_squared, &numerator) &&
                 !__builtin_mul_overflow(n, d, &denominator) && shift >= 0 &&
                 !__builtin_mul_overflow(numerator, Pow10(shift), &scaled);
    if (exact && numerator <= 0) return Int128{0};
    if (exact && !IsStddev(statistic_)) {
      // Round half away from zero, as PostgreSQL's numeric division does.
      Int128 quotient = scaled / denominator;
      if ((scaled % denominator) * 2 >= denominator) ++quotient;
      return CheckRange(quotient);
    }
    long double variance;  // in input units squared
    if (exact) {
      variance = static_cast<long double>(numerator) / static_cast<long double>(denominator);
    } else {
      const long double count = static_cast<long double>(state.n);
      variance =
          (count * state.approximate_squares - state.approximate_sum * state.approximate_sum) /
          (count * static_cast<long double>(d));
      if (!(variance > 0)) return Int128{0};
    }
    long double value;
    if (IsStddev(statistic_)) {
      value = std::sqrt(variance) * std::pow(10.0L, result_scale_ - input_scale_);
    } else {
      value = variance * std::pow(10.0L, shift);
    }
    if (!(value < 1e38L)) return Overflow();
    return CheckRange(static_cast<Int128>(std::roundl(value)));
  }

  Result<Int128> CheckRange(Int128 value) const {
    if (value >= Pow10(kMaxDigits)) return Overflow();
    return value;
  }

  static Status Overflow() {
    return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                  "numeric field overflow");
  }

  Statistic statistic_;
  int input_scale_;
  int result_scale_;
};

using Made = Result<std::shared_ptr<const AggregateFunction>>;

// The scale of the numeric result for input of `scale`.
int ResultScale(int input_scale) {
  return std::min(kMaxDigits, std::max(kMinimumScale, 2 * input_scale));
}

DataType ExactResult(const DataType& input) {
  const int scale = input.id() == TypeId::kDecimal ? input.scale() : 0;
  return DataType::Decimal(kMaxDigits, static_cast<uint8_t>(ResultScale(scale)));
}

sql::AggregateOverload Overload(Statistic statistic, const DataType& input) {
  sql::AggregateOverload overload;
  overload.parameters = {input};
  if (input.is_floating()) {
    overload.result = DataType::Float64();
    overload.make = [statistic](std::span<const DataType>) -> Made {
      return std::shared_ptr<const AggregateFunction>(
          std::make_shared<FloatStatisticAggregate>(statistic));
    };
    return overload;
  }
  overload.result = input.id() == TypeId::kDecimal ? AnyDecimal() : ExactResult(input);
  if (input.id() == TypeId::kDecimal) {
    overload.result_rule = [](std::span<const DataType> args) -> Result<DataType> {
      return ExactResult(args[0]);
    };
  }
  overload.make = [statistic](std::span<const DataType> args) -> Made {
    const int scale = args[0].id() == TypeId::kDecimal ? args[0].scale() : 0;
    return std::shared_ptr<const AggregateFunction>(
        std::make_shared<ExactStatisticAggregate>(statistic, scale, ResultScale(scale)));
  };
  return overload;
}

}  // namespace

void RegisterStatisticalAggregates(FunctionRegistry& registry) {
  const std::pair<const char*, Statistic> names[] = {
      {"variance", Statistic::kVarianceSample},    {"var_samp", Statistic::kVarianceSample},
      {"var_pop", Statistic::kVariancePopulation}, {"stddev", Statistic::kStddevSample},
      {"stddev_samp", Statistic::kStddevSample},   {"stddev_pop", Statistic::kStddevPop},
  };
  for (const auto& [name, statistic] : names) {
    sql::AggregateFunctionSet set;
    set.name = name;
    for (const DataType& input : {DataType::Int16(), DataType::Int32(), DataType::Int64(),
                                  AnyDecimal(), DataType::Float32(), DataType::Float64()}) {
      set.overloads.push_back(Overload(statistic, input));
    }
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
