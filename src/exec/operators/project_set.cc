#include "exec/operators/project_set.h"

#include <algorithm>

#include "columnar/builder.h"
#include "columnar/selection_vector.h"
#include "exec/expression/evaluator.h"

namespace boyodb::exec {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Chunk;
using columnar::SelectionVector;

ProjectSetOperator::ProjectSetOperator(const sql::LogicalOperator& plan)
    : plan_(plan), schema_(SchemaOf(plan.columns)) {}

Result<Chunk> ProjectSetOperator::Process(Chunk input, ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  std::vector<ArrayPtr> lists;
  lists.reserve(plan_.exprs.size());
  for (const sql::BoundExprPtr& call : plan_.exprs) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr list, Evaluate(*call, input, context));
    lists.push_back(std::move(list));
  }
  auto length_of = [](const Array& list, int64_t row) -> int64_t {
    return list.IsNull(row) ? 0 : list.offsets()[row + 1] - list.offsets()[row];
  };
  // Which input row each output row repeats, and its position among that row's outputs.
  SelectionVector owners;
  std::vector<int64_t> positions;
  for (int64_t row = 0; row < num_rows; ++row) {
    int64_t count = 0;
    for (const ArrayPtr& list : lists) count = std::max(count, length_of(*list, row));
    for (int64_t k = 0; k < count; ++k) {
      owners.mutable_rows().push_back(static_cast<uint32_t>(row));
      positions.push_back(k);
    }
  }
  const auto num_out = static_cast<int64_t>(owners.size());
  std::vector<ArrayPtr> columns;
  columns.reserve(schema_->num_fields());
  for (const ArrayPtr& column : input.columns()) columns.push_back(columnar::Take(*column, owners));
  for (const ArrayPtr& list : lists) {
    // Elements by index into the list's child; a row whose array ran out gets NULL.
    const ArrayPtr& elements = list->child(0);
    std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(elements->type());
    for (int64_t i = 0; i < num_out; ++i) {
      const int64_t row = owners[static_cast<size_t>(i)];
      const int64_t k = positions[static_cast<size_t>(i)];
      if (k < length_of(*list, row)) {
        builder->AppendArray(*elements, list->offsets()[row] + k, 1);
      } else {
        builder->AppendNull();
      }
    }
    columns.push_back(builder->Finish());
  }
  if (plan_.ordinality) {
    columnar::FixedWidthBuilder<int64_t> builder(types::DataType::Int64());
    builder.Reserve(num_out);
    for (const int64_t k : positions) builder.Append(k + 1);
    columns.push_back(builder.Finish());
  }
  return Chunk(schema_, std::move(columns), num_out);
}

}  // namespace boyodb::exec
