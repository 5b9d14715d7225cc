// Arrays and text: array_to_string(array, delimiter [, null_string]) and
// string_to_array(text, delimiter [, null_string]), with PostgreSQL 15's rules. array_to_string
// prints each element with its type's output function (booleans as t/f), walks a
// multi-dimensional array in storage order and leaves NULL elements out unless null_string is
// given. string_to_array splits on every occurrence of the delimiter; a NULL delimiter splits
// into characters, an empty one keeps the whole string as one element, an empty string gives an
// empty array, and fields equal to null_string become NULL.
// Thread safety: registration mutates the registry; the kernels are stateless and reentrant.
#include <optional>
#include <string>
#include <string_view>

#include "columnar/nested_builder.h"
#include "functions/array/array_internal.h"
#include "functions/builtin_families_internal.h"
#include "functions/cast/cast_lookup.h"
#include "functions/kernel_helpers.h"
#include "functions/string/utf8.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;
using SV = std::string_view;

// The leaf elements of an array as text, as PostgreSQL's output functions print them: the
// leaves themselves for TEXT, t/f for BOOLEAN, the cast to TEXT otherwise.
class ElementText {
 public:
  static Result<ElementText> Make(const columnar::ArrayPtr& leaves,
                                  const sql::EvalContext& context) {
    ElementText text;
    text.leaves_ = leaves.get();
    const TypeId id = leaves->type().id();
    if (id == TypeId::kString) {
      text.strings_ = leaves.get();
    } else if (id != TypeId::kBoolean && id != TypeId::kNull) {
      BOYO_ASSIGN_OR_RETURN(const sql::CastKernel cast,
                            FindBuiltinCast(leaves->type(), DataType::String()));
      BOYO_ASSIGN_OR_RETURN(text.cast_, cast(leaves, context));
      text.strings_ = text.cast_.get();
    }
    return text;
  }

  /// Requires: element `index` is not NULL (so the type is not NULL either).
  SV operator[](int64_t index) const {
    if (strings_ == nullptr) {
      return columnar::GetBit(leaves_->bool_bits(), leaves_->offset() + index) ? "t" : "f";
    }
    return strings_->GetView(index);
  }

 private:
  const columnar::Array* leaves_ = nullptr;
  const columnar::Array* strings_ = nullptr;  // null for BOOLEAN
  columnar::ArrayPtr cast_;
};

Result<columnar::ArrayPtr> ArrayToString(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                         const sql::EvalContext& context) {
  const columnar::Array& list = *args[0];
  const columnar::Array& delimiters = *args[1];
  const columnar::Array* null_strings = args.size() > 2 ? args[2].get() : nullptr;
  const ArgReader<SV> delimiter(delimiters);
  FlatElements elements(list);
  BOYO_ASSIGN_OR_RETURN(const ElementText text, ElementText::Make(elements.leaves_ptr(), context));
  std::optional<ArgReader<SV>> null_string;
  if (null_strings != nullptr) null_string.emplace(*null_strings);
  columnar::BinaryBuilder builder(DataType::String());
  std::string row;
  for (int64_t i = 0; i < num_rows; ++i) {
    if (list.IsNull(i) || delimiters.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    const bool print_nulls = null_strings != nullptr && null_strings->IsValid(i);
    elements.Reset(i);
    row.clear();
    bool first = true;
    for (int64_t k = 0; k < elements.size(); ++k) {
      const int64_t index = elements[k];
      const bool is_null = elements.leaves().IsNull(index);
      if (is_null && !print_nulls) continue;
      if (!first) row.append(delimiter[i]);
      first = false;
      row.append(is_null ? (*null_string)[i] : text[index]);
    }
    builder.Append(row);
  }
  return builder.Finish();
}

// Appends one field of string_to_array: NULL when it equals the null string.
void AppendField(SV field, const std::optional<SV>& null_string, columnar::BinaryBuilder& out) {
  if (null_string && field == *null_string) {
    out.AppendNull();
  } else {
    out.Append(field);
  }
}

Result<columnar::ArrayPtr> StringToArray(std::span<const columnar::ArrayPtr> args, int64_t num_rows,
                                         const sql::EvalContext&) {
  const columnar::Array& inputs = *args[0];
  const columnar::Array& delimiters = *args[1];
  const columnar::Array* null_strings = args.size() > 2 ? args[2].get() : nullptr;
  const ArgReader<SV> input(inputs);
  const ArgReader<SV> delimiter(delimiters);
  std::optional<ArgReader<SV>> null_string_reader;
  if (null_strings != nullptr) null_string_reader.emplace(*null_strings);
  columnar::ListBuilder builder(DataType::List(DataType::String()));
  auto& fields = static_cast<columnar::BinaryBuilder&>(builder.element_builder());
  for (int64_t i = 0; i < num_rows; ++i) {
    if (inputs.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    const SV text = input[i];
    std::optional<SV> null_string;
    if (null_strings != nullptr && null_strings->IsValid(i)) null_string = (*null_string_reader)[i];
    if (text.empty()) {
      // An empty string is an empty array, whatever the delimiter.
    } else if (delimiters.IsNull(i)) {
      for (size_t pos = 0; pos < text.size();) {
        const size_t length = Utf8CharBytes(text, pos);
        AppendField(text.substr(pos, length), null_string, fields);
        pos += length;
      }
    } else if (delimiter[i].empty()) {
      AppendField(text, null_string, fields);
    } else {
      const SV separator = delimiter[i];
      size_t start = 0;
      while (true) {
        const size_t found = text.find(separator, start);
        if (found == SV::npos) {
          AppendField(text.substr(start), null_string, fields);
          break;
        }
        AppendField(text.substr(start, found - start), null_string, fields);
        start = found + separator.size();
      }
    }
    BOYO_RETURN_IF_ERROR(FinishListRow(builder));
  }
  return builder.Finish();
}

}  // namespace

void RegisterArrayTextFunctions(FunctionRegistry& registry) {
  const DataType any_array = sql::AnyArray();
  const DataType text = DataType::String();
  registry.AddScalar({"array_to_string",
                      {Overload({any_array, text}, text, ArrayToString),
                       Overload({any_array, text, text}, text, ArrayToString)}});
  registry.AddScalar({"string_to_array",
                      {Overload({text, text}, DataType::List(text), StringToArray),
                       Overload({text, text, text}, DataType::List(text), StringToArray)}});
}

}  // namespace boyodb::functions
