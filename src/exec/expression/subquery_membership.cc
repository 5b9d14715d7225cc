#include "exec/expression/subquery_membership.h"

#include <absl/container/flat_hash_set.h>

#include <string>

#include "columnar/builder.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;
using sql::BoundExpr;
using sql::BoundExprPtr;
using sql::BoundKind;

/// The subquery's rows as the comparison sees them (each field converted as the comparison
/// converts it), keyed for lookups.
struct SubquerySet {
  int64_t num_rows = 0;
  /// Keys of the rows without a NULL field.
  absl::flat_hash_set<std::string> keys;
  /// Every row's converted fields, per chunk, for the rows NULLs make uncertain.
  std::vector<std::vector<ArrayPtr>> fields;
  /// (chunk, row) of the rows with a NULL field.
  std::vector<std::pair<size_t, int64_t>> rows_with_null;
};

namespace {

/// One field of the comparison: `left` over the tested fields (columns 0..n-1), `right` over
/// the subquery's (columns n..2n-1), both of one type.
struct FieldPair {
  BoundExprPtr left;
  BoundExprPtr right;
};

// Whether every column `expr` reads lies in [from, to).
bool ReadsOnly(const BoundExpr& expr, int32_t from, int32_t to) {
  if (expr.kind == BoundKind::kColumn) return expr.column_index >= from && expr.column_index < to;
  if (expr.kind == BoundKind::kSubquery || expr.kind == BoundKind::kOuterColumn) return false;
  for (const BoundExprPtr& child : expr.children) {
    if (!ReadsOnly(*child, from, to)) return false;
  }
  return true;
}

// The fields of a comparison `l0 op r0 [AND|OR l1 op r1 ...]`, or nullopt for another shape.
std::optional<std::vector<FieldPair>> FieldPairs(const BoundExpr& comparison, const char* op,
                                                 BoundKind combine, int32_t n) {
  std::vector<const BoundExpr*> calls;
  if (n == 1) {
    calls.push_back(&comparison);
  } else if (comparison.kind == combine && comparison.children.size() == static_cast<size_t>(n)) {
    for (const BoundExprPtr& child : comparison.children) calls.push_back(child.get());
  } else {
    return std::nullopt;
  }
  std::vector<FieldPair> pairs;
  for (const BoundExpr* call : calls) {
    if (call->kind != BoundKind::kCall || call->function_name != op || call->children.size() != 2) {
      return std::nullopt;
    }
    const BoundExprPtr& left = call->children[0];
    const BoundExprPtr& right = call->children[1];
    // Equal keys must mean equal values: both sides of one type, each reading its own side.
    if (!(left->type == right->type) || !ReadsOnly(*left, 0, n) || !ReadsOnly(*right, n, 2 * n)) {
      return std::nullopt;
    }
    pairs.push_back({left, right});
  }
  return pairs;
}

// A chunk whose columns 0..n-1 and n..2n-1 are both `fields`: the comparison's sides read one
// half each, so the other half only has to exist.
Chunk Doubled(const std::vector<ArrayPtr>& fields, int64_t num_rows) {
  std::vector<types::Field> schema_fields;
  std::vector<ArrayPtr> columns;
  for (int copy = 0; copy < 2; ++copy) {
    for (size_t i = 0; i < fields.size(); ++i) {
      schema_fields.emplace_back("f" + std::to_string(copy * fields.size() + i), fields[i]->type());
      columns.push_back(fields[i]);
    }
  }
  return Chunk(std::make_shared<const types::Schema>(std::move(schema_fields)), std::move(columns),
               num_rows);
}

Result<std::vector<ArrayPtr>> EvaluateSide(const std::vector<FieldPair>& pairs, bool left,
                                           const Chunk& input, ExecContext& context) {
  std::vector<ArrayPtr> out;
  for (const FieldPair& pair : pairs) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values,
                          Evaluate(left ? *pair.left : *pair.right, input, context));
    out.push_back(Decoded(values));
  }
  return out;
}

bool AnyNull(const std::vector<ArrayPtr>& fields, int64_t row) {
  for (const ArrayPtr& field : fields) {
    if (field->IsNull(row)) return true;
  }
  return false;
}

// Whether some assignment of the NULL fields could make the rows equal: every pair of
// non-NULL fields is equal.
bool CouldBeEqual(const std::vector<ArrayPtr>& a, int64_t i, const std::vector<ArrayPtr>& b,
                  int64_t j) {
  for (size_t f = 0; f < a.size(); ++f) {
    if (a[f]->IsNull(i) || b[f]->IsNull(j)) continue;
    if (CompareValues(*a[f], i, *b[f], j) != 0) return false;
  }
  return true;
}

Result<std::shared_ptr<const SubquerySet>> BuildSet(
    const BoundExpr& expr, const std::vector<FieldPair>& pairs,
    const std::shared_ptr<const std::vector<Chunk>>& rows, ExecContext& context) {
  {
    std::lock_guard<std::mutex> lock(context.subquery_mutex);
    auto found = context.subquery_sets.find(&expr);
    if (found != context.subquery_sets.end()) return found->second;
  }
  auto set = std::make_shared<SubquerySet>();
  std::string key;
  for (const Chunk& chunk : *rows) {
    if (chunk.num_rows() == 0) continue;
    BOYO_ASSIGN_OR_RETURN(
        std::vector<ArrayPtr> fields,
        EvaluateSide(pairs, false, Doubled(chunk.columns(), chunk.num_rows()), context));
    for (int64_t row = 0; row < chunk.num_rows(); ++row) {
      if (AnyNull(fields, row)) {
        set->rows_with_null.emplace_back(set->fields.size(), row);
        continue;
      }
      key.clear();
      AppendRowKey(fields, row, &key);
      set->keys.insert(key);
    }
    set->num_rows += chunk.num_rows();
    set->fields.push_back(std::move(fields));
  }
  std::lock_guard<std::mutex> lock(context.subquery_mutex);
  return context.subquery_sets.emplace(&expr, std::move(set)).first->second;
}

}  // namespace

Result<std::optional<ArrayPtr>> EvaluateMembership(
    const BoundExpr& expr, const std::shared_ptr<const std::vector<Chunk>>& rows,
    const Chunk& input, ExecContext& context) {
  const bool any = expr.subquery_form == sql::SubqueryForm::kAny;
  const int32_t n = static_cast<int32_t>(expr.children.size());
  // x IN S is x = ANY S; x NOT IN S is x <> ALL S, the negation of x = ANY S.
  const std::optional<std::vector<FieldPair>> pairs =
      any ? FieldPairs(*expr.comparison, "=", BoundKind::kAnd, n)
          : FieldPairs(*expr.comparison, "<>", BoundKind::kOr, n);
  if (!pairs) return std::nullopt;
  BOYO_ASSIGN_OR_RETURN(std::shared_ptr<const SubquerySet> set,
                        BuildSet(expr, *pairs, rows, context));
  const int64_t num_rows = input.num_rows();
  std::vector<ArrayPtr> tested;
  for (const BoundExprPtr& child : expr.children) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*child, input, context));
    tested.push_back(values);
  }
  BOYO_ASSIGN_OR_RETURN(std::vector<ArrayPtr> keys,
                        EvaluateSide(*pairs, true, Doubled(tested, num_rows), context));
  columnar::BooleanBuilder out;
  std::string key;
  for (int64_t row = 0; row < num_rows; ++row) {
    if (set->num_rows == 0) {  // = ANY of no rows is FALSE, <> ALL of none is TRUE
      out.Append(!any);
      continue;
    }
    const bool null_tested = AnyNull(keys, row);
    bool found = false;
    if (!null_tested) {
      key.clear();
      AppendRowKey(keys, row, &key);
      found = set->keys.contains(key);
    }
    bool unknown = false;
    if (!found) {
      // NULL fields make a non-match unknown when they could have matched.
      if (null_tested) {
        for (size_t c = 0; c < set->fields.size() && !unknown; ++c) {
          const int64_t length = set->fields[c].front()->length();
          for (int64_t r = 0; r < length && !unknown; ++r) {
            unknown = CouldBeEqual(keys, row, set->fields[c], r);
          }
        }
      } else {
        for (const auto& [c, r] : set->rows_with_null) {
          unknown = CouldBeEqual(keys, row, set->fields[c], r);
          if (unknown) break;
        }
      }
    }
    if (unknown) {
      out.AppendNull();
    } else {
      out.Append(found == any);
    }
  }
  return std::optional<ArrayPtr>(out.Finish());
}

}  // namespace boyodb::exec
