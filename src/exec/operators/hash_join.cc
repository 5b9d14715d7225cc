#include "exec/operators/hash_join.h"

#include <functional>

#include "columnar/builder.h"
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

}  // namespace

std::vector<sql::OutputColumn> JoinPairColumns(const sql::LogicalOperator& join) {
  std::vector<sql::OutputColumn> columns = join.children[0]->columns;
  const std::vector<sql::OutputColumn>& right = join.children[1]->columns;
  columns.insert(columns.end(), right.begin(), right.end());
  return columns;
}

Chunk ConcatenateColumns(const columnar::SchemaPtr& schema, const Chunk& left, const Chunk& right) {
  std::vector<ArrayPtr> columns = left.columns();
  columns.insert(columns.end(), right.columns().begin(), right.columns().end());
  return Chunk(schema, std::move(columns), left.num_rows());
}

bool AnyKeyNull(const std::vector<ArrayPtr>& keys, int64_t row) {
  for (const ArrayPtr& values : keys) {
    if (values->IsNull(row)) return true;
  }
  return false;
}

Result<SelectionVector> CheckResidual(const JoinState& state, const Chunk& pairs,
                                      ExecContext& context) {
  SelectionVector keep = SelectionVector::All(pairs.num_rows());
  for (const BoundExprPtr& condition : state.residual) {
    // Until a condition rejects a pair, the pairs themselves are the rows to test.
    Chunk current =
        keep.size() == static_cast<size_t>(pairs.num_rows()) ? pairs : TakeRows(pairs, keep);
    BOYO_ASSIGN_OR_RETURN(SelectionVector passed, EvaluateFilter(*condition, current, context));
    SelectionVector next;
    for (size_t i = 0; i < passed.size(); ++i) next.mutable_rows().push_back(keep[passed[i]]);
    keep = std::move(next);
  }
  return keep;
}

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
  const sql::JoinType type = join.join_type;
  state->build_left = join.build_left && !state->left_keys.empty() &&
                      (type == sql::JoinType::kSemi || type == sql::JoinType::kAnti);
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

namespace {

// Hands the build side's key values to the scans under the probe side that filter by them.
void PublishKeyFilters(JoinState& state, const std::vector<ArrayPtr>& keys, int threads) {
  const storage::KeyFilter::TaskRunner run = [threads](size_t tasks,
                                                       const std::function<void(size_t)>& task) {
    RunInParallel(threads, tasks, task);
  };
  for (const auto& [key, filter] : state.key_filters) filter->Publish(*keys[key], run);
}

// Links each key's build rows in input order, from state.first_row through state.next_row.
// When every row has a key of its own there is nothing to link but first_row, written by
// ranges of rows. Otherwise the keys' numbers are split into ranges, one task each, every
// task reading all rows and linking those of its keys: no two tasks write one key's chain (a
// million rows took 10 ms on one thread).
void LinkChains(JoinState& state, const std::vector<ArrayPtr>& keys,
                const std::vector<int64_t>& key_of_row, int threads) {
  const auto num_rows = static_cast<int64_t>(key_of_row.size());
  const auto num_keys = static_cast<int64_t>(state.keys->size());
  state.first_row.assign(static_cast<size_t>(num_keys), -1);
  state.next_row.assign(static_cast<size_t>(num_rows), -1);
  const bool null_safe = state.plan->null_safe_keys;
  if (num_keys == num_rows) {
    // A primary key's side, as most builds are. The key ranges below would have every task
    // read every row: TPC-H q09's 1.5 million orders took 10.8 ms on two threads, 7.6 on one.
    constexpr int64_t kRowsPerRange = 64 * 1024;
    const auto ranges = static_cast<size_t>((num_rows + kRowsPerRange - 1) / kRowsPerRange);
    RunInParallel(threads, ranges, [&](size_t range) {
      const int64_t begin = static_cast<int64_t>(range) * kRowsPerRange;
      const int64_t end = std::min(num_rows, begin + kRowsPerRange);
      for (int64_t row = begin; row < end; ++row) {
        if (!null_safe && AnyKeyNull(keys, row)) continue;  // NULL never equals anything
        state.first_row[static_cast<size_t>(key_of_row[static_cast<size_t>(row)])] = row;
      }
    });
    return;
  }
  constexpr int64_t kMinRowsPerTask = 256 * 1024;
  constexpr int64_t kMaxTasks = 8;  // each task reads every row's key
  const auto tasks = static_cast<size_t>(
      std::clamp<int64_t>(std::min<int64_t>(threads, num_rows / kMinRowsPerTask), 1, kMaxTasks));
  RunInParallel(threads, tasks, [&](size_t task) {
    const int64_t first_key = num_keys * static_cast<int64_t>(task) / static_cast<int64_t>(tasks);
    const int64_t end_key = num_keys * static_cast<int64_t>(task + 1) / static_cast<int64_t>(tasks);
    for (int64_t row = num_rows - 1; row >= 0; --row) {
      const int64_t key = key_of_row[static_cast<size_t>(row)];
      if (key < first_key || key >= end_key) continue;
      if (!null_safe && AnyKeyNull(keys, row)) continue;  // NULL never equals anything
      int64_t& first = state.first_row[static_cast<size_t>(key)];
      // next_row is -1 already; a row whose key has no later row is left unwritten: the
      // tasks' rows interleave, so their stores would share cache lines with the other
      // tasks' and pass them back and forth.
      if (first >= 0) state.next_row[static_cast<size_t>(row)] = first;
      first = row;
    }
  });
}

// Whether the probe needs only to know if a key exists on the build side: a semi or anti
// join with equality keys and nothing else to check. A found key has a build row then (a
// key with a NULL part never matches, since a probe row with one looks nothing up).
bool KeysOnly(const JoinState& state) {
  const sql::JoinType type = state.plan->join_type;
  return (type == sql::JoinType::kSemi || type == sql::JoinType::kAnti) && state.residual.empty() &&
         !state.right_keys.empty() && !state.build_left;
}

// A keys-only build: the build side's key values, without its rows or chains.
Status BuildKeysOnly(JoinState& state, std::vector<Chunk> chunks, ExecContext& context) {
  const std::vector<sql::OutputColumn>& right_columns = state.plan->children[1]->columns;
  BOYO_ASSIGN_OR_RETURN(state.build, NullRows(right_columns, 0, right_columns.size(), 0));
  std::vector<sql::OutputColumn> key_columns;
  std::vector<types::DataType> key_types;
  for (const BoundExprPtr& key : state.right_keys) {
    key_columns.push_back(sql::OutputColumn{"key", key->type});
    key_types.push_back(key->type);
  }
  const columnar::SchemaPtr key_schema = SchemaOf(key_columns);
  std::vector<Chunk> key_chunks;
  for (const Chunk& chunk : chunks) {
    std::vector<ArrayPtr> values;
    for (const BoundExprPtr& key : state.right_keys) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr column, EvaluateKeepingDictionary(*key, chunk, context));
      values.push_back(std::move(column));
    }
    key_chunks.emplace_back(key_schema, std::move(values), chunk.num_rows());
  }
  std::vector<ArrayPtr> keys;
  int64_t num_rows = 0;
  if (key_chunks.size() == 1) {
    keys = key_chunks.front().columns();
    num_rows = key_chunks.front().num_rows();
  } else if (!key_chunks.empty()) {
    const Chunk all = columnar::ConcatenateChunks(key_schema, key_chunks);
    keys = all.columns();
    num_rows = all.num_rows();
  } else {
    for (const types::DataType& type : key_types) {
      keys.push_back(columnar::MakeBuilder(type)->Finish());
    }
  }
  state.keys = std::make_unique<GroupKeyMap>(key_types);
  std::vector<int64_t> key_of_row;
  state.keys->MapInParallel(keys, num_rows, context.threads, &key_of_row);
  PublishKeyFilters(state, keys, context.threads);
  return Status::OK();
}

}  // namespace

Status JoinBuildSink::Finalize(ExecContext& context) {
  const sql::LogicalOperator& plan = *state_->plan;
  const std::vector<sql::OutputColumn>& build_columns =
      plan.children[state_->build_left ? 0 : 1]->columns;
  const columnar::SchemaPtr schema = SchemaOf(build_columns);
  std::vector<Chunk> renamed;
  for (const Chunk& chunk : state_->build_chunks.Release()) {
    renamed.emplace_back(schema, chunk.columns(), chunk.num_rows());
  }
  if (KeysOnly(*state_)) return BuildKeysOnly(*state_, std::move(renamed), context);
  if (renamed.empty()) {
    BOYO_ASSIGN_OR_RETURN(state_->build, NullRows(build_columns, 0, build_columns.size(), 0));
  } else {
    state_->build = ConcatenateInParallel(schema, renamed, context.threads);
  }
  const int64_t num_rows = state_->build.num_rows();
  if (!state_->build_left) state_->build_matched.assign(static_cast<size_t>(num_rows), 0);
  if (!state_->build_keys().empty()) {
    std::vector<ArrayPtr> keys;
    std::vector<types::DataType> key_types;
    for (const BoundExprPtr& key : state_->build_keys()) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values,
                            EvaluateKeepingDictionary(*key, state_->build, context));
      keys.push_back(std::move(values));
      key_types.push_back(key->type);
    }
    state_->keys = std::make_unique<GroupKeyMap>(key_types);
    std::vector<int64_t> key_of_row;
    state_->keys->MapInParallel(keys, num_rows, context.threads, &key_of_row);
    PublishKeyFilters(*state_, keys, context.threads);
    if (state_->build_left) {
      // Without a residual condition a probe row matches every row of its key: marks per key.
      const bool per_key = state_->residual.empty();
      const size_t marks = static_cast<size_t>(per_key ? state_->keys->size() : num_rows);
      state_->marks = std::make_unique<std::atomic<uint8_t>[]>(marks);
      if (per_key) {
        state_->build_key_of_row = std::move(key_of_row);
        return Status::OK();
      }
    }
    LinkChains(*state_, keys, key_of_row, context.threads);
  }
  return Status::OK();
}

JoinProbeOperator::JoinProbeOperator(std::shared_ptr<JoinState> state)
    : state_(std::move(state)), schema_(SchemaOf(JoinPairColumns(*state_->plan))) {}

Result<Chunk> JoinProbeOperator::Process(Chunk input, ExecContext& context) {
  std::vector<Chunk> pieces;
  BOYO_RETURN_IF_ERROR(ProcessInPieces(std::move(input), context, [&](Chunk piece) {
    pieces.push_back(std::move(piece));
    return Status::OK();
  }));
  if (pieces.empty()) {
    const std::vector<sql::OutputColumn>& columns = state_->plan->columns;
    return NullRows(columns, 0, columns.size(), 0);
  }
  if (pieces.size() == 1) return std::move(pieces.front());
  return columnar::ConcatenateChunks(pieces.front().schema(), pieces);
}

Status JoinProbeOperator::ProcessInPieces(Chunk input, ExecContext& context,
                                          const EmitChunk& emit) {
  const sql::JoinType type = state_->plan->join_type;
  const int64_t num_rows = input.num_rows();
  const bool left_only = type == sql::JoinType::kSemi || type == sql::JoinType::kAnti;
  // Each probe row's key among the build side's (-1: no build row has it).
  std::vector<int64_t> key_of_row;
  const bool keyed = !state_->left_keys.empty();
  if (keyed) {
    std::vector<ArrayPtr> keys;
    for (const BoundExprPtr& key : state_->left_keys) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, EvaluateKeepingDictionary(*key, input, context));
      keys.push_back(std::move(values));
    }
    state_->keys->Find(keys, num_rows, &key_of_row);
    if (!state_->plan->null_safe_keys) {
      for (int64_t row = 0; row < num_rows; ++row) {
        if (AnyKeyNull(keys, row)) key_of_row[static_cast<size_t>(row)] = -1;
      }
    }
  }
  const int64_t build_rows = state_->build.num_rows();
  auto first_match = [&](int64_t row) -> int64_t {
    if (!keyed) return build_rows > 0 ? 0 : -1;
    const int64_t key = key_of_row[static_cast<size_t>(row)];
    return key < 0 ? -1 : state_->first_row[static_cast<size_t>(key)];
  };
  auto next_match = [&](int64_t match) -> int64_t {
    if (!keyed) return match + 1 < build_rows ? match + 1 : -1;
    return state_->next_row[static_cast<size_t>(match)];
  };
  std::vector<uint8_t> matched(static_cast<size_t>(num_rows), 0);
  // A semi or anti join without a residual condition needs no pairs: a key found is a match.
  if (KeysOnly(*state_)) {
    for (int64_t row = 0; row < num_rows; ++row) {
      matched[static_cast<size_t>(row)] = key_of_row[static_cast<size_t>(row)] >= 0;
    }
  } else if (left_only && state_->residual.empty()) {
    for (int64_t row = 0; row < num_rows; ++row)
      matched[static_cast<size_t>(row)] = first_match(row) >= 0;
  } else {
    SelectionVector left_rows;
    SelectionVector right_rows;
    // Checks the residual condition on the pending pairs and hands the survivors on.
    auto flush = [&]() -> Status {
      if (left_rows.empty()) return Status::OK();
      Chunk pairs = ConcatenateColumns(schema_, TakeRows(input, left_rows),
                                       TakeRows(state_->build, right_rows));
      BOYO_ASSIGN_OR_RETURN(SelectionVector keep, CheckResidual(*state_, pairs, context));
      for (size_t i = 0; i < keep.size(); ++i) {
        uint8_t& seen = matched[left_rows[keep[i]]];
        if (seen != 0 && type == sql::JoinType::kSingle) {
          return Status(StatusCode::kInvalidArgument, sqlstate::kCardinalityViolation,
                        "more than one row returned by a subquery used as an expression");
        }
        seen = 1;
        if (type == sql::JoinType::kRight || type == sql::JoinType::kFull) {
          state_->build_matched[right_rows[keep[i]]] = 1;
        }
      }
      left_rows.mutable_rows().clear();
      right_rows.mutable_rows().clear();
      if (left_only || keep.empty()) return Status::OK();
      return emit(keep.size() == static_cast<size_t>(pairs.num_rows()) ? std::move(pairs)
                                                                       : TakeRows(pairs, keep));
    };
    for (int64_t row = 0; row < num_rows; ++row) {
      for (int64_t match = first_match(row); match >= 0; match = next_match(match)) {
        left_rows.mutable_rows().push_back(static_cast<uint32_t>(row));
        right_rows.mutable_rows().push_back(static_cast<uint32_t>(match));
        if (left_rows.size() >= kJoinPairsPerPiece) BOYO_RETURN_IF_ERROR(flush());
      }
    }
    BOYO_RETURN_IF_ERROR(flush());
  }
  if (left_only) {
    SelectionVector keep;
    for (int64_t row = 0; row < num_rows; ++row) {
      if ((matched[static_cast<size_t>(row)] != 0) == (type == sql::JoinType::kSemi)) {
        keep.mutable_rows().push_back(static_cast<uint32_t>(row));
      }
    }
    if (keep.empty()) return Status::OK();
    return emit(keep.size() == static_cast<size_t>(num_rows) ? std::move(input)
                                                             : TakeRows(input, keep));
  }
  if (type == sql::JoinType::kLeft || type == sql::JoinType::kFull ||
      type == sql::JoinType::kSingle) {
    SelectionVector unmatched;
    for (int64_t row = 0; row < num_rows; ++row) {
      if (matched[static_cast<size_t>(row)] == 0) {
        unmatched.mutable_rows().push_back(static_cast<uint32_t>(row));
      }
    }
    if (!unmatched.empty()) {
      const std::vector<sql::OutputColumn> columns = JoinPairColumns(*state_->plan);
      BOYO_ASSIGN_OR_RETURN(Chunk nulls,
                            NullRows(columns, static_cast<size_t>(state_->left_width),
                                     columns.size() - static_cast<size_t>(state_->left_width),
                                     static_cast<int64_t>(unmatched.size())));
      return emit(ConcatenateColumns(schema_, TakeRows(input, unmatched), nulls));
    }
  }
  return Status::OK();
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
  out.push_back(ConcatenateColumns(schema_, nulls, TakeRows(state_->build, unmatched)));
  return out;
}

}  // namespace boyodb::exec
