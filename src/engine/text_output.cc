#include "engine/text_output.h"

#include "columnar/builder.h"
#include "exec/expression/evaluator.h"

namespace boyodb::engine {
namespace {

columnar::ArrayPtr BooleanLetters(const columnar::Array& values) {
  columnar::BinaryBuilder builder(types::DataType::String());
  for (int64_t row = 0; row < values.length(); ++row) {
    if (values.IsNull(row)) {
      builder.AppendNull();
    } else {
      builder.Append(columnar::GetBit(values.bool_bits(), values.offset() + row) ? "t" : "f");
    }
  }
  return builder.Finish();
}

}  // namespace

Result<TextOutput> TextOutput::Make(const std::vector<types::DataType>& types,
                                    const sql::FunctionCatalog& functions, bool boolean_letters) {
  TextOutput output;
  output.casts_.resize(types.size());
  output.letters_.resize(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i].id() == types::TypeId::kBoolean && boolean_letters) {
      output.letters_[i] = true;
    } else if (types[i].id() != types::TypeId::kString) {
      BOYO_ASSIGN_OR_RETURN(output.casts_[i],
                            functions.FindCast(types[i], types::DataType::String()));
    }
  }
  return output;
}

Result<columnar::ArrayPtr> TextOutput::Render(size_t index, const columnar::ArrayPtr& values,
                                              const sql::EvalContext& eval) const {
  columnar::ArrayPtr plain = exec::Decoded(values);
  if (letters_[index]) return BooleanLetters(*plain);
  if (!casts_[index]) return plain;
  BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr text, casts_[index](plain, eval));
  return exec::Decoded(text);
}

}  // namespace boyodb::engine
