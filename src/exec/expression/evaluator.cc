#include "exec/expression/evaluator.h"

#include <cstring>
#include <limits>

#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "exec/expression/array_expressions.h"
#include "exec/expression/subquery_membership.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::BooleanBuilder;
using columnar::Chunk;
using columnar::SelectionVector;
using sql::BoundExpr;
using sql::BoundKind;

namespace {

// Three-valued booleans as two bytes per row while combining: 0 false, 1 true, 2 NULL.
enum : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };

std::vector<uint8_t> ToTruth(const Array& array) {
  std::vector<uint8_t> truth(static_cast<size_t>(array.length()));
  const uint8_t* bits = array.bool_bits();
  for (int64_t i = 0; i < array.length(); ++i) {
    truth[static_cast<size_t>(i)] =
        array.IsNull(i) ? kUnknown : (columnar::GetBit(bits, array.offset() + i) ? kTrue : kFalse);
  }
  return truth;
}

ArrayPtr FromTruth(const std::vector<uint8_t>& truth) {
  BooleanBuilder builder;
  for (uint8_t value : truth) {
    if (value == kUnknown) {
      builder.AppendNull();
    } else {
      builder.Append(value == kTrue);
    }
  }
  return builder.Finish();
}

// Builds the result of a branching expression: row i comes from sources[choice[i]] at
// position[i]; choice -1 means NULL.
ArrayPtr Gather(const types::DataType& type, const std::vector<ArrayPtr>& sources,
                const std::vector<int32_t>& choice, const std::vector<int64_t>& position) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  for (size_t i = 0; i < choice.size(); ++i) {
    if (choice[i] < 0) {
      builder->AppendNull();
    } else {
      builder->AppendArray(*sources[static_cast<size_t>(choice[i])], position[i], 1);
    }
  }
  return builder->Finish();
}

Result<ArrayPtr> EvaluateOn(const BoundExpr& expr, const Chunk& input, const SelectionVector& rows,
                            ExecContext& context) {
  if (rows.size() == static_cast<size_t>(input.num_rows())) return Evaluate(expr, input, context);
  return Evaluate(expr, TakeRows(input, rows), context);
}

Result<ArrayPtr> EvaluateLogical(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  BOYO_ASSIGN_OR_RETURN(ArrayPtr first, Evaluate(*expr.children[0], input, context));
  std::vector<uint8_t> truth = ToTruth(*first);
  if (expr.kind == BoundKind::kNot) {
    for (uint8_t& value : truth) {
      if (value != kUnknown) value = value == kTrue ? kFalse : kTrue;
    }
    return FromTruth(truth);
  }
  const bool is_and = expr.kind == BoundKind::kAnd;
  const uint8_t decided = is_and ? kFalse : kTrue;
  for (size_t c = 1; c < expr.children.size(); ++c) {
    // Later operands run only on rows the earlier ones left undecided.
    SelectionVector pending;
    for (size_t i = 0; i < truth.size(); ++i) {
      if (truth[i] != decided) pending.mutable_rows().push_back(static_cast<uint32_t>(i));
    }
    if (pending.empty()) break;
    BOYO_ASSIGN_OR_RETURN(ArrayPtr next, EvaluateOn(*expr.children[c], input, pending, context));
    const std::vector<uint8_t> next_truth = ToTruth(*next);
    for (size_t k = 0; k < pending.size(); ++k) {
      uint8_t& value = truth[pending[k]];
      const uint8_t other = next_truth[k];
      if (other == decided) {
        value = decided;
      } else if (other == kUnknown || value == kUnknown) {
        value = kUnknown;
      } else {
        value = is_and ? kTrue : kFalse;
      }
    }
  }
  return FromTruth(truth);
}

Result<ArrayPtr> EvaluateCase(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  std::vector<int32_t> choice(static_cast<size_t>(num_rows), -1);
  std::vector<int64_t> position(static_cast<size_t>(num_rows), 0);
  std::vector<ArrayPtr> sources;
  SelectionVector pending = SelectionVector::All(num_rows);
  const size_t num_whens = (expr.children.size() - 1) / 2;
  for (size_t w = 0; w <= num_whens && !pending.empty(); ++w) {
    SelectionVector taken;
    SelectionVector rest;
    if (w < num_whens) {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr condition,
                            EvaluateOn(*expr.children[2 * w], input, pending, context));
      const std::vector<uint8_t> truth = ToTruth(*condition);
      for (size_t k = 0; k < pending.size(); ++k) {
        (truth[k] == kTrue ? taken : rest).mutable_rows().push_back(pending[k]);
      }
    } else {
      taken = pending;
    }
    if (!taken.empty()) {
      const BoundExpr& result = w < num_whens ? *expr.children[2 * w + 1] : *expr.children.back();
      BOYO_ASSIGN_OR_RETURN(ArrayPtr values, EvaluateOn(result, input, taken, context));
      const int32_t source = static_cast<int32_t>(sources.size());
      sources.push_back(std::move(values));
      for (size_t k = 0; k < taken.size(); ++k) {
        choice[taken[k]] = source;
        position[taken[k]] = static_cast<int64_t>(k);
      }
    }
    pending = std::move(rest);
  }
  return Gather(expr.type, sources, choice, position);
}

Result<ArrayPtr> EvaluateCoalesce(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  std::vector<int32_t> choice(static_cast<size_t>(num_rows), -1);
  std::vector<int64_t> position(static_cast<size_t>(num_rows), 0);
  std::vector<ArrayPtr> sources;
  SelectionVector pending = SelectionVector::All(num_rows);
  for (const sql::BoundExprPtr& child : expr.children) {
    if (pending.empty()) break;
    BOYO_ASSIGN_OR_RETURN(ArrayPtr values, EvaluateOn(*child, input, pending, context));
    const int32_t source = static_cast<int32_t>(sources.size());
    SelectionVector rest;
    for (size_t k = 0; k < pending.size(); ++k) {
      if (values->IsNull(static_cast<int64_t>(k))) {
        rest.mutable_rows().push_back(pending[k]);
      } else {
        choice[pending[k]] = source;
        position[pending[k]] = static_cast<int64_t>(k);
      }
    }
    sources.push_back(std::move(values));
    pending = std::move(rest);
  }
  return Gather(expr.type, sources, choice, position);
}

// NOT in three-valued logic.
void Negate(std::vector<uint8_t>* truth) {
  for (uint8_t& t : *truth) {
    if (t != kUnknown) t = t == kTrue ? kFalse : kTrue;
  }
}

// Whether `value` is among `items` (an IN list is short: a scan beats hashing).
template <typename T>
bool Among(const T& value, const std::vector<T>& items) {
  for (const T& item : items) {
    if (item == value) return true;
  }
  return false;
}

// `x IN (c1, c2, ...)` where every item is a constant of x's own type and none is NULL, for
// text and signed integers and dates: each row's value is looked up among the constants (each
// dictionary entry's once, for an encoded column), instead of comparing x with a column of
// each constant in turn. nullopt for other forms. Truth as EvaluateInList's, before NOT.
Result<std::optional<std::vector<uint8_t>>> InConstants(const BoundExpr& expr, const Chunk& input,
                                                        ExecContext& context) {
  const types::DataType& type = expr.children[0]->type;
  const bool text = type.id() == types::TypeId::kString;
  if (!text && !type.is_signed_integer() && type.id() != types::TypeId::kDate) {
    return std::optional<std::vector<uint8_t>>();
  }
  std::vector<std::string_view> texts;
  std::vector<int64_t> integers;
  for (size_t c = 1; c < expr.children.size(); ++c) {
    const BoundExpr& item = *expr.children[c];
    if (item.kind != BoundKind::kConstant || item.constant.is_null() || item.type != type) {
      return std::optional<std::vector<uint8_t>>();
    }
    if (text) {
      texts.push_back(item.constant.bytes());
    } else {
      integers.push_back(item.constant.int64());
    }
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr value,
                        EvaluateKeepingDictionary(*expr.children[0], input, context));
  const int64_t num_rows = input.num_rows();
  std::vector<uint8_t> truth(static_cast<size_t>(num_rows), kFalse);
  // Entry i of `values` (a dictionary or the column itself) is among the items.
  auto member = [&](const Array& values, int64_t i) -> bool {
    if (text) return Among(values.GetView(i), texts);
    switch (values.type().fixed_width()) {
      case 1:
        return Among<int64_t>(values.values<int8_t>()[i], integers);
      case 2:
        return Among<int64_t>(values.values<int16_t>()[i], integers);
      case 4:
        return Among<int64_t>(values.values<int32_t>()[i], integers);
      default:
        return Among<int64_t>(values.values<int64_t>()[i], integers);
    }
  };
  if (value->is_dictionary()) {
    const Array& dictionary = *value->dictionary();
    const int32_t* codes = value->values<int32_t>();
    std::vector<uint8_t> entries;
    if (dictionary.length() <= num_rows) {
      entries.resize(static_cast<size_t>(dictionary.length()));
      for (int64_t e = 0; e < dictionary.length(); ++e) {
        entries[static_cast<size_t>(e)] =
            dictionary.IsNull(e) ? kUnknown : (member(dictionary, e) ? kTrue : kFalse);
      }
    }
    for (int64_t row = 0; row < num_rows; ++row) {
      const int32_t code = codes[row];
      uint8_t& t = truth[static_cast<size_t>(row)];
      if (value->IsNull(row)) {
        t = kUnknown;
      } else if (!entries.empty()) {
        t = entries[static_cast<size_t>(code)];
      } else {
        t = dictionary.IsNull(code) ? kUnknown : (member(dictionary, code) ? kTrue : kFalse);
      }
    }
    return std::optional<std::vector<uint8_t>>(std::move(truth));
  }
  for (int64_t row = 0; row < num_rows; ++row) {
    truth[static_cast<size_t>(row)] =
        value->IsNull(row) ? kUnknown : (member(*value, row) ? kTrue : kFalse);
  }
  return std::optional<std::vector<uint8_t>>(std::move(truth));
}

Result<ArrayPtr> EvaluateInList(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  // SQL: TRUE if any item equals; else NULL if the value or any item is NULL; else FALSE.
  BOYO_ASSIGN_OR_RETURN(std::optional<std::vector<uint8_t>> constants,
                        InConstants(expr, input, context));
  if (constants.has_value()) {
    if (expr.negated) Negate(&*constants);
    return FromTruth(*constants);
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr value, Evaluate(*expr.children[0], input, context));
  std::vector<uint8_t> truth(static_cast<size_t>(input.num_rows()), kFalse);
  for (size_t c = 1; c < expr.children.size(); ++c) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr item, Evaluate(*expr.children[c], input, context));
    const ArrayPtr args[] = {value, item};
    BOYO_ASSIGN_OR_RETURN(ArrayPtr equal, expr.kernel(args, input.num_rows(), context.eval));
    const std::vector<uint8_t> equal_truth = ToTruth(*equal);
    for (size_t i = 0; i < truth.size(); ++i) {
      if (truth[i] == kTrue) continue;
      if (equal_truth[i] == kTrue) {
        truth[i] = kTrue;
      } else if (equal_truth[i] == kUnknown) {
        truth[i] = kUnknown;
      }
    }
  }
  if (expr.negated) Negate(&truth);
  return FromTruth(truth);
}

Result<std::shared_ptr<const std::vector<Chunk>>> SubqueryRows(const BoundExpr& expr,
                                                               ExecContext& context) {
  // The first driver to need the rows runs the subquery; drivers arriving meanwhile wait for
  // it and lend their threads to its pipelines. Each running it on its own thread cost every
  // driver the whole subquery's time.
  std::shared_ptr<PendingSubquery> pending;
  bool runs_it = false;
  {
    std::lock_guard<std::mutex> lock(context.subquery_mutex);
    auto found = context.subquery_results.find(expr.subquery.get());
    if (found != context.subquery_results.end()) return found->second;
    std::shared_ptr<PendingSubquery>& entry = context.subquery_pending[expr.subquery.get()];
    if (entry == nullptr) {
      entry = std::make_shared<PendingSubquery>();
      runs_it = true;
    }
    pending = entry;
  }
  if (!runs_it) {
    HelpUntil([&] { return pending->done.load(std::memory_order_acquire); });
    if (!pending->status.ok()) return pending->status;
    return pending->rows;
  }
  Result<std::vector<Chunk>> chunks =
      context.run_subquery ? context.run_subquery(*expr.subquery)
                           : Result<std::vector<Chunk>>(Status::Internal("no subquery runner"));
  {
    std::lock_guard<std::mutex> lock(context.subquery_mutex);
    if (chunks.ok()) {
      pending->rows = std::make_shared<const std::vector<Chunk>>(std::move(*chunks));
      context.subquery_results.emplace(expr.subquery.get(), pending->rows);
    } else {
      pending->status = chunks.status();
    }
    // A failed run is not kept: a later evaluation runs it again and meets the error itself.
    context.subquery_pending.erase(expr.subquery.get());
  }
  pending->done.store(true, std::memory_order_release);
  WakeWaiters();
  if (!pending->status.ok()) return pending->status;
  return pending->rows;
}

Result<ArrayPtr> EvaluateSubquery(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  BOYO_ASSIGN_OR_RETURN(auto chunks, SubqueryRows(expr, context));
  int64_t total = 0;
  for (const Chunk& chunk : *chunks) total += chunk.num_rows();
  const int64_t num_rows = input.num_rows();
  switch (expr.subquery_form) {
    case sql::SubqueryForm::kExists:
      return Broadcast(types::Value::Boolean(total > 0), expr.type, num_rows);
    case sql::SubqueryForm::kScalar: {
      if (total > 1) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kCardinalityViolation,
                      "more than one row returned by a subquery used as an expression");
      }
      types::Value value = types::Value::Null(expr.type);
      for (const Chunk& chunk : *chunks) {
        if (chunk.num_rows() > 0) value = chunk.column(expr.subquery_column)->GetValue(0);
      }
      return Broadcast(value, expr.type, num_rows);
    }
    case sql::SubqueryForm::kAny:
    case sql::SubqueryForm::kAll: {
      // ANY: TRUE if the comparison holds for some row, else NULL if any comparison was NULL,
      // else FALSE. ALL: FALSE if it fails for some row, else NULL if any was NULL, else TRUE.
      // IN and NOT IN hash the subquery's rows; other comparisons go row by row.
      BOYO_ASSIGN_OR_RETURN(std::optional<ArrayPtr> hashed,
                            EvaluateMembership(expr, chunks, input, context));
      if (hashed) return *hashed;
      const bool any = expr.subquery_form == sql::SubqueryForm::kAny;
      // The comparison reads the tested fields as columns 0..n-1, a subquery row as n..2n-1.
      std::vector<ArrayPtr> columns;
      std::vector<types::Field> fields;
      for (const sql::BoundExprPtr& child : expr.children) {
        BOYO_ASSIGN_OR_RETURN(ArrayPtr tested, Evaluate(*child, input, context));
        fields.emplace_back("l" + std::to_string(columns.size()), tested->type());
        columns.push_back(std::move(tested));
      }
      const size_t n = columns.size();
      std::vector<uint8_t> truth(static_cast<size_t>(num_rows), any ? kFalse : kTrue);
      for (const Chunk& chunk : *chunks) {
        for (int64_t r = 0; r < chunk.num_rows(); ++r) {
          columns.resize(n);
          fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(n), fields.end());
          for (size_t f = 0; f < n; ++f) {
            BOYO_ASSIGN_OR_RETURN(ArrayPtr item, Broadcast(chunk.column(f)->GetValue(r),
                                                           chunk.column(f)->type(), num_rows));
            fields.emplace_back("r" + std::to_string(f), item->type());
            columns.push_back(std::move(item));
          }
          const Chunk pair(std::make_shared<const types::Schema>(fields), columns, num_rows);
          BOYO_ASSIGN_OR_RETURN(ArrayPtr compared, Evaluate(*expr.comparison, pair, context));
          const std::vector<uint8_t> result = ToTruth(*compared);
          for (size_t i = 0; i < truth.size(); ++i) {
            if (any) {
              if (truth[i] == kTrue) continue;
              if (result[i] == kTrue) truth[i] = kTrue;
              if (result[i] == kUnknown) truth[i] = kUnknown;
            } else {
              if (truth[i] == kFalse) continue;
              if (result[i] == kFalse) truth[i] = kFalse;
              if (result[i] == kUnknown) truth[i] = kUnknown;
            }
          }
        }
      }
      return FromTruth(truth);
    }
  }
  return Status::Internal("unknown subquery form");
}

// `expr` (a call whose one non-constant argument is a column) over every entry of
// `dictionary`, or null when the call fails on some entry.
ArrayPtr CallOverEntries(const BoundExpr& expr, const ArrayPtr& dictionary, ExecContext& context) {
  const int64_t entries = dictionary->length();
  std::vector<ArrayPtr> args;
  for (const sql::BoundExprPtr& child : expr.children) {
    if (child->kind == BoundKind::kColumn) {
      args.push_back(dictionary);
      continue;
    }
    Result<ArrayPtr> constant = Broadcast(child->constant, child->type, entries);
    if (!constant.ok()) return nullptr;
    args.push_back(std::move(*constant));
  }
  Result<ArrayPtr> per_entry = expr.kernel(args, entries, context.eval);
  if (!per_entry.ok() || (*per_entry)->length() != entries) return nullptr;
  return std::move(*per_entry);
}

// The bytes of call results over whole dictionaries a statement keeps; beyond them, further
// dictionaries' rows are evaluated row by row.
constexpr int64_t kDictionaryCallBudget = 256 << 20;

// The call over a dictionary larger than the chunk (a segment's, shared by its batches), from
// the statement's cache. It is computed over the whole dictionary once chunks of as many rows
// as half its entries have used it, so that a scan that reads few of the segment's rows does
// not pay for all its texts; null until then (the rows are evaluated instead), when the call
// fails on some entry, or when the statement's budget is spent. The entries are computed in
// parts by every driver that needs the result meanwhile; one that finds every part taken
// waits for the last (computing its own rows instead doubled the work on two threads).
ArrayPtr CachedCallOverEntries(const BoundExpr& expr, const ArrayPtr& dictionary, int64_t num_rows,
                               ExecContext& context) {
  constexpr int64_t kMinPartEntries = 16 * 1024;
  constexpr int64_t kMaxParts = 64;
  const auto key = std::make_pair(&expr, dictionary.get());
  // The entry for this dictionary; one left by a dictionary since freed, whose address this
  // one reuses, is dropped first. Entries stay where they are while others come and go.
  auto entry = [&]() -> ExecContext::DictionaryCall& {
    auto [found, inserted] = context.dictionary_calls.try_emplace(key);
    ExecContext::DictionaryCall& call = found->second;
    if (!inserted && call.dictionary.lock() != dictionary) {
      if (call.result != nullptr) context.dictionary_call_bytes -= call.result->ByteSize();
      call = ExecContext::DictionaryCall();
    }
    call.dictionary = dictionary;
    return call;
  };
  std::unique_lock<std::mutex> lock(context.dictionary_mutex);
  ExecContext::DictionaryCall& call = entry();
  if (call.result != nullptr || call.failed) return call.result;
  if (!call.computing) {
    call.rows_seen += num_rows;
    if (call.rows_seen * 2 < dictionary->length() ||
        context.dictionary_call_bytes >= kDictionaryCallBudget) {
      return nullptr;
    }
    const int64_t entries = dictionary->length();
    call.computing = true;
    // One thread takes the dictionary whole: parts would only cost their concatenation.
    call.part_entries = context.threads <= 1
                            ? std::max<int64_t>(entries, 1)
                            : std::max(kMinPartEntries, (entries + kMaxParts - 1) / kMaxParts);
    call.parts.assign(static_cast<size_t>((entries + call.part_entries - 1) / call.part_entries),
                      nullptr);
    call.next_part = 0;
    call.parts_done = 0;
  }
  while (call.result == nullptr && !call.failed) {
    if (call.next_part == call.parts.size()) {
      context.dictionary_computed.wait(lock, [&] { return call.result != nullptr || call.failed; });
      break;
    }
    const size_t part = call.next_part++;
    const int64_t begin = static_cast<int64_t>(part) * call.part_entries;
    const int64_t length = std::min(call.part_entries, dictionary->length() - begin);
    lock.unlock();
    ArrayPtr values = CallOverEntries(expr, dictionary->Slice(begin, length), context);
    lock.lock();
    if (call.failed) break;  // another part failed meanwhile: the rows decide
    if (values == nullptr) {
      call.failed = true;
    } else {
      call.parts[part] = std::move(values);
      if (++call.parts_done < call.parts.size()) continue;
      if (call.parts.size() == 1) {
        call.result = std::move(call.parts.front());
      } else {
        std::unique_ptr<columnar::ArrayBuilder> builder =
            columnar::MakeBuilder(call.parts.front()->type());
        for (const ArrayPtr& piece : call.parts) builder->AppendArray(*piece, 0, piece->length());
        call.result = builder->Finish();
      }
      context.dictionary_call_bytes += call.result->ByteSize();
    }
    call.computing = false;
    call.parts.clear();
    // Results over dictionaries no longer alive (segments the scan is done with) go.
    for (auto it = context.dictionary_calls.begin(); it != context.dictionary_calls.end();) {
      if (!it->second.dictionary.expired()) {
        ++it;
        continue;
      }
      if (it->second.result != nullptr)
        context.dictionary_call_bytes -= it->second.result->ByteSize();
      it = context.dictionary_calls.erase(it);
    }
    context.dictionary_computed.notify_all();
  }
  return call.result;
}

// A call whose only argument that is not a constant is a dictionary-encoded column without
// NULL rows, evaluated once per dictionary entry and spread to the rows by their codes: each
// distinct text is compared, measured or matched once, and no row's text is copied out of the
// dictionary (hits Q27's `URL <> ''` and `length(URL)` decoded every URL twice). A dictionary
// larger than the chunk is a segment's, and its results are kept for the statement
// (CachedCallOverEntries). Null when the call does not have that form or fails on some entry
// (which may be one no row of the chunk uses: the rows then decide).
ArrayPtr EvaluateOverDictionary(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  if (expr.volatility == sql::Volatility::kVolatile || expr.children.empty()) return nullptr;
  ArrayPtr encoded;
  for (const sql::BoundExprPtr& child : expr.children) {
    if (child->kind == BoundKind::kConstant) continue;
    if (child->kind != BoundKind::kColumn || encoded != nullptr) return nullptr;
    encoded = input.column(static_cast<size_t>(child->column_index));
    if (!encoded->is_dictionary()) return nullptr;
  }
  if (encoded == nullptr) return nullptr;
  if (encoded->validity_bits() != nullptr) {
    for (int64_t row = 0; row < encoded->length(); ++row) {
      if (encoded->IsNull(row)) return nullptr;
    }
  }
  const ArrayPtr& dictionary = encoded->dictionary();
  const ArrayPtr per_entry =
      dictionary->length() > input.num_rows()
          ? CachedCallOverEntries(expr, dictionary, input.num_rows(), context)
          : CallOverEntries(expr, dictionary, context);
  if (per_entry == nullptr) return nullptr;
  const int32_t* codes = encoded->values<int32_t>();
  SelectionVector selection;
  selection.mutable_rows().assign(codes, codes + encoded->length());
  return columnar::Take(*per_entry, selection);
}

}  // namespace

ArrayPtr Decoded(const ArrayPtr& array) {
  if (!array->is_dictionary()) return array;
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(array->type());
  builder->AppendArray(*array, 0, array->length());
  return builder->Finish();
}

Chunk TakeRows(const Chunk& chunk, const SelectionVector& selection) {
  std::vector<ArrayPtr> columns;
  columns.reserve(chunk.num_columns());
  for (const ArrayPtr& column : chunk.columns())
    columns.push_back(columnar::Take(*column, selection));
  return Chunk(chunk.schema(), std::move(columns), static_cast<int64_t>(selection.size()));
}

Result<ArrayPtr> Broadcast(const types::Value& value, const types::DataType& type,
                           int64_t num_rows) {
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(type);
  if (value.is_null()) {
    for (int64_t i = 0; i < num_rows; ++i) builder->AppendNull();
    return builder->Finish();
  }
  if (type.layout() == types::Layout::kFixedWidth && num_rows > 1) {
    // The value converted once, then its bytes repeated: constants in arithmetic are
    // broadcast for every chunk.
    BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
    const ArrayPtr one = builder->Finish();
    const auto width = static_cast<size_t>(type.fixed_width());
    const uint8_t* bytes = one->buffers()[1]->data();
    auto values = columnar::Buffer::AllocateUninitialized(static_cast<size_t>(num_rows) * width);
    uint8_t* out = values->mutable_data();
    for (int64_t i = 0; i < num_rows; ++i)
      std::memcpy(out + static_cast<size_t>(i) * width, bytes, width);
    return std::make_shared<const columnar::Array>(
        type, num_rows, std::vector<columnar::BufferPtr>{nullptr, std::move(values)});
  }
  if (type.layout() == types::Layout::kVariable && num_rows > 1) {
    // Likewise a text's bytes: date_trunc('minute', ...) broadcasts its unit for every chunk.
    BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
    const ArrayPtr one = builder->Finish();
    const int32_t* one_offsets = one->offsets();
    const int64_t length = one_offsets[1] - one_offsets[0];
    if (length * num_rows <= std::numeric_limits<int32_t>::max()) {
      const uint8_t* bytes = one->buffers()[2]->data() + one_offsets[0];
      auto offsets = columnar::Buffer::AllocateUninitialized(static_cast<size_t>(num_rows + 1) *
                                                             sizeof(int32_t));
      auto* offset = offsets->mutable_data_as<int32_t>();
      auto data = columnar::Buffer::AllocateUninitialized(static_cast<size_t>(length * num_rows));
      uint8_t* out = data->mutable_data();
      for (int64_t i = 0; i <= num_rows; ++i) offset[i] = static_cast<int32_t>(i * length);
      for (int64_t i = 0; length > 0 && i < num_rows; ++i) {  // '' has no bytes to copy
        std::memcpy(out + i * length, bytes, static_cast<size_t>(length));
      }
      return std::make_shared<const columnar::Array>(
          type, num_rows,
          std::vector<columnar::BufferPtr>{nullptr, std::move(offsets), std::move(data)});
    }
    builder = columnar::MakeBuilder(type);
  }
  for (int64_t i = 0; i < num_rows; ++i) BOYO_RETURN_IF_ERROR(builder->AppendValue(value));
  return builder->Finish();
}

Result<ArrayPtr> EvaluateKeepingDictionary(const BoundExpr& expr, const Chunk& input,
                                           ExecContext& context) {
  if (expr.kind == BoundKind::kColumn) return input.column(static_cast<size_t>(expr.column_index));
  return Evaluate(expr, input, context);
}

namespace {

// A constant as an array of num_rows rows: a slice of the statement's broadcast of it when that
// is long enough (arrays are immutable, and a slice shares their buffers), else a new
// broadcast, kept for the chunks to come. Short ones are made afresh: they cost less than the
// lock.
Result<ArrayPtr> BroadcastConstant(const BoundExpr& expr, int64_t num_rows, ExecContext& context) {
  constexpr int64_t kMinKeptRows = 1024;
  if (num_rows < kMinKeptRows) return Broadcast(expr.constant, expr.type, num_rows);
  auto same = [&](const ExecContext::BroadcastConstant& kept) {
    return kept.rows != nullptr && kept.type == expr.type && kept.value == expr.constant &&
           kept.value.is_null() == expr.constant.is_null();
  };
  {
    std::lock_guard<std::mutex> lock(context.broadcast_mutex);
    const auto kept = context.broadcast_constants.find(&expr);
    if (kept != context.broadcast_constants.end() && same(kept->second) &&
        kept->second.rows->length() >= num_rows) {
      const ArrayPtr& rows = kept->second.rows;
      return rows->length() == num_rows ? rows : rows->Slice(0, num_rows);
    }
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr made, Broadcast(expr.constant, expr.type, num_rows));
  std::lock_guard<std::mutex> lock(context.broadcast_mutex);
  ExecContext::BroadcastConstant& kept = context.broadcast_constants[&expr];
  if (!same(kept) || kept.rows->length() < num_rows) kept = {expr.constant, expr.type, made};
  return made;
}

}  // namespace

Result<ArrayPtr> Evaluate(const BoundExpr& expr, const Chunk& input, ExecContext& context) {
  const int64_t num_rows = input.num_rows();
  switch (expr.kind) {
    case BoundKind::kConstant:
      return BroadcastConstant(expr, num_rows, context);
    case BoundKind::kColumn:
      return Decoded(input.column(static_cast<size_t>(expr.column_index)));
    case BoundKind::kParameter: {
      const size_t index = static_cast<size_t>(expr.parameter_index);
      if (index >= context.parameters.size()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kUndefinedParameter,
                      "no value for parameter $" + std::to_string(index + 1));
      }
      return Broadcast(context.parameters[index], expr.type, num_rows);
    }
    case BoundKind::kCall: {
      if (ArrayPtr over_dictionary = EvaluateOverDictionary(expr, input, context)) {
        return over_dictionary;
      }
      std::vector<ArrayPtr> args;
      args.reserve(expr.children.size());
      for (const sql::BoundExprPtr& child : expr.children) {
        BOYO_ASSIGN_OR_RETURN(ArrayPtr arg, Evaluate(*child, input, context));
        args.push_back(std::move(arg));
      }
      return expr.kernel(args, num_rows, context.eval);
    }
    case BoundKind::kCast: {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr arg, Evaluate(*expr.children[0], input, context));
      return expr.cast(arg, context.eval);
    }
    case BoundKind::kAnd:
    case BoundKind::kOr:
    case BoundKind::kNot:
      return EvaluateLogical(expr, input, context);
    case BoundKind::kIsNull: {
      BOYO_ASSIGN_OR_RETURN(ArrayPtr arg, Evaluate(*expr.children[0], input, context));
      // Arrays of the NULL type have no validity buffer: every row is NULL.
      const bool all_null = arg->type().id() == types::TypeId::kNull;
      BooleanBuilder builder;
      for (int64_t i = 0; i < num_rows; ++i) {
        builder.Append((all_null || arg->IsNull(i)) != expr.negated);
      }
      return builder.Finish();
    }
    case BoundKind::kCase:
      return EvaluateCase(expr, input, context);
    case BoundKind::kCoalesce:
      return EvaluateCoalesce(expr, input, context);
    case BoundKind::kInList:
      return EvaluateInList(expr, input, context);
    case BoundKind::kSubquery:
      return EvaluateSubquery(expr, input, context);
    case BoundKind::kArray:
      return EvaluateArrayConstructor(expr, input, context);
    case BoundKind::kSubscript:
      return EvaluateSubscript(expr, input, context);
    case BoundKind::kArrayCompare:
      return EvaluateArrayComparison(expr, input, context);
    case BoundKind::kSetResult:
      return Status::Internal("a set-returning call reached the executor unplanned");
    case BoundKind::kOuterColumn:
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "correlated subqueries are not supported yet");
    case BoundKind::kAggregateResult:
      return Status::Internal("an aggregate result reached the executor");
    case BoundKind::kWindowResult:
      return Status::Internal("a window function result reached the executor");
  }
  return Status::Internal("unknown expression kind");
}

Result<SelectionVector> EvaluateFilter(const BoundExpr& expr, const Chunk& input,
                                       ExecContext& context) {
  BOYO_ASSIGN_OR_RETURN(ArrayPtr result, Evaluate(expr, input, context));
  SelectionVector selection;
  const uint8_t* bits = result->bool_bits();
  for (int64_t i = 0; i < result->length(); ++i) {
    if (result->IsValid(i) && columnar::GetBit(bits, result->offset() + i)) {
      selection.mutable_rows().push_back(static_cast<uint32_t>(i));
    }
  }
  return selection;
}

}  // namespace boyodb::exec
