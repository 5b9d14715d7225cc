#include "functions/aggregate/bitwise_aggregates.h"

#include <cstring>
#include <memory>
#include <new>

#include "columnar/builder.h"
#include "functions/function_registry.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayBuilder;
using columnar::ArrayPtr;
using sql::AggregateFunction;
using types::DataType;

enum class BitOp : uint8_t { kAnd, kOr, kXor };

// The running value and whether any row reached the group.
template <typename T>
struct BitState {
  T value;
  bool seen;
};

template <typename T>
class BitwiseAggregate final : public AggregateFunction {
 public:
  explicit BitwiseAggregate(BitOp op) : op_(op) {}
  size_t state_size() const override { return sizeof(BitState<T>); }
  void Init(uint8_t* state) const override { new (state) BitState<T>{0, false}; }
  Status Update(uint8_t* const* states, std::span<const ArrayPtr> args,
                int64_t num_rows) const override {
    const T* values = args[0]->values<T>();
    for (int64_t i = 0; i < num_rows; ++i) {
      Combine(reinterpret_cast<BitState<T>*>(states[i]), values[i]);
    }
    return Status::OK();
  }
  Status Merge(uint8_t* target, const uint8_t* source) const override {
    const auto* from = reinterpret_cast<const BitState<T>*>(source);
    if (from->seen) Combine(reinterpret_cast<BitState<T>*>(target), from->value);
    return Status::OK();
  }
  Status Finalize(const uint8_t* const* states, int64_t num_states,
                  ArrayBuilder* out) const override {
    auto* builder = static_cast<columnar::FixedWidthBuilder<T>*>(out);
    for (int64_t i = 0; i < num_states; ++i) {
      const auto* state = reinterpret_cast<const BitState<T>*>(states[i]);
      if (state->seen) {
        builder->Append(state->value);
      } else {
        builder->AppendNull();
      }
    }
    return Status::OK();
  }

 private:
  void Combine(BitState<T>* state, T value) const {
    if (!state->seen) {
      state->value = value;
      state->seen = true;
      return;
    }
    switch (op_) {
      case BitOp::kAnd:
        state->value = static_cast<T>(state->value & value);
        break;
      case BitOp::kOr:
        state->value = static_cast<T>(state->value | value);
        break;
      case BitOp::kXor:
        state->value = static_cast<T>(state->value ^ value);
        break;
    }
  }

  BitOp op_;
};

using Made = Result<std::shared_ptr<const AggregateFunction>>;

template <typename T>
sql::AggregateOverload BitwiseOverload(DataType type, BitOp op) {
  sql::AggregateOverload overload;
  overload.parameters = {type};
  overload.result = type;
  overload.make = [op](std::span<const DataType>) -> Made {
    return std::shared_ptr<const AggregateFunction>(std::make_shared<BitwiseAggregate<T>>(op));
  };
  return overload;
}

}  // namespace

void RegisterBitwiseAggregates(FunctionRegistry& registry) {
  const struct {
    const char* name;
    BitOp op;
  } kFunctions[] = {{"bit_and", BitOp::kAnd}, {"bit_or", BitOp::kOr}, {"bit_xor", BitOp::kXor}};
  for (const auto& function : kFunctions) {
    sql::AggregateFunctionSet set;
    set.name = function.name;
    set.overloads.push_back(BitwiseOverload<int16_t>(DataType::Int16(), function.op));
    set.overloads.push_back(BitwiseOverload<int32_t>(DataType::Int32(), function.op));
    set.overloads.push_back(BitwiseOverload<int64_t>(DataType::Int64(), function.op));
    registry.AddAggregate(std::move(set));
  }
}

}  // namespace boyodb::functions
