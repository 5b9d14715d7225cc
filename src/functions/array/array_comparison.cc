// Operators on two arrays of one type: the comparisons = <> < <= > >= in PostgreSQL 15's
// array order (element by element in storage order, NULL elements equal each other and sort
// after the others, a prefix sorts first, then dimensionality decides), and containment and
// overlap @>, <@, && (elements compared by equality, multi-dimensional arrays as their
// elements; a NULL element never matches). All are NULL when either array is NULL.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/array/array_internal.h"
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;

// Runs `op(i)` for every row where both arrays are present; other rows are NULL.
template <typename Op>
columnar::ArrayPtr BooleanPerRow(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                 Op&& op) {
  columnar::BufferPtr validity = CombineValidity(args, num_rows);
  const uint8_t* valid = validity ? validity->data() : nullptr;
  BooleanOutput out(num_rows);
  for (int64_t i = 0; i < num_rows; ++i) {
    out.Set(i, RowIsValid(valid, i) && op(i));
  }
  return out.Finish(std::move(validity));
}

// A comparison operator: `accept(order)` turns the three-way order into the result.
template <typename Accept>
sql::ScalarKernel ComparisonKernel(Accept accept) {
  return [accept](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                  const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    ArrayComparer comparer(*args[0], *args[1]);
    return BooleanPerRow(args, num_rows, [&](int64_t i) { return accept(comparer.Compare(i, i)); });
  };
}

// PostgreSQL's containment test: with `match_all`, whether every element of `probe` is equal
// to some element of `pool`; without it, whether some element of probe is. NULL elements equal
// nothing, so a NULL in probe fails match_all.
bool ContainCompare(FlatElements& probe, FlatElements& pool, bool match_all) {
  const columnar::Array& probe_leaves = probe.leaves();
  const columnar::Array& pool_leaves = pool.leaves();
  for (int64_t k = 0; k < probe.size(); ++k) {
    const int64_t index = probe[k];
    if (probe_leaves.IsNull(index)) {
      if (match_all) return false;
      continue;
    }
    bool found = false;
    for (int64_t m = 0; m < pool.size() && !found; ++m) {
      const int64_t candidate = pool[m];
      found = pool_leaves.IsValid(candidate) &&
              CompareElements(probe_leaves, index, pool_leaves, candidate) == 0;
    }
    if (found && !match_all) return true;
    if (!found && match_all) return false;
  }
  return match_all;
}

enum class Containment : uint8_t { kContains, kContainedBy, kOverlaps };

sql::ScalarKernel ContainmentKernel(Containment kind) {
  return [kind](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    FlatElements left(*args[0]);
    FlatElements right(*args[1]);
    return BooleanPerRow(args, num_rows, [&](int64_t i) {
      left.Reset(i);
      right.Reset(i);
      switch (kind) {
        case Containment::kContains:
          return ContainCompare(right, left, true);
        case Containment::kContainedBy:
          return ContainCompare(left, right, true);
        case Containment::kOverlaps:
          return ContainCompare(left, right, false);
      }
      return false;
    });
  };
}

}  // namespace

void RegisterArrayComparisonOperators(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType boolean = DataType::Boolean();
  auto add = [&](const char* name, sql::ScalarKernel kernel) {
    registry.AddScalar({name, {Overload({any_array, any_array}, boolean, std::move(kernel))}});
  };
  add("=", ComparisonKernel([](int order) { return order == 0; }));
  add("<>", ComparisonKernel([](int order) { return order != 0; }));
  add("<", ComparisonKernel([](int order) { return order < 0; }));
  add("<=", ComparisonKernel([](int order) { return order <= 0; }));
  add(">", ComparisonKernel([](int order) { return order > 0; }));
  add(">=", ComparisonKernel([](int order) { return order >= 0; }));
  add("@>", ContainmentKernel(Containment::kContains));
  add("<@", ContainmentKernel(Containment::kContainedBy));
  add("&&", ContainmentKernel(Containment::kOverlaps));
}

}  // namespace boyodb::functions
