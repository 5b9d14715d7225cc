// The || operator on TEXT and BYTEA (NULL when either side is NULL), and the variadic concat()
// and concat_ws() on TEXT, which skip NULL arguments; concat_ws is NULL only when its
// separator is. Non-text arguments reach these through the binder's casts to TEXT.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include "functions/builtin_families_internal.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using SV = std::string_view;

Status Concatenate(SV a, SV b, std::string* out) {
  out->append(a);
  out->append(b);
  return Status::OK();
}

// concat (skip_first = false) and concat_ws (the first argument is the separator).
sql::ScalarKernel VariadicConcat(bool with_separator) {
  return [with_separator](std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                          const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
    std::vector<ArgReader<SV>> readers;
    readers.reserve(args.size());
    for (const columnar::ArrayPtr& arg : args) readers.emplace_back(*arg);
    columnar::BinaryBuilder builder(DataType::String());
    std::string row;
    const size_t first_value = with_separator ? 1 : 0;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (with_separator && args[0]->IsNull(i)) {
        builder.AppendNull();
        continue;
      }
      const SV separator = with_separator ? readers[0][i] : SV();
      row.clear();
      bool first = true;
      for (size_t arg = first_value; arg < args.size(); ++arg) {
        if (args[arg]->IsNull(i)) continue;
        if (!first) row.append(separator);
        row.append(readers[arg][i]);
        first = false;
      }
      builder.Append(row);
    }
    return builder.Finish();
  };
}

sql::ScalarOverload VariadicOverload(std::vector<DataType> parameters, bool with_separator) {
  sql::ScalarOverload overload =
      Overload(std::move(parameters), DataType::String(), VariadicConcat(with_separator));
  overload.variadic = true;
  return overload;
}

}  // namespace

void RegisterConcatFunctions(FunctionRegistry& registry) {
  const DataType text = DataType::String();
  const DataType bytea = DataType::Binary();
  registry.AddScalar(
      {"||",
       {Overload({text, text}, text, RowKernel<StringResult, SV, SV>(text, Concatenate)),
        Overload({bytea, bytea}, bytea, RowKernel<StringResult, SV, SV>(bytea, Concatenate))}});
  registry.AddScalar({"concat", {VariadicOverload({text}, false)}});
  registry.AddScalar({"concat_ws", {VariadicOverload({text, text}, true)}});
}

}  // namespace boyodb::functions
