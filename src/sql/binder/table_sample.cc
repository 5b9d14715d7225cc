// TABLESAMPLE BERNOULLI(p) and SYSTEM(p) [REPEATABLE (seed)]: a filter over the table's scan.
// BERNOULLI keeps each row with probability p/100; SYSTEM keeps or skips whole batches of the
// scan, as PostgreSQL's SYSTEM keeps or skips whole pages. REPEATABLE promises the same sample
// for the same seed while the table is unchanged: rows are then chosen by a hash of the seed
// and their values (rows with equal values are kept or skipped together), so the choice does
// not depend on how the rows happen to be stored.
#include <cstring>
#include <optional>
#include <random>

#include "common/hash.h"
#include "common/sqlstate.h"
#include "sql/binder/expression_binder.h"
#include "sql/binder/query_binder.h"

namespace boyodb::sql {

namespace {

using types::DataType;
using types::Value;

Status SampleError(std::string_view sqlstate, const std::string& message, int32_t position) {
  return Status(StatusCode::kInvalidArgument, sqlstate, message).WithPosition(position);
}

// A hash of row `row` over `columns`: the same values give the same hash wherever the row is
// stored, so a seeded sample does not depend on how the table is laid out.
uint64_t RowHash(std::span<const columnar::ArrayPtr> columns, int64_t row) {
  uint64_t hash = 0x9e3779b97f4a7c15ULL;
  for (const columnar::ArrayPtr& column : columns) {
    uint64_t value = 0;
    if (column->IsNull(row)) {
      value = 0x5bd1e995ULL;
    } else {
      switch (column->type().layout()) {
        case types::Layout::kBitmap:
          value = columnar::GetBit(column->bool_bits(), column->offset() + row) ? 1 : 2;
          break;
        case types::Layout::kFixedWidth: {
          const int width = column->type().fixed_width();
          const uint8_t* bytes = column->buffers()[1]->data() + (column->offset() + row) * width;
          value = hash::Bytes(bytes, static_cast<size_t>(width));
          break;
        }
        case types::Layout::kVariable:
          value = hash::Bytes(column->GetView(row));
          break;
        default:
          value = hash::Bytes(column->GetValue(row).ToString());
          break;
      }
    }
    hash = hash::Mix64(hash ^ value);
  }
  return hash;
}

// The predicate a sample filters on: TRUE for the rows it keeps. A row (BERNOULLI) or a whole
// batch of the scan (SYSTEM) is kept when a 64-bit key falls below `fraction` of 2^64: a
// random key, or with a seed a hash of the seed and the row's values (the batch's first row
// for SYSTEM), so the same seed keeps the same rows of an unchanged table.
BoundExprPtr KeepRows(std::vector<BoundExprPtr> columns, double fraction,
                      std::optional<uint64_t> seed, bool whole_batches) {
  const bool keep_all = fraction >= 1.0;
  const uint64_t threshold =
      keep_all ? 0 : static_cast<uint64_t>(fraction * 18446744073709551616.0);
  auto call = std::make_shared<BoundExpr>();
  call->kind = BoundKind::kCall;
  call->type = DataType::Boolean();
  call->function_name = "tablesample";
  call->volatility = Volatility::kVolatile;
  call->children = std::move(columns);
  call->kernel = [=](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                     const EvalContext&) -> Result<columnar::ArrayPtr> {
    thread_local std::mt19937_64 random{std::random_device{}()};
    auto key = [&](int64_t row) -> uint64_t {
      return seed.has_value() ? hash::Mix64(*seed ^ RowHash(args, row)) : random();
    };
    columnar::BooleanBuilder keep;
    if (whole_batches) {
      const bool kept = keep_all || (num_rows > 0 && key(0) < threshold);
      for (int64_t i = 0; i < num_rows; ++i) keep.Append(kept);
    } else {
      for (int64_t i = 0; i < num_rows; ++i) keep.Append(keep_all || key(i) < threshold);
    }
    return keep.Finish();
  };
  return call;
}

}  // namespace

Result<LogicalPtr> QueryBinder::BindTableSample(const ast::TableSample& sample, LogicalPtr get) {
  if (sample.method != "bernoulli" && sample.method != "system") {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedObject,
                  "tablesample method " + sample.method + " does not exist")
        .WithPosition(sample.position);
  }
  if (sample.args.size() != 1) {
    return SampleError(sqlstate::kInvalidTablesampleArgument,
                       "tablesample method " + sample.method + " requires 1 argument, not " +
                           std::to_string(sample.args.size()),
                       sample.position);
  }
  // The arguments are constants of the query (parameters allowed), not of the row.
  Scope empty;
  auto constant = [&](const ast::Expr& expr, const DataType& type) -> Result<Value> {
    ExpressionBinder binder(resolver_, empty, Hooks("TABLESAMPLE"));
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(expr));
    BOYO_ASSIGN_OR_RETURN(bound,
                          coercer_.Coerce(bound, type, CastContext::kImplicit, expr.position));
    return EvaluateConstant(bound, expr.position);
  };
  // PostgreSQL takes the percentage as real and the seed as double precision.
  BOYO_ASSIGN_OR_RETURN(Value percent, constant(*sample.args[0], DataType::Float32()));
  if (percent.is_null()) {
    return SampleError(sqlstate::kInvalidTablesampleArgument,
                       "TABLESAMPLE parameter cannot be null", sample.position);
  }
  const double fraction = percent.float64() / 100.0;
  if (!(fraction >= 0.0 && fraction <= 1.0)) {
    return SampleError(sqlstate::kInvalidTablesampleArgument,
                       "sample percentage must be between 0 and 100", sample.position);
  }
  std::optional<uint64_t> seed;
  if (sample.repeatable != nullptr) {
    BOYO_ASSIGN_OR_RETURN(Value repeat, constant(*sample.repeatable, DataType::Float64()));
    if (repeat.is_null()) {
      return SampleError(sqlstate::kInvalidTablesampleRepeat,
                         "TABLESAMPLE REPEATABLE parameter cannot be null", sample.position);
    }
    const double value = repeat.float64();
    uint64_t bits = 0;
    static_assert(sizeof(bits) == sizeof(value));
    std::memcpy(&bits, &value, sizeof(bits));
    seed = hash::Mix64(bits);
  }
  // A seeded sample reads every column of the row, for its hash.
  std::vector<BoundExprPtr> columns;
  if (seed.has_value()) {
    for (size_t i = 0; i < get->columns.size(); ++i) {
      columns.push_back(MakeColumn(static_cast<int32_t>(i), get->columns[i].type));
    }
  }
  auto filter = std::make_shared<LogicalOperator>();
  filter->kind = LogicalKind::kFilter;
  filter->columns = get->columns;
  filter->condition = KeepRows(std::move(columns), fraction, seed, sample.method == "system");
  filter->children.push_back(std::move(get));
  return LogicalPtr(std::move(filter));
}

}  // namespace boyodb::sql
