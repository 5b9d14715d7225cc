// Pieces shared by the cast families: a CastKernel from a per-row conversion, and the finder
// of each family, which FindBuiltinCast consults in turn. A finder returns an empty kernel
// when it has no cast for the pair.
// Thread safety: pure; kernels are reentrant.
#pragma once

#include <utility>

#include "functions/kernel_helpers.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::functions {

/// A cast converting each valid row with `op`: `Status(From, To*)` (`std::string*` when To is
/// StringResult), see MapRows.
template <typename From, typename To, typename Op>
sql::CastKernel RowCast(types::DataType to, Op op) {
  return
      [to = std::move(to), op = std::move(op)](
          const columnar::ArrayPtr& input, const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
        const columnar::ArrayPtr args[] = {input};
        auto row_op = op;
        return MapRows<To, From>(args, input->length(), to, row_op);
      };
}

/// BOOLEAN, integers, floats and DECIMALs among themselves (cast/numeric_casts.cc).
sql::CastKernel FindNumericCast(const types::DataType& from, const types::DataType& to);
/// Any scalar type to TEXT: PostgreSQL's output functions (cast/text_output_casts.cc).
sql::CastKernel FindToTextCast(const types::DataType& from);
/// TEXT to a scalar type: PostgreSQL's input functions (cast/text_input_casts.cc).
sql::CastKernel FindFromTextCast(const types::DataType& to);
/// DATE, TIME, TIMESTAMP, TIMESTAMPTZ and INTERVAL among themselves
/// (cast/datetime_casts.cc).
sql::CastKernel FindDatetimeCast(const types::DataType& from, const types::DataType& to);

}  // namespace boyodb::functions
