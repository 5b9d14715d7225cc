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
/// TEXT to the array type `to` (a LIST, a list of lists for more dimensions): PostgreSQL's
/// array input syntax, each element converted by `element_cast`, the cast of TEXT to the
/// innermost element type (cast/array_text_cast.cc). Errors: 22P02 "malformed array literal"
/// (PostgreSQL's DETAIL after a colon), 2202E and 54000 as PostgreSQL raises them, the element
/// cast's errors, and 0A000 for a lower bound other than 1 or a literal whose number of
/// dimensions is not that of `to` (an empty '{}' fits any).
sql::CastKernel ArrayFromTextCast(const types::DataType& to, sql::CastKernel element_cast);

}  // namespace boyodb::functions
