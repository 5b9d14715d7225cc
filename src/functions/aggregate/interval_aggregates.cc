#include "functions/aggregate/interval_aggregates.h"

#include <memory>
#include <new>

#include "columnar/builder.h"
#include "functions/datetime/interval_math.h"
#include "functions/function_registry.h"
#include "types/value.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;
using types::IntervalValue;

struct IntervalSumState {
  IntervalValue sum;
  int64_t count;
};

class IntervalSumAggregate final : public AggregateFunction {
 public:
  explicit IntervalSumAggregate(bool average) : average_(average) {}
  size_t state_size() const override { return sizeof(IntervalSumState); }
  void Init(uint8_t* state) const override { new (state) IntervalSumState{{}, 0}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const IntervalValue* values = args[0]->values<IntervalValue>();
    for (int64_t i = 0; i < num_rows; ++i) {
      // Callers skip NULLs, but a window's discard state takes them; their placeholder bytes
      // must not reach the overflow check.
      if (args[0]->IsNull(i)) continue;
      BOYO_RETURN_IF_ERROR(Add(reinterpret_cast<IntervalSumState*>(states[i]), values[i], 1));
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    const auto* from = reinterpret_cast<const IntervalSumState*>(source);
    if (from->count == 0) return Status::OK();
    return Add(reinterpret_cast<IntervalSumState*>(target), from->sum, from->count);
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const IntervalSumState*>(states[i]);
      if (state->count == 0) {
        out->AppendNull();
        continue;
      }
      IntervalValue result = state->sum;
      if (average_) {
        BOYO_RETURN_IF_ERROR(
            ScaleInterval(state->sum, static_cast<double>(state->count), true, &result));
      }
      BOYO_RETURN_IF_ERROR(out->AppendValue(types::Value::Interval(result)));
    }
    return Status::OK();
  }

 private:
  static Status Add(IntervalSumState* state, const IntervalValue& value, int64_t count) {
    BOYO_RETURN_IF_ERROR(AddIntervals(state->sum, value, &state->sum));
    state->count += count;
    return Status::OK();
  }

  bool average_;
};

}  // namespace

void RegisterIntervalAggregates(FunctionRegistry& registry) {
  for (const bool average : {false, true}) {
    sql::AggregateFunctionSet set;
    set.name = average ? "avg" : "sum";
    sql::AggregateOverload overload;
    overload.parameters = {DataType::Interval()};
    overload.result = DataType::Interval();
    overload.make =
        [average](std::span<const DataType>) -> Result<std::shared_ptr<const AggregateFunction>> {
      return std::shared_ptr<const AggregateFunction>(
          std::make_shared<IntervalSumAggregate>(average));
    };
    set.overloads.push_back(std::move(overload));
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
