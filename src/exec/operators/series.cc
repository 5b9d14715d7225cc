#include "exec/operators/series.h"

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"

namespace boyodb::exec {

namespace {

constexpr int64_t kRowsPerChunk = 2048;

}  // namespace

Result<std::optional<columnar::Chunk>> SeriesSource::Next(ExecContext& context) {
  if (!started_) {
    started_ = true;
    const columnar::Chunk one_row(SchemaOf({}), {}, 1);
    __int128 values[3];
    for (size_t i = 0; i < 3; ++i) {
      BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr value, Evaluate(*plan_.exprs[i], one_row, context));
      if (value->IsNull(0)) {
        done_ = true;
        return std::optional<columnar::Chunk>();
      }
      values[i] = value->type().id() == types::TypeId::kInt64 ? value->values<int64_t>()[0]
                                                              : value->values<int32_t>()[0];
    }
    if (values[2] == 0) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "step size cannot equal zero");
    }
    next_ = values[0];
    stop_ = values[1];
    step_ = values[2];
  }
  if (done_) return std::optional<columnar::Chunk>();
  const bool wide = plan_.columns[0].type.id() == types::TypeId::kInt64;
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(plan_.columns[0].type);
  int64_t rows = 0;
  // 128-bit arithmetic: the value after the last one may lie outside the column's type.
  while (rows < kRowsPerChunk && (step_ > 0 ? next_ <= stop_ : next_ >= stop_)) {
    if (wide) {
      static_cast<columnar::FixedWidthBuilder<int64_t>*>(builder.get())
          ->Append(static_cast<int64_t>(next_));
    } else {
      static_cast<columnar::FixedWidthBuilder<int32_t>*>(builder.get())
          ->Append(static_cast<int32_t>(next_));
    }
    next_ += step_;
    ++rows;
  }
  if (rows == 0) {
    done_ = true;
    return std::optional<columnar::Chunk>();
  }
  return std::optional<columnar::Chunk>(
      columnar::Chunk(SchemaOf(plan_.columns), {builder->Finish()}, rows));
}

}  // namespace boyodb::exec
