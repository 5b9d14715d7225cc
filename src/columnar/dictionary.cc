#include "columnar/dictionary.h"

#include <absl/container/flat_hash_map.h>

#include "columnar/builder.h"
#include "common/check.h"

namespace boyodb::columnar {

ArrayPtr DictionaryEncode(const Array& array) {
  BOYO_CHECK(array.type().layout() == types::Layout::kVariable && !array.is_dictionary());
  BinaryBuilder distinct(array.type());
  absl::flat_hash_map<std::string_view, int32_t> codes;
  auto indices = Buffer::Allocate(static_cast<size_t>(array.length()) * 4);
  int32_t* out = indices->mutable_data_as<int32_t>();
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsNull(i)) continue;
    const std::string_view value = array.GetView(i);
    auto [it, inserted] = codes.try_emplace(value, static_cast<int32_t>(codes.size()));
    if (inserted) distinct.Append(value);
    out[i] = it->second;
  }
  BufferPtr validity;
  if (array.null_count() > 0) {
    auto bits = Buffer::Allocate(static_cast<size_t>(BytesForBits(array.length())));
    for (int64_t i = 0; i < array.length(); ++i) {
      if (array.IsValid(i)) SetBit(bits->mutable_data(), i);
    }
    validity = std::move(bits);
  }
  // The map's keys point into the source array, which outlives this function's use of them.
  return std::make_shared<const Array>(array.type(), array.length(),
                                       std::vector<BufferPtr>{validity, std::move(indices)},
                                       std::vector<ArrayPtr>{}, distinct.Finish());
}

ArrayPtr DictionaryDecode(const ArrayPtr& array) {
  if (!array->is_dictionary()) return array;
  std::unique_ptr<ArrayBuilder> builder = MakeBuilder(array->type());
  builder->AppendArray(*array, 0, array->length());
  return builder->Finish();
}

}  // namespace boyodb::columnar
