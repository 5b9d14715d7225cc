#include "functions/aggregate/collecting_aggregates.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include "columnar/builder.h"
#include "columnar/nested_builder.h"
#include "common/sqlstate.h"
#include "exec/operators/row_values.h"
#include "functions/function_registry.h"

namespace boyodb::functions {

namespace {

using columnar::Array;
using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;

// A group's values in arrival order, and the direct argument of percentile_* (the fraction,
// taken from the group's first row as PostgreSQL evaluates it once).
struct Collection {
  std::unique_ptr<ArrayBuilder> values;
  double fraction = 0;
};

Collection*& SlotOf(uint8_t* state) { return *reinterpret_cast<Collection**>(state); }
Collection* SlotOf(const uint8_t* state) { return *reinterpret_cast<Collection* const*>(state); }

// The shared state handling: one heap Collection per group, made at its first value.
class CollectingAggregate : public AggregateFunction {
 public:
  CollectingAggregate(DataType value_type, bool has_fraction)
      : value_type_(std::move(value_type)), has_fraction_(has_fraction) {}
  size_t state_size() const override { return sizeof(Collection*); }
  void Init(uint8_t* state) const override { SlotOf(state) = nullptr; }
  void Destroy(uint8_t* state) const override { delete SlotOf(state); }
  bool owns_memory() const override { return true; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const Array& values = *args[has_fraction_ ? 1 : 0];
    for (int64_t i = 0; i < num_rows; ++i) {
      Collection*& slot = SlotOf(states[i]);
      if (slot == nullptr) {
        slot = new Collection{columnar::MakeBuilder(value_type_), 0};
        if (has_fraction_) slot->fraction = args[0]->values<double>()[i];
      }
      slot->values->AppendArray(values, i, 1);
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    Collection* from = SlotOf(source);
    if (from == nullptr) return Status::OK();
    // Reading a builder means finishing it; the source gets a fresh copy back.
    const ArrayPtr values = from->values->Finish();
    from->values = columnar::MakeBuilder(value_type_);
    from->values->AppendArray(*values, 0, values->length());
    Collection*& into = SlotOf(target);
    if (into == nullptr) into = new Collection{columnar::MakeBuilder(value_type_), from->fraction};
    into->values->AppendArray(*values, 0, values->length());
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    for (int64_t i = 0; i < num_states; ++i) {
      Collection* collection = SlotOf(states[i]);
      if (collection == nullptr) {
        out->AppendNull();
        continue;
      }
      const ArrayPtr values = collection->values->Finish();
      BOYO_RETURN_IF_ERROR(Produce(*values, collection->fraction, out));
    }
    return Status::OK();
  }

 protected:
  /// Appends the group's result, given its values in order (at least one).
  virtual Status Produce(const Array& values, double fraction, ArrayBuilder* out) const = 0;

  static Status CheckFraction(double fraction) {
    if (fraction >= 0 && fraction <= 1) return Status::OK();
    char text[64];
    std::snprintf(text, sizeof(text), "%g", fraction);
    return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                  std::string("percentile value ") + text + " is not between 0 and 1");
  }

 private:
  DataType value_type_;
  bool has_fraction_;
};

// array_agg(x): the values, NULLs included, as an array.
class ArrayAggAggregate final : public CollectingAggregate {
 public:
  explicit ArrayAggAggregate(DataType element) : CollectingAggregate(std::move(element), false) {}

 protected:
  Status Produce(const Array& values, double, ArrayBuilder* out) const override {
    auto* list = static_cast<columnar::ListBuilder*>(out);
    list->element_builder().AppendArray(values, 0, values.length());
    list->FinishList();
    return Status::OK();
  }
};

// percentile_disc(f) WITHIN GROUP (ORDER BY x): the first value whose position in the order
// reaches the fraction f of the rows.
class PercentileDiscAggregate final : public CollectingAggregate {
 public:
  explicit PercentileDiscAggregate(DataType type) : CollectingAggregate(std::move(type), true) {}

 protected:
  Status Produce(const Array& values, double fraction, ArrayBuilder* out) const override {
    BOYO_RETURN_IF_ERROR(CheckFraction(fraction));
    const auto row =
        static_cast<int64_t>(std::ceil(fraction * static_cast<double>(values.length())));
    out->AppendArray(values, row > 0 ? row - 1 : 0, 1);
    return Status::OK();
  }
};

// percentile_cont(f) WITHIN GROUP (ORDER BY x): interpolates linearly between the two values
// around position f * (n - 1), as PostgreSQL does.
class PercentileContAggregate final : public CollectingAggregate {
 public:
  PercentileContAggregate() : CollectingAggregate(DataType::Float64(), true) {}

 protected:
  Status Produce(const Array& values, double fraction, ArrayBuilder* out) const override {
    BOYO_RETURN_IF_ERROR(CheckFraction(fraction));
    const double position = fraction * static_cast<double>(values.length() - 1);
    const auto first = static_cast<int64_t>(std::floor(position));
    const auto second = static_cast<int64_t>(std::ceil(position));
    const double low = values.values<double>()[first];
    double result = low;
    if (second != first) {
      const double high = values.values<double>()[second];
      result = low + (position - static_cast<double>(first)) * (high - low);
    }
    static_cast<columnar::FixedWidthBuilder<double>*>(out)->Append(result);
    return Status::OK();
  }
};

// mode() WITHIN GROUP (ORDER BY x): the most frequent value; among equally frequent values the
// first in the order.
class ModeAggregate final : public CollectingAggregate {
 public:
  explicit ModeAggregate(DataType type) : CollectingAggregate(std::move(type), false) {}

 protected:
  Status Produce(const Array& values, double, ArrayBuilder* out) const override {
    int64_t best = 0;
    int64_t best_count = 0;
    int64_t run_start = 0;
    const int64_t n = values.length();
    for (int64_t i = 1; i <= n; ++i) {
      if (i < n && exec::CompareValues(values, i, values, run_start) == 0) continue;
      if (i - run_start > best_count) {
        best = run_start;
        best_count = i - run_start;
      }
      run_start = i;
    }
    out->AppendArray(values, best, 1);
    return Status::OK();
  }
};

using Made = Result<std::shared_ptr<const AggregateFunction>>;

sql::AggregateOverload Overload(std::vector<DataType> parameters, DataType result,
                                std::function<Made(std::span<const DataType>)> make) {
  sql::AggregateOverload overload;
  overload.parameters = std::move(parameters);
  overload.result = std::move(result);
  overload.make = std::move(make);
  return overload;
}

}  // namespace

void RegisterCollectingAggregates(FunctionRegistry& registry) {
  const DataType any;  // TypeId kNull: any type
  {
    sql::AggregateFunctionSet set;
    set.name = "array_agg";
    sql::AggregateOverload overload =
        Overload({any}, any, [](std::span<const DataType> args) -> Made {
          return std::shared_ptr<const AggregateFunction>(
              std::make_shared<ArrayAggAggregate>(args[0]));
        });
    overload.result_rule = [](std::span<const DataType> args) -> Result<DataType> {
      return DataType::List(args[0]);
    };
    overload.skip_nulls = false;  // array_agg keeps NULLs
    set.overloads.push_back(std::move(overload));
    registry.AddAggregate(std::move(set));
  }
  {
    sql::AggregateFunctionSet set;
    set.name = "percentile_cont";
    set.ordered_set = true;
    set.overloads.push_back(Overload({DataType::Float64(), DataType::Float64()},
                                     DataType::Float64(), [](std::span<const DataType>) -> Made {
                                       return std::shared_ptr<const AggregateFunction>(
                                           std::make_shared<PercentileContAggregate>());
                                     }));
    registry.AddAggregate(std::move(set));
  }
  {
    sql::AggregateFunctionSet set;
    set.name = "percentile_disc";
    set.ordered_set = true;
    set.overloads.push_back(
        Overload({DataType::Float64(), any}, any, [](std::span<const DataType> args) -> Made {
          return std::shared_ptr<const AggregateFunction>(
              std::make_shared<PercentileDiscAggregate>(args[1]));
        }));
    registry.AddAggregate(std::move(set));
  }
  {
    sql::AggregateFunctionSet set;
    set.name = "mode";
    set.ordered_set = true;
    set.overloads.push_back(Overload({any}, any, [](std::span<const DataType> args) -> Made {
      return std::shared_ptr<const AggregateFunction>(std::make_shared<ModeAggregate>(args[0]));
    }));
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
