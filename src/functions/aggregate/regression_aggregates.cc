#include "functions/aggregate/regression_aggregates.h"

#include <cmath>
#include <limits>
#include <memory>
#include <new>
#include <optional>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/function_registry.h"

namespace boyodb::functions {

namespace {

using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;

enum class Statistic : uint8_t {
  kCorr,
  kCovarPop,
  kCovarSamp,
  kCount,
  kAvgX,
  kAvgY,
  kSxx,
  kSyy,
  kSxy,
  kSlope,
  kIntercept,
  kR2,
};

// PostgreSQL's float8_regr_accum state: N, Sx, Sxx, Sy, Syy, Sxy, where Sxx, Syy and Sxy are
// sums of squared and crossed deviations from the running means.
struct Moments {
  double n;
  double sx;
  double sxx;
  double sy;
  double syy;
  double sxy;
};

Status Overflow() {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                "value out of range: overflow");
}

Status Accumulate(Moments* state, double y, double x) {
  const Moments before = *state;
  state->n += 1.0;
  state->sx += x;
  state->sy += y;
  if (before.n > 0.0) {
    const double dx = x * state->n - state->sx;
    const double dy = y * state->n - state->sy;
    const double scale = 1.0 / (state->n * before.n);
    state->sxx += dx * dx * scale;
    state->syy += dy * dy * scale;
    state->sxy += dx * dy * scale;
    // Overflow from finite input is an error; infinite input makes the answers NaN.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(state->sx) || std::isinf(state->sxx)) {
      if (!std::isinf(before.sx) && !std::isinf(x)) return Overflow();
      state->sxx = nan;
    }
    if (std::isinf(state->sy) || std::isinf(state->syy)) {
      if (!std::isinf(before.sy) && !std::isinf(y)) return Overflow();
      state->syy = nan;
    }
    if (std::isinf(state->sxy)) {
      if (!std::isinf(before.sx) && !std::isinf(x) && !std::isinf(before.sy) && !std::isinf(y)) {
        return Overflow();
      }
      state->sxy = nan;
    }
  } else {
    // The first pair: deviations are 0 unless a value is not finite.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(x)) state->sxx = state->sxy = nan;
    if (!std::isfinite(y)) state->syy = state->sxy = nan;
  }
  return Status::OK();
}

class RegressionAggregate final : public AggregateFunction {
 public:
  explicit RegressionAggregate(Statistic statistic) : statistic_(statistic) {}
  size_t state_size() const override { return sizeof(Moments); }
  void Init(uint8_t* state) const override { new (state) Moments{0, 0, 0, 0, 0, 0}; }

  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const double* y = args[0]->values<double>();
    const double* x = args[1]->values<double>();
    for (int64_t i = 0; i < num_rows; ++i) {
      BOYO_RETURN_IF_ERROR(Accumulate(reinterpret_cast<Moments*>(states[i]), y[i], x[i]));
    }
    return Status::OK();
  }

  Status Merge(uint8_t* target, const uint8_t* source) const override {
    auto* into = reinterpret_cast<Moments*>(target);
    const auto* from = reinterpret_cast<const Moments*>(source);
    if (from->n == 0) return Status::OK();
    if (into->n == 0) {
      *into = *from;
      return Status::OK();
    }
    const double n = into->n + from->n;
    const double dx = into->sx / into->n - from->sx / from->n;
    const double dy = into->sy / into->n - from->sy / from->n;
    const double weight = into->n * from->n / n;
    into->sxx += from->sxx + weight * dx * dx;
    into->syy += from->syy + weight * dy * dy;
    into->sxy += from->sxy + weight * dx * dy;
    into->sx += from->sx;
    into->sy += from->sy;
    into->n = n;
    return Status::OK();
  }

  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    if (statistic_ == Statistic::kCount) {
      auto* builder = static_cast<columnar::FixedWidthBuilder<int64_t>*>(out);
      for (int64_t i = 0; i < num_states; ++i) {
        builder->Append(static_cast<int64_t>(reinterpret_cast<const Moments*>(states[i])->n));
      }
      return Status::OK();
    }
    auto* builder = static_cast<columnar::FixedWidthBuilder<double>*>(out);
    for (int64_t i = 0; i < num_states; ++i) {
      const std::optional<double> value = Compute(*reinterpret_cast<const Moments*>(states[i]));
      if (value) {
        builder->Append(*value);
      } else {
        builder->AppendNull();
      }
    }
    return Status::OK();
  }

 private:
  // PostgreSQL's final functions (float8_corr, float8_regr_slope ...): NULL without enough
  // pairs, or where the answer divides by a zero spread.
  std::optional<double> Compute(const Moments& s) const {
    if (s.n < 1.0) return std::nullopt;
    switch (statistic_) {
      case Statistic::kCorr:
        if (s.sxx == 0 || s.syy == 0) return std::nullopt;
        return s.sxy / std::sqrt(s.sxx * s.syy);
      case Statistic::kCovarPop:
        return s.sxy / s.n;
      case Statistic::kCovarSamp:
        if (s.n < 2.0) return std::nullopt;
        return s.sxy / (s.n - 1.0);
      case Statistic::kAvgX:
        return s.sx / s.n;
      case Statistic::kAvgY:
        return s.sy / s.n;
      case Statistic::kSxx:
        return s.sxx;
      case Statistic::kSyy:
        return s.syy;
      case Statistic::kSxy:
        return s.sxy;
      case Statistic::kSlope:
        if (s.sxx == 0) return std::nullopt;
        return s.sxy / s.sxx;
      case Statistic::kIntercept:
        if (s.sxx == 0) return std::nullopt;
        return (s.sy - s.sx * s.sxy / s.sxx) / s.n;
      case Statistic::kR2:
        if (s.sxx == 0) return std::nullopt;
        if (s.syy == 0) return 1.0;
        return (s.sxy * s.sxy) / (s.sxx * s.syy);
      case Statistic::kCount:
        break;
    }
    return s.n;
  }

  Statistic statistic_;
};

}  // namespace

void RegisterRegressionAggregates(FunctionRegistry& registry) {
  const std::pair<const char*, Statistic> names[] = {
      {"corr", Statistic::kCorr},
      {"covar_pop", Statistic::kCovarPop},
      {"covar_samp", Statistic::kCovarSamp},
      {"regr_count", Statistic::kCount},
      {"regr_avgx", Statistic::kAvgX},
      {"regr_avgy", Statistic::kAvgY},
      {"regr_sxx", Statistic::kSxx},
      {"regr_syy", Statistic::kSyy},
      {"regr_sxy", Statistic::kSxy},
      {"regr_slope", Statistic::kSlope},
      {"regr_intercept", Statistic::kIntercept},
      {"regr_r2", Statistic::kR2},
  };
  for (const auto& [name, statistic] : names) {
    sql::AggregateOverload overload;
    overload.parameters = {DataType::Float64(), DataType::Float64()};
    overload.result = statistic == Statistic::kCount ? DataType::Int64() : DataType::Float64();
    overload.make =
        [statistic](std::span<const DataType>) -> Result<std::shared_ptr<const AggregateFunction>> {
      return std::shared_ptr<const AggregateFunction>(
          std::make_shared<RegressionAggregate>(statistic));
    };
    sql::AggregateFunctionSet set;
    set.name = name;
    set.overloads.push_back(std::move(overload));
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
