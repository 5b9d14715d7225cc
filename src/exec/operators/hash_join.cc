#include "exec/operators/hash_join.h"

#include <functional>

#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"
#include "sql/optimizer/conjuncts.h"

namespace boyodb::exec {

using columnar::ArrayPtr;
using columnar::Chunk;
using columnar::SelectionVector;
using sql::BoundExpr;
using sql::BoundExprPtr;
using sql::BoundKind;

namespace {

// Which sides of the join an expression reads: bit 1 left, bit 2 right, 4 anything else that
// keeps it from being a key (outer columns, subqueries, volatile calls).
int SidesOf(const BoundExpr& expr, int32_t left_width) {
  int sides = 0;
  if (expr.kind == BoundKind::kColumn) sides |= expr.column_index < left_width ? 1 : 2;
  if (expr.kind == BoundKind::kOuterColumn || expr.kind == BoundKind::kSubquery) sides |= 4;
  if (expr.kind == BoundKind::kCall && expr.volatility == sql::Volatility::kVolatile) sides |= 4;
  for (const BoundExprPtr& child : expr.children) sides |= SidesOf(*child, left_width);
  return sides;
}

// The expression with column indices moved down by `shift` (right-side keys are evaluated over
// the right input alone).
BoundExprPtr Rebase(const BoundExprPtr& expr, int32_t shift) {
  if (expr->kind == BoundKind::kColumn)
    return sql::MakeColumn(expr->column_index - shift, expr->type);
  if (expr->children.empty()) return expr;
  auto copy = std::make_shared<BoundExpr>(*expr);
  for (BoundExprPtr& child : copy->children) child = Rebase(child, shift);
  return copy;
}

Chunk Concatenate(const columnar::SchemaPtr& schema, const Chunk& left, const Chunk& right) {
  std::vector<ArrayPtr> columns = left.columns();
  columns.insert(columns.end(), right.columns().begin(), right.columns().end());
  return Chunk(schema, std::move(columns), left.num_rows());
}

Result<Chunk> NullRows(const std::vector<sql::OutputColumn>& columns, size_t first, size_t count,
                       int64_t num_rows) {
  std::vector<ArrayPtr> arrays;
  std::vector<types::Field> fields;
  for (size_t i = first; i < first + count; ++i) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr nulls, Broadcast(types::Value(), columns[i].type, num_rows));
    arrays.push_back(std::move(nulls));
    fields.emplace_back(columns[i].name, columns[i].type);
  }
  return Chunk(std::make_shared<const types::Schema>(std::move(fields)), std::move(arrays),
               num_rows);
}

// A left row and its right match side by side: the join's output, except for a semi or anti
// join, which outputs the left row alone.
std::vector<sql::OutputColumn> PairColumns(const sql::LogicalOperator& join) {
  std::vector<sql::OutputColumn> columns = join.children[0]->columns;
  const std::vector<sql::OutputColumn>& right = join.children[1]->columns;
  columns.insert(columns.end(), right.begin(), right.end());
  return columns;
}

}  // namespace

std::shared_ptr<JoinState> MakeJoinState(const sql::LogicalOperator& join) {
  auto state = std::make_shared<JoinState>();
  state->plan = &join;
  state->left_width = static_cast<int32_t>(join.children[0]->columns.size());
  if (join.condition == nullptr) return state;
  std::vector<BoundExprPtr> conjuncts;
  sql::SplitConjuncts(join.condition, &conjuncts);
  for (const BoundExprPtr& conjunct : conjuncts) {
    if (conjunct->kind == BoundKind::kCall && conjunct->function_name == "=" &&
        conjunct->children.size() == 2) {
      const int a = SidesOf(*conjunct->children[0], state->left_width);
      const int b = SidesOf(*conjunct->children[1], state->left_width);
      // Keys are compared by their encoded bytes, which is only equality of the same type.
      const bool same_type = conjunct->children[0]->type == conjunct->children[1]->type;
      if (same_type && a == 1 && b == 2) {
        state->left_keys.push_back(conjunct->children[0]);
        state->right_keys.push_back(Rebase(conjunct->children[1], state->left_width));
        continue;
      }
      if (same_type && a == 2 && b == 1) {
        state->left_keys.push_back(conjunct->children[1]);
        state->right_keys.push_back(Rebase(conjunct->children[0], state->left_width));
        continue;
      }
    }
    state->residual.push_back(conjunct);
  }
  return state;
}

Status JoinBuildSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

Status JoinBuildSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  (void)context;
  (is_local_ ? local_ : state_->build_chunks).Add(std::move(input), sequence);
  return Status::OK();
}

std::unique_ptr<Sink> JoinBuildSink::NewLocal() {
  auto local = std::make_unique<JoinBuildSink>(state_);
  local->is_local_ = true;
  return local;
}

Status JoinBuildSink::Absorb(Sink& local, ExecContext& context) {
  (void)context;
  state_->build_chunks.Take(static_cast<JoinBuildSink&>(local).local_);
  return Status::OK();
}

Status JoinBuildSink::Finalize(ExecContext& context) {
  const sql::LogicalOperator& plan = *state_->plan;
  // The right input's columns: a semi or anti join outputs the left's only.
  const std::vector<sql::OutputColumn>& right_columns = plan.children[1]->columns;
  const columnar::SchemaPtr schema = SchemaOf(right_columns);
  std::vector<Chunk> renamed;
  for (const Chunk& chunk : state_->build_chunks.Release()) {
    renamed.emplace_back(schema, chunk.columns(), chunk.num_rows());
  }
  if (renamed.empty()) {
    BOYO_ASSIGN_OR_RETURN(state_->build, NullRows(right_columns, 0, right_columns.size(), 0));
  } else {
    state_->build = columnar::ConcatenateChunks(schema, renamed);
  }
  state_->build_matched.assign(static_cast<size_t>(state_->build.num_rows()), 0);
  if (!state_->right_keys.empty()) {
    std::vector<ArrayPtr> keys;
    for (const BoundExprPtr& key : state_->right_keys) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key, state_->build, context));
      keys.push_back(std::move(values));
    }
    std::string key;
    const bool null_safe = state_->plan->null_safe_keys;
    for (int64_t row = 0; row < state_->build.num_rows(); ++row) {
      bool has_null = false;
      for (const ArrayPtr& values : keys) has_null = has_null || values->IsNull(row);
      if (has_null && !null_safe) continue;  // NULL never equals anything
      key.clear();
      AppendRowKey(keys, row, &key);
      state_->table[key].push_back(static_cast<uint32_t>(row));
    }
  }
  return Status::OK();
}

JoinProbeOperator::JoinProbeOperator(std::shared_ptr<JoinState> state)
    : state_(std::move(state)), schema_(SchemaOf(PairColumns(*state_->plan))) {}

Result<Chunk> JoinProbeOperator::Process(Chunk input, ExecContext& context) {
  const sql::JoinType type = state_->plan->join_type;
  const int64_t num_rows = input.num_rows();
  // Candidate pairs.
  SelectionVector left_rows;
  SelectionVector right_rows;
  if (!state_->left_keys.empty()) {
    std::vector<ArrayPtr> keys;
    for (const BoundExprPtr& key : state_->left_keys) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, Evaluate(*key, input, context));
      keys.push_back(std::move(values));
    }
    std::string key;
    const bool null_safe = state_->plan->null_safe_keys;
    for (int64_t row = 0; row < num_rows; ++row) {
      bool has_null = false;
      for (const ArrayPtr& values : keys) has_null = has_null || values->IsNull(row);
      if (has_null && !null_safe) continue;
      key.clear();
      AppendRowKey(keys, row, &key);
      auto found = state_->table.find(key);
      if (found == state_->table.end()) continue;
      for (uint32_t match : found->second) {
        left_rows.mutable_rows().push_back(static_cast<uint32_t>(row));
        right_rows.mutable_rows().push_back(match);
      }
    }
  } else {
    for (int64_t row = 0; row < num_rows; ++row) {
      for (int64_t match = 0; match < state_->build.num_rows(); ++match) {
        left_rows.mutable_rows().push_back(static_cast<uint32_t>(row));
        right_rows.mutable_rows().push_back(static_cast<uint32_t>(match));
      }
    }
  }
  Chunk pairs =
      Concatenate(schema_, TakeRows(input, left_rows), TakeRows(state_->build, right_rows));
  // The rest of the condition.
  if (!state_->residual.empty() && pairs.num_rows() > 0) {
    SelectionVector keep = SelectionVector::All(pairs.num_rows());
    for (const BoundExprPtr& condition : state_->residual) {
      Chunk current = TakeRows(pairs, keep);
      BOYO_ASSIGN_OR_RETURN(SelectionVector passed, EvaluateFilter(*condition, current, context));
      SelectionVector next;
      for (size_t i = 0; i < passed.size(); ++i) next.mutable_rows().push_back(keep[passed[i]]);
      keep = std::move(next);
    }
    SelectionVector kept_left;
    SelectionVector kept_right;
    for (size_t i = 0; i < keep.size(); ++i) {
      kept_left.mutable_rows().push_back(left_rows[keep[i]]);
      kept_right.mutable_rows().push_back(right_rows[keep[i]]);
    }
    pairs = TakeRows(pairs, keep);
    left_rows = std::move(kept_left);
    right_rows = std::move(kept_right);
  }
  if (type == sql::JoinType::kRight || type == sql::JoinType::kFull) {
    for (size_t i = 0; i < right_rows.size(); ++i) state_->build_matched[right_rows[i]] = 1;
  }
  if (type == sql::JoinType::kSingle) {
    for (size_t i = 1; i < left_rows.size(); ++i) {
      if (left_rows[i] == left_rows[i - 1]) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kCardinalityViolation,
                      "more than one row returned by a subquery used as an expression");
      }
    }
  }

  if (type == sql::JoinType::kSemi || type == sql::JoinType::kAnti) {
    std::vector<uint8_t> matched(static_cast<size_t>(num_rows), 0);
    for (size_t i = 0; i < left_rows.size(); ++i) matched[left_rows[i]] = 1;
    SelectionVector keep;
    for (int64_t row = 0; row < num_rows; ++row) {
      if ((matched[static_cast<size_t>(row)] != 0) == (type == sql::JoinType::kSemi)) {
        keep.mutable_rows().push_back(static_cast<uint32_t>(row));
      }
    }
    return TakeRows(input, keep);
  }
  if (type == sql::JoinType::kLeft || type == sql::JoinType::kFull ||
      type == sql::JoinType::kSingle) {
    std::vector<uint8_t> matched(static_cast<size_t>(num_rows), 0);
    for (size_t i = 0; i < left_rows.size(); ++i) matched[left_rows[i]] = 1;
    SelectionVector unmatched;
    for (int64_t row = 0; row < num_rows; ++row) {
      if (matched[static_cast<size_t>(row)] == 0)
        unmatched.mutable_rows().push_back(static_cast<uint32_t>(row));
    }
    if (!unmatched.empty()) {
      const std::vector<sql::OutputColumn> columns = PairColumns(*state_->plan);
      BOYO_ASSIGN_OR_RETURN(Chunk nulls,
                            NullRows(columns, static_cast<size_t>(state_->left_width),
                                     columns.size() - static_cast<size_t>(state_->left_width),
                                     static_cast<int64_t>(unmatched.size())));
      Chunk extended = Concatenate(schema_, TakeRows(input, unmatched), nulls);
      if (pairs.num_rows() == 0) return extended;
      return columnar::ConcatenateChunks(schema_, {pairs, extended});
    }
  }
  return pairs;
}

std::unique_ptr<Operator> JoinProbeOperator::Clone() const {
  const sql::JoinType type = state_->plan->join_type;
  if (type == sql::JoinType::kRight || type == sql::JoinType::kFull) return nullptr;
  if (state_->plan->condition != nullptr && !ParallelSafe(*state_->plan->condition)) {
    return nullptr;
  }
  return std::make_unique<JoinProbeOperator>(state_);
}

Result<std::vector<Chunk>> JoinProbeOperator::Finish(ExecContext& context) {
  (void)context;
  const sql::JoinType type = state_->plan->join_type;
  std::vector<Chunk> out;
  if (type != sql::JoinType::kRight && type != sql::JoinType::kFull) return out;
  SelectionVector unmatched;
  for (size_t row = 0; row < state_->build_matched.size(); ++row) {
    if (state_->build_matched[row] == 0)
      unmatched.mutable_rows().push_back(static_cast<uint32_t>(row));
  }
  if (unmatched.empty()) return out;
  const auto& columns = state_->plan->columns;
  BOYO_ASSIGN_OR_RETURN(Chunk nulls, NullRows(columns, 0, static_cast<size_t>(state_->left_width),
                                              static_cast<int64_t>(unmatched.size())));
  out.push_back(Concatenate(schema_, nulls, TakeRows(state_->build, unmatched)));
  return out;
}

}  // namespace boyodb::exec
