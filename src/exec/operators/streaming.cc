#include "exec/operators/streaming.h"

#include <algorithm>

#include "columnar/concatenation.h"
#include "exec/expression/evaluator.h"
#include "exec/operators/row_values.h"
#include "exec/pipeline/worker_pool.h"

namespace boyodb::exec {

using columnar::Chunk;

Result<Chunk> FilterOperator::Process(Chunk input, ExecContext& context) {
  BOYO_ASSIGN_OR_RETURN(columnar::SelectionVector rows,
                        EvaluateFilter(*condition_, input, context));
  if (rows.size() == static_cast<size_t>(input.num_rows())) return input;
  return TakeRows(input, rows);
}

std::unique_ptr<Operator> FilterOperator::Clone() const {
  if (!ParallelSafe(*condition_)) return nullptr;
  return std::make_unique<FilterOperator>(condition_);
}

std::unique_ptr<Operator> ProjectOperator::Clone() const {
  for (const sql::BoundExprPtr& expr : exprs_) {
    if (!ParallelSafe(*expr)) return nullptr;
  }
  return std::make_unique<ProjectOperator>(exprs_, schema_);
}

Result<Chunk> ProjectOperator::Process(Chunk input, ExecContext& context) {
  std::vector<columnar::ArrayPtr> columns;
  columns.reserve(exprs_.size());
  for (const sql::BoundExprPtr& expr : exprs_) {
    BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr column,
                          EvaluateKeepingDictionary(*expr, input, context));
    columns.push_back(std::move(column));
  }
  return Chunk(schema_, std::move(columns), input.num_rows());
}

Result<Chunk> LimitOperator::Process(Chunk input, ExecContext& context) {
  (void)context;
  int64_t begin = 0;
  if (to_skip_ > 0) {
    begin = std::min(to_skip_, input.num_rows());
    to_skip_ -= begin;
  }
  int64_t length = input.num_rows() - begin;
  if (limit_ >= 0) length = std::min(length, limit_ - emitted_);
  emitted_ += length;
  if (!tie_columns_.empty() && limit_ > 0) {
    if (length > 0 && emitted_ == limit_) last_key_ = TieKey(input, begin + length - 1);
    if (emitted_ == limit_) {
      // Rows after the limit continue while they tie with its last row.
      while (!ties_done_ && begin + length < input.num_rows()) {
        if (TieKey(input, begin + length) != last_key_) {
          ties_done_ = true;
        } else {
          ++length;
        }
      }
    }
  }
  if (begin == 0 && length == input.num_rows()) return input;
  return input.Slice(begin, length);
}

std::string LimitOperator::TieKey(const Chunk& input, int64_t row) const {
  std::vector<columnar::ArrayPtr> keys;
  for (const int32_t column : tie_columns_)
    keys.push_back(input.column(static_cast<size_t>(column)));
  std::string key;
  AppendRowKey(keys, row, &key);
  return key;
}

Result<Chunk> DistinctOnOperator::Process(Chunk input, ExecContext& context) {
  (void)context;
  std::vector<columnar::ArrayPtr> keys;
  for (const int32_t column : key_columns_) {
    keys.push_back(input.column(static_cast<size_t>(column)));
  }
  columnar::SelectionVector first_rows;
  std::string key;
  for (int64_t row = 0; row < input.num_rows(); ++row) {
    key.clear();
    AppendRowKey(keys, row, &key);
    if (has_previous_ && key == previous_key_) continue;
    first_rows.mutable_rows().push_back(static_cast<uint32_t>(row));
    previous_key_.swap(key);
    has_previous_ = true;
  }
  if (static_cast<int64_t>(first_rows.size()) == input.num_rows()) return input;
  return TakeRows(input, first_rows);
}

Result<std::optional<Chunk>> ScanSource::Next(ExecContext& context) {
  uint64_t sequence = 0;
  return NextMorsel(context, &sequence);
}

Result<std::optional<Chunk>> ScanSource::NextMorsel(ExecContext& context, uint64_t* sequence) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stream_ == nullptr) {
    if (context.tables == nullptr) return Status::Internal("no table reader for a scan");
    BOYO_ASSIGN_OR_RETURN(stream_,
                          context.tables->Scan(get_.database, get_.table, get_.table_columns,
                                               get_.predicates, bound_));
  }
  if (stream_->concurrent()) lock.unlock();
  BOYO_ASSIGN_OR_RETURN(std::optional<Chunk> chunk, stream_->NextMorsel(sequence));
  if (!chunk.has_value()) return chunk;
  // Rename to the plan's column names; the arrays are shared.
  return std::optional<Chunk>(Chunk(schema_, chunk->columns(), chunk->num_rows()));
}

Result<std::optional<Chunk>> ValuesSource::Next(ExecContext& context) {
  if (done_) return std::optional<Chunk>();
  done_ = true;
  const columnar::SchemaPtr schema = SchemaOf(values_.columns);
  const int64_t num_rows = static_cast<int64_t>(values_.rows.size());
  if (values_.columns.empty()) return std::optional<Chunk>(Chunk(schema, {}, num_rows));
  // Every expression is evaluated over a one-row input without columns.
  const Chunk one_row(SchemaOf({}), {}, 1);
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders;
  for (const sql::OutputColumn& column : values_.columns) {
    builders.push_back(columnar::MakeBuilder(column.type));
  }
  for (const std::vector<sql::BoundExprPtr>& row : values_.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      BOYO_ASSIGN_OR_RETURN(columnar::ArrayPtr value, Evaluate(*row[c], one_row, context));
      builders[c]->AppendArray(*value, 0, 1);
    }
  }
  std::vector<columnar::ArrayPtr> columns;
  for (auto& builder : builders) columns.push_back(builder->Finish());
  return std::optional<Chunk>(Chunk(schema, std::move(columns), num_rows));
}

Result<std::optional<Chunk>> BufferSource::Next(ExecContext& context) {
  uint64_t sequence = 0;
  return NextMorsel(context, &sequence);
}

int64_t BufferSource::morsels_left() const {
  std::lock_guard<std::mutex> lock(buffer_->mutex);
  return static_cast<int64_t>(buffer_->chunks.size() - std::min(next_, buffer_->chunks.size()));
}

Result<std::optional<Chunk>> BufferSource::NextMorsel(ExecContext& context, uint64_t* sequence) {
  (void)context;
  std::lock_guard<std::mutex> lock(buffer_->mutex);
  if (next_ >= buffer_->chunks.size()) return std::optional<Chunk>();
  *sequence = next_;
  return std::optional<Chunk>(buffer_->chunks[next_++]);
}

void OrderedChunks::Take(OrderedChunks& other) {
  for (auto& entry : other.chunks_) chunks_.push_back(std::move(entry));
  other.chunks_.clear();
}

std::vector<Chunk> OrderedChunks::Release() {
  std::stable_sort(chunks_.begin(), chunks_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Chunk> out;
  out.reserve(chunks_.size());
  for (auto& entry : chunks_) out.push_back(std::move(entry.second));
  chunks_.clear();
  return out;
}

Chunk ConcatenateInParallel(const columnar::SchemaPtr& schema, const std::vector<Chunk>& chunks,
                            int threads) {
  int64_t num_rows = 0;
  for (const Chunk& chunk : chunks) num_rows += chunk.num_rows();
  const size_t num_columns = schema->num_fields();
  std::vector<columnar::ArrayPtr> columns(num_columns);
  // Columns the concatenation handles are split by piece, so that one wide text column does
  // not leave the other threads idle; the rest are one task each.
  std::vector<std::unique_ptr<columnar::ArrayConcatenation>> split(num_columns);
  std::vector<size_t> whole;
  std::vector<std::pair<size_t, size_t>> pieces;  // (column, chunk)
  for (size_t c = 0; c < num_columns; ++c) {
    std::vector<columnar::ArrayPtr> arrays;
    for (const Chunk& chunk : chunks) arrays.push_back(chunk.column(c));
    const types::DataType& type = schema->field(c).type();
    if (!columnar::ArrayConcatenation::Handles(type, arrays)) {
      whole.push_back(c);
      continue;
    }
    split[c] = std::make_unique<columnar::ArrayConcatenation>(type, std::move(arrays));
    for (size_t p = 0; p < chunks.size(); ++p) pieces.emplace_back(c, p);
  }
  RunInParallel(threads, pieces.size(),
                [&](size_t task) { split[pieces[task].first]->Measure(pieces[task].second); });
  for (auto& concatenation : split) {
    if (concatenation != nullptr) concatenation->Allocate();
  }
  RunInParallel(threads, pieces.size() + whole.size(), [&](size_t task) {
    if (task < pieces.size()) {
      split[pieces[task].first]->Copy(pieces[task].second);
      return;
    }
    const size_t c = whole[task - pieces.size()];
    columns[c] = columnar::ConcatenateColumn(schema->field(c).type(), chunks, c);
  });
  for (size_t c = 0; c < num_columns; ++c) {
    if (split[c] != nullptr) columns[c] = split[c]->Finish();
  }
  return Chunk(schema, std::move(columns), num_rows);
}

Status CollectSink::Consume(Chunk input, ExecContext& context) {
  return ConsumeMorsel(std::move(input), arrival_++, context);
}

Status CollectSink::ConsumeMorsel(Chunk input, uint64_t sequence, ExecContext& context) {
  (void)context;
  chunks_.Add(Chunk(schema_, input.columns(), input.num_rows()), sequence);
  return Status::OK();
}

std::unique_ptr<Sink> CollectSink::NewLocal() {
  return std::make_unique<CollectSink>(buffer_, schema_);
}

Status CollectSink::Absorb(Sink& local, ExecContext& context) {
  (void)context;
  chunks_.Take(static_cast<CollectSink&>(local).chunks_);
  return Status::OK();
}

Status CollectSink::Finalize(ExecContext& context) {
  (void)context;
  std::vector<Chunk> chunks = chunks_.Release();
  std::lock_guard<std::mutex> lock(buffer_->mutex);
  for (Chunk& chunk : chunks) buffer_->chunks.push_back(std::move(chunk));
  return Status::OK();
}

}  // namespace boyodb::exec
