// FindBuiltinCast (cast_lookup.h): identity, NULL and array casts (TEXT to arrays in
// array_text_cast.cc), and dispatch to the cast families. Thread safety: see the header.
#include "functions/cast/cast_lookup.h"

#include "functions/cast/cast_internal.h"
#include "functions/function_errors.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;

sql::CastKernel Identity() {
  return [](const columnar::ArrayPtr& input,
            const sql::EvalContext&) -> Result<columnar::ArrayPtr> { return input; };
}

// An untyped NULL becomes a NULL of any type.
sql::CastKernel FromNull(const DataType& to) {
  return
      [to](const columnar::ArrayPtr& input, const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
        return MakeNullArray(to, input->length());
      };
}

// Arrays cast element by element; the list keeps its offsets and validity.
sql::CastKernel ListCast(const DataType& to, sql::CastKernel element_cast) {
  return [to, element_cast](const columnar::ArrayPtr& input,
                            const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr elements, element_cast(input->child(0), context));
    return std::make_shared<const columnar::Array>(to, input->length(), input->buffers(),
                                                   std::vector<columnar::ArrayPtr>{elements},
                                                   nullptr, input->offset());
  };
}

}  // namespace

Result<sql::CastKernel> FindBuiltinCast(const DataType& from, const DataType& to) {
  if (from == to) return Identity();
  if (from.id() == TypeId::kNull) return FromNull(to);
  if (from.id() == TypeId::kList && to.id() == TypeId::kList) {
    BOYO_ASSIGN_OR_RETURN(sql::CastKernel element,
                          FindBuiltinCast(from.element_type(), to.element_type()));
    return ListCast(to, std::move(element));
  }
  if (from.id() == TypeId::kString && to.id() == TypeId::kList) {
    DataType leaf = to.element_type();
    while (leaf.id() == TypeId::kList) leaf = leaf.element_type();
    Result<sql::CastKernel> element = FindBuiltinCast(from, leaf);
    if (!element.ok()) return CannotCast(from, to);
    return ArrayFromTextCast(to, std::move(*element));
  }
  sql::CastKernel kernel;
  if (to.id() == TypeId::kString) {
    kernel = FindToTextCast(from);
  } else if (from.id() == TypeId::kString) {
    kernel = FindFromTextCast(to);
  } else {
    kernel = FindNumericCast(from, to);
    if (!kernel) kernel = FindDatetimeCast(from, to);
  }
  if (!kernel) return CannotCast(from, to);
  return kernel;
}

}  // namespace boyodb::functions
