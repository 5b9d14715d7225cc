#include "exec/expression/array_expressions.h"

#include <algorithm>
#include <limits>

#include "columnar/builder.h"
#include "columnar/nested_builder.h"
#include "columnar/selection_vector.h"
#include "exec/expression/evaluator.h"

namespace boyodb::exec {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Chunk;
using columnar::SelectionVector;
using sql::BoundExpr;

namespace {

// Reads a subscript array (bound as INTEGER) at row i; false when it is NULL.
bool IndexAt(const Array& indexes, int64_t row, int64_t* index) {
  if (indexes.IsNull(row)) return false;
  *index = indexes.values<int32_t>()[row];
  return true;
}

}  // namespace

Result<ArrayPtr> EvaluateArrayConstructor(const BoundExpr& expr, const Chunk& input,
                                          ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  std::vector<ArrayPtr> elements;
  elements.reserve(expr.children.size());
  for (const sql::BoundExprPtr& child : expr.children) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr element, Evaluate(*child, input, context));
    elements.push_back(std::move(element));
  }
  columnar::ListBuilder builder(expr.type);
  columnar::ArrayBuilder& values = builder.element_builder();
  for (int64_t row = 0; row < num_rows; ++row) {
    for (const ArrayPtr& element : elements) values.AppendArray(*element, row, 1);
    builder.FinishList();
  }
  return builder.Finish();
}

Result<ArrayPtr> EvaluateSubscript(const BoundExpr& expr, const Chunk& input,
                                   ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  BOYO_ASSIGN_OR_RETURN(ArrayPtr lists, Evaluate(*expr.children[0], input, context));
  BOYO_ASSIGN_OR_RETURN(ArrayPtr lower, Evaluate(*expr.children[1], input, context));
  const int32_t* offsets = lists->offsets();
  const ArrayPtr& values = lists->child(0);
  if (!expr.slice) {
    std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(expr.type);
    for (int64_t row = 0; row < num_rows; ++row) {
      int64_t index = 0;
      const int64_t length = offsets[row + 1] - offsets[row];
      if (lists->IsNull(row) || !IndexAt(*lower, row, &index) || index < 1 || index > length) {
        builder->AppendNull();
      } else {
        builder->AppendArray(*values, offsets[row] + index - 1, 1);
      }
    }
    return builder->Finish();
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr upper, Evaluate(*expr.children[2], input, context));
  columnar::ListBuilder builder(expr.type);
  for (int64_t row = 0; row < num_rows; ++row) {
    int64_t first = 0;
    int64_t last = 0;
    if (lists->IsNull(row) || !IndexAt(*lower, row, &first) || !IndexAt(*upper, row, &last)) {
      builder.AppendNull();
      continue;
    }
    // PostgreSQL clamps a slice to the array's bounds; an empty overlap is an empty array.
    const int64_t length = offsets[row + 1] - offsets[row];
    first = std::max<int64_t>(first, 1);
    last = std::min<int64_t>(last, length);
    if (first <= last) {
      builder.element_builder().AppendArray(*values, offsets[row] + first - 1, last - first + 1);
    }
    builder.FinishList();
  }
  return builder.Finish();
}

Result<ArrayPtr> EvaluateArrayComparison(const BoundExpr& expr, const Chunk& input,
                                         ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  BOYO_ASSIGN_OR_RETURN(ArrayPtr tested, Evaluate(*expr.children[0], input, context));
  BOYO_ASSIGN_OR_RETURN(ArrayPtr lists, Evaluate(*expr.children[1], input, context));
  const int32_t* offsets = lists->offsets();
  // Pair every element with its row's tested value, and compare all the pairs at once.
  SelectionVector owners;
  SelectionVector elements;
  for (int64_t row = 0; row < num_rows; ++row) {
    if (lists->IsNull(row)) continue;
    for (int32_t element = offsets[row]; element < offsets[row + 1]; ++element) {
      owners.mutable_rows().push_back(static_cast<uint32_t>(row));
      elements.mutable_rows().push_back(static_cast<uint32_t>(element));
    }
  }
  const auto num_pairs = static_cast<int64_t>(owners.size());
  std::vector<ArrayPtr> columns{columnar::Take(*tested, owners),
                                columnar::Take(*lists->child(0), elements)};
  std::vector<types::Field> fields{{"value", tested->type()}, {"element", columns[1]->type()}};
  const Chunk pairs(std::make_shared<const types::Schema>(std::move(fields)), std::move(columns),
                    num_pairs);
  BOYO_ASSIGN_OR_RETURN(ArrayPtr compared, Evaluate(*expr.comparison, pairs, context));

  const bool any = expr.subquery_form == sql::SubqueryForm::kAny;
  // Per row: decided (TRUE for ANY, FALSE for ALL), or unknown seen, or neither.
  std::vector<uint8_t> decided(static_cast<size_t>(num_rows), 0);
  std::vector<uint8_t> unknown(static_cast<size_t>(num_rows), 0);
  const uint8_t* bits = compared->bool_bits();
  for (int64_t pair = 0; pair < num_pairs; ++pair) {
    const size_t row = owners[static_cast<size_t>(pair)];
    if (compared->IsNull(pair)) {
      unknown[row] = 1;
    } else if (columnar::GetBit(bits, compared->offset() + pair) == any) {
      decided[row] = 1;
    }
  }
  columnar::BooleanBuilder builder;
  for (int64_t row = 0; row < num_rows; ++row) {
    const auto r = static_cast<size_t>(row);
    if (lists->IsNull(row)) {
      builder.AppendNull();
    } else if (decided[r]) {
      builder.Append(any);
    } else if (unknown[r]) {
      builder.AppendNull();
    } else {
      builder.Append(!any);
    }
  }
  return builder.Finish();
}

}  // namespace boyodb::exec
