#include "functions/aggregate/approx_count_distinct.h"

#include <memory>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "common/hash.h"
#include "exec/operators/row_values.h"
#include "functions/aggregate/hyperloglog.h"
#include "functions/function_registry.h"

namespace boyodb::functions {

namespace {

using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;

HyperLogLog*& SketchOf(uint8_t* state) { return *reinterpret_cast<HyperLogLog**>(state); }
const HyperLogLog* SketchOf(const uint8_t* state) {
  return *reinterpret_cast<HyperLogLog* const*>(state);
}

class ApproxCountDistinctAggregate final : public AggregateFunction {
 public:
  size_t state_size() const override { return sizeof(HyperLogLog*); }
  void Init(uint8_t* state) const override { SketchOf(state) = nullptr; }
  void Destroy(uint8_t* state) const override { delete SketchOf(state); }
  bool owns_memory() const override { return true; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    // The grouping key encoding makes values that GROUP BY treats as equal hash alike.
    const std::vector<ArrayPtr> column{args[0]};
    std::string key;
    for (int64_t i = 0; i < num_rows; ++i) {
      key.clear();
      exec::AppendRowKey(column, i, &key);
      HyperLogLog*& sketch = SketchOf(states[i]);
      if (sketch == nullptr) sketch = new HyperLogLog();
      sketch->Add(hash::Bytes(key));
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    const HyperLogLog* from = SketchOf(source);
    if (from == nullptr) return Status::OK();
    HyperLogLog*& into = SketchOf(target);
    if (into == nullptr) into = new HyperLogLog();
    into->Merge(*from);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    auto* builder = static_cast<columnar::FixedWidthBuilder<int64_t>*>(out);
    for (int64_t i = 0; i < num_states; ++i) {
      const HyperLogLog* sketch = SketchOf(states[i]);
      builder->Append(sketch == nullptr ? 0 : sketch->Estimate());
    }
    return Status::OK();
  }
};

}  // namespace

void RegisterApproxCountDistinct(FunctionRegistry& registry) {
  sql::AggregateFunctionSet set;
  set.name = "approx_count_distinct";
  sql::AggregateOverload overload;
  overload.parameters = {DataType()};  // any type
  overload.result = DataType::Int64();
  overload.make =
      [](std::span<const DataType>) -> Result<std::shared_ptr<const AggregateFunction>> {
    return std::shared_ptr<const AggregateFunction>(
        std::make_shared<ApproxCountDistinctAggregate>());
  };
  set.overloads.push_back(std::move(overload));
  registry.AddAggregate(std::move(set));
}

}  // namespace boyodb::functions
