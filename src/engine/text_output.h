// TextOutput: a result's columns as PostgreSQL's output functions write them (what psql shows,
// what COPY TO and the wire protocol's text format send): each type's cast to text, except
// booleans, which print t and f (only the cast to text says true and false).
// Thread safety: immutable after Make; Render may run on several threads at once.
#pragma once

#include <vector>

#include "columnar/array.h"
#include "common/result.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::engine {

class TextOutput {
 public:
  /// `functions` must outlive the output. With `boolean_letters` false booleans take their
  /// cast to text, true and false (COPY's JSON). 42846 for a type without a text form.
  static Result<TextOutput> Make(const std::vector<types::DataType>& types,
                                 const sql::FunctionCatalog& functions,
                                 bool boolean_letters = true);

  /// Column `index`'s values as a plain (not dictionary-encoded) TEXT array, NULL where the value
  /// is NULL.
  Result<columnar::ArrayPtr> Render(size_t index, const columnar::ArrayPtr& values,
                                    const sql::EvalContext& eval) const;

 private:
  std::vector<sql::CastKernel> casts_;  // empty where the column is TEXT already
  std::vector<bool> letters_;           // booleans printed t/f
};

}  // namespace boyodb::engine
