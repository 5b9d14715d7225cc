#include "formats/ipc/dictionaries.h"

#include "columnar/builder.h"
#include "columnar/dictionary.h"

namespace boyodb::formats::ipc {

using columnar::Array;
using columnar::ArrayPtr;

ArrayPtr MaterializeDictionary(const ArrayPtr& array) {
  if (!array->is_dictionary()) return array;
  if (array->type().layout() == types::Layout::kVariable) return columnar::DictionaryDecode(array);
  // Other value types: copy each referenced value. Foreign files only; not a hot path.
  const Array& dictionary = *array->dictionary();
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(array->type());
  const int32_t* indices = array->values<int32_t>();
  for (int64_t i = 0; i < array->length(); ++i) {
    if (array->IsNull(i)) {
      builder->AppendNull();
    } else {
      builder->AppendArray(dictionary, indices[i], 1);
    }
  }
  return builder->Finish();
}

bool DictionaryExtends(const Array& dictionary, const Array& previous) {
  if (dictionary.type() != previous.type() || dictionary.length() < previous.length()) {
    return false;
  }
  const bool variable = dictionary.type().layout() == types::Layout::kVariable;
  for (int64_t i = 0; i < previous.length(); ++i) {
    if (dictionary.IsNull(i) != previous.IsNull(i)) return false;
    if (dictionary.IsNull(i)) continue;
    if (variable ? dictionary.GetView(i) != previous.GetView(i)
                 : !(dictionary.GetValue(i) == previous.GetValue(i))) {
      return false;
    }
  }
  return true;
}

ArrayPtr ConcatenateArrays(const Array& dictionary, const Array& delta) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(dictionary.type());
  builder->AppendArray(dictionary, 0, dictionary.length());
  builder->AppendArray(delta, 0, delta.length());
  return builder->Finish();
}

}  // namespace boyodb::formats::ipc
