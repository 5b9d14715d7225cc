// Streaming operators and simple sources and sinks: filter, projection, limit; table scan,
// VALUES and buffered chunks as sources; a collecting sink.
// Thread safety: one operator or sink instance per driver thread (Clone, NewLocal); sources
// that say parallel() serve many drivers at once; shared buffers are guarded.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "exec/pipeline/pipeline.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

/// Chunks shared between the sink of one pipeline and the source of another.
struct ChunkBuffer {
  std::mutex mutex;
  std::vector<columnar::Chunk> chunks;
};

class FilterOperator final : public Operator {
 public:
  explicit FilterOperator(sql::BoundExprPtr condition) : condition_(std::move(condition)) {}
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;
  std::unique_ptr<Operator> Clone() const override;

 private:
  sql::BoundExprPtr condition_;
};

class ProjectOperator final : public Operator {
 public:
  ProjectOperator(std::vector<sql::BoundExprPtr> exprs, columnar::SchemaPtr schema)
      : exprs_(std::move(exprs)), schema_(std::move(schema)) {}
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;
  std::unique_ptr<Operator> Clone() const override;

 private:
  std::vector<sql::BoundExprPtr> exprs_;
  columnar::SchemaPtr schema_;
};

/// LIMIT / OFFSET over rows in input order. With `tie_columns` (FETCH ... WITH TIES, over
/// input sorted by them), rows after the limit that equal the last row within it on those
/// columns are kept as well.
class LimitOperator final : public Operator {
 public:
  LimitOperator(int64_t limit, int64_t offset, std::vector<int32_t> tie_columns = {})
      : limit_(limit), to_skip_(offset), tie_columns_(std::move(tie_columns)) {}
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;
  bool Done() const override {
    return limit_ >= 0 && emitted_ >= limit_ && (tie_columns_.empty() || ties_done_);
  }

 private:
  // The key of `row` on the tie columns.
  std::string TieKey(const columnar::Chunk& input, int64_t row) const;

  int64_t limit_;
  int64_t to_skip_;
  std::vector<int32_t> tie_columns_;
  int64_t emitted_ = 0;
  std::string last_key_;    // WITH TIES: the key of the last row within the limit
  bool ties_done_ = false;  // WITH TIES: a row past the limit differed from it
};

/// DISTINCT ON over input sorted by its keys: keeps the first row of each run of rows whose
/// key columns are equal (NULLs equal each other), across chunks.
class DistinctOnOperator final : public Operator {
 public:
  explicit DistinctOnOperator(std::vector<int32_t> key_columns)
      : key_columns_(std::move(key_columns)) {}
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override;

 private:
  std::vector<int32_t> key_columns_;
  bool has_previous_ = false;
  std::string previous_key_;
};

/// A table scan's chunks; many drivers at once read different batches of a table (a stream
/// that cannot serve them at once, like a catalog relation's, is read under a lock).
class ScanSource final : public Source {
 public:
  /// `bound` (may be empty) is a top-N's cut-off the scan skips batches by.
  explicit ScanSource(const sql::LogicalOperator& get, ScanBound bound = {})
      : get_(get), schema_(SchemaOf(get.columns)), bound_(std::move(bound)) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;
  bool parallel() const override { return true; }
  Result<std::optional<columnar::Chunk>> NextMorsel(ExecContext& context,
                                                    uint64_t* sequence) override;

 private:
  const sql::LogicalOperator& get_;
  const columnar::SchemaPtr schema_;
  const ScanBound bound_;
  std::mutex mutex_;  // guards opening the stream, and reading one that is not concurrent
  std::unique_ptr<ChunkStream> stream_;
};

class ValuesSource final : public Source {
 public:
  explicit ValuesSource(const sql::LogicalOperator& values) : values_(values) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  const sql::LogicalOperator& values_;
  bool done_ = false;
};

/// Emits the chunks of a buffer filled by an earlier pipeline.
class BufferSource final : public Source {
 public:
  explicit BufferSource(std::shared_ptr<ChunkBuffer> buffer) : buffer_(std::move(buffer)) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;
  bool parallel() const override { return true; }
  int64_t morsels_left() const override;
  Result<std::optional<columnar::Chunk>> NextMorsel(ExecContext& context,
                                                    uint64_t* sequence) override;

 private:
  std::shared_ptr<ChunkBuffer> buffer_;
  size_t next_ = 0;
};

/// Chunks with the sequence numbers of the morsels they come from, put back in that order at
/// the end: what sinks that keep their input's order hold.
class OrderedChunks {
 public:
  void Add(columnar::Chunk chunk, uint64_t sequence) {
    chunks_.push_back({sequence, std::move(chunk)});
  }
  /// Moves `other`'s chunks here.
  void Take(OrderedChunks& other);
  /// The chunks in sequence order (arrival order among equal numbers); empties this.
  std::vector<columnar::Chunk> Release();
  bool empty() const { return chunks_.empty(); }

 private:
  std::vector<std::pair<uint64_t, columnar::Chunk>> chunks_;
};

/// `chunks` (of `schema`'s columns) as one chunk, its columns concatenated on up to `threads`
/// threads at once: how a sink that needs all its rows together (a join's build side, a
/// sort) gathers them without leaving the other threads idle. Dictionary-encoded columns come
/// out decoded, as from ConcatenateChunks.
columnar::Chunk ConcatenateInParallel(const columnar::SchemaPtr& schema,
                                      const std::vector<columnar::Chunk>& chunks, int threads);

/// Keeps every chunk it receives, renamed to `schema` (so UNION branches share one schema),
/// and adds them to the buffer in input order when the pipeline ends.
class CollectSink final : public Sink {
 public:
  CollectSink(std::shared_ptr<ChunkBuffer> buffer, columnar::SchemaPtr schema)
      : buffer_(std::move(buffer)), schema_(std::move(schema)) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override;
  std::unique_ptr<Sink> NewLocal() override;
  Status Absorb(Sink& local, ExecContext& context) override;
  Status Finalize(ExecContext& context) override;

 private:
  std::shared_ptr<ChunkBuffer> buffer_;
  columnar::SchemaPtr schema_;
  OrderedChunks chunks_;
  uint64_t arrival_ = 0;
};

}  // namespace boyodb::exec
