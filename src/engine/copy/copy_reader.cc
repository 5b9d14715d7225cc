#include "engine/copy/copy_reader.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <future>
#include <type_traits>

#include "common/background_worker.h"
#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "formats/ipc/file_reader.h"
#include "formats/ipc/stream_reader.h"
#include "formats/text/delimited_reader.h"
#include "formats/text/ndjson_reader.h"
#include "functions/string/character_length.h"
#include "sql/binder/type_rules.h"

namespace boyodb::engine {
namespace {

using formats::text::TextBlock;

// Rows per converted block: large enough that per-block costs (a cast kernel call per
// column, a chunk) vanish, small enough to stay in cache-friendly sizes.
constexpr int64_t kBlockRows = 64 * 1024;
// Bytes read from the input at a time; the buffer grows past it only for a longer row.
constexpr size_t kReadBytes = size_t{4} << 20;

std::string Quoted(std::string_view text) {
  // PostgreSQL's COPY context shows at most a few dozen characters of the value.
  constexpr size_t kMax = 64;
  std::string out = "\"";
  out.append(text.substr(0, kMax));
  if (text.size() > kMax) out.append("...");
  out.push_back('"');
  return out;
}

// Turns the input's columns into the table's: casts, NOT NULL checks and the filled columns.
class TableShaper {
 public:
  TableShaper(CopyTarget target, const sql::FunctionCatalog& functions, exec::ExecContext& context)
      : target_(std::move(target)), functions_(functions), context_(context) {
    casts_.resize(target_.input_columns.size());
  }

  const CopyTarget& target() const { return target_; }

  // `columns` holds the input fields; `where(row)` names a row in errors ("line 3").
  Result<columnar::Chunk> Shape(std::vector<columnar::ArrayPtr> columns, int64_t num_rows,
                                const std::function<std::string(int64_t)>& where) {
    const types::Schema& schema = target_.schema;
    std::vector<columnar::ArrayPtr> out(schema.num_fields());
    for (size_t i = 0; i < columns.size(); ++i) {
      const size_t column = static_cast<size_t>(target_.input_columns[i]);
      const types::Field& field = schema.field(column);
      columnar::ArrayPtr values = exec::Decoded(columns[i]);
      if (values->type() != field.type()) {
        if (!casts_[i]) {
          Result<sql::CastKernel> cast = functions_.FindCast(values->type(), field.type());
          if (!cast.ok()) {
            return Status(StatusCode::kInvalidArgument, sqlstate::kDatatypeMismatch,
                          "column \"" + field.name + "\" is of type " +
                              sql::PgTypeName(field.type()) + " but the input is of type " +
                              sql::PgTypeName(values->type()))
                .WithContext("COPY " + target_.table_name);
          }
          casts_[i] = std::move(*cast);
        }
        Result<columnar::ArrayPtr> cast = casts_[i](values, context_.eval);
        if (!cast.ok()) return LocateCastError(*values, i, cast.status(), where);
        values = std::move(*cast);
      }
      if (column < target_.character_lengths.size() && target_.character_lengths[column]) {
        const types::CharacterLength limit = *target_.character_lengths[column];
        Result<columnar::ArrayPtr> fitted =
            functions::FitCharacterLengths(values, limit, /*explicit_cast=*/false);
        if (!fitted.ok()) return LocateLengthError(*values, field, limit, fitted.status(), where);
        values = std::move(*fitted);
      }
      if (!field.nullable && values->null_count() > 0) {
        int64_t row = 0;
        while (row < num_rows && !values->IsNull(row)) ++row;
        return Status(StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
                      "null value in column \"" + field.name + "\" of relation \"" +
                          target_.table_name + "\" violates not-null constraint")
            .WithContext("COPY " + target_.table_name + ", " + where(row));
      }
      out[column] = std::move(values);
    }
    for (size_t column = 0; column < out.size(); ++column) {
      if (out[column] != nullptr) continue;
      const columnar::Chunk no_columns(std::make_shared<const types::Schema>(),
                                       std::vector<columnar::ArrayPtr>{}, num_rows);
      BOYO_ASSIGN_OR_RETURN(out[column],
                            exec::Evaluate(*target_.fill[column], no_columns, context_));
      const types::Field& field = schema.field(column);
      if (!field.nullable && out[column]->null_count() > 0) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
                      "null value in column \"" + field.name + "\" of relation \"" +
                          target_.table_name + "\" violates not-null constraint")
            .WithContext("COPY " + target_.table_name + ", " + where(0));
      }
    }
    return columnar::Chunk(std::make_shared<const types::Schema>(schema), std::move(out), num_rows);
  }

 private:
  // The cast failed somewhere in the column: cast row by row to name the first bad value (a
  // slow path taken once, since the COPY fails).
  Status LocateCastError(const columnar::Array& values, size_t input_column, Status failure,
                         const std::function<std::string(int64_t)>& where) const {
    const types::Field& field =
        target_.schema.field(static_cast<size_t>(target_.input_columns[input_column]));
    for (int64_t row = 0; row < values.length(); ++row) {
      if (values.IsNull(row)) continue;
      Result<columnar::ArrayPtr> one =
          casts_[input_column](exec::Decoded(values.Slice(row, 1)), context_.eval);
      if (one.ok()) continue;
      std::string shown = values.type().id() == types::TypeId::kString
                              ? Quoted(values.GetView(row))
                              : Quoted(values.GetValue(row).ToString());
      return Status(one.status())
          .WithContext("COPY " + target_.table_name + ", " + where(row) + ", column " + field.name +
                       ": " + shown);
    }
    return std::move(failure).WithContext("COPY " + target_.table_name + ", column " + field.name);
  }

  // Names the first value too long for its VARCHAR(n) or CHAR(n) column.
  Status LocateLengthError(const columnar::Array& values, const types::Field& field,
                           types::CharacterLength limit, Status failure,
                           const std::function<std::string(int64_t)>& where) const {
    std::string fitted;
    for (int64_t row = 0; row < values.length(); ++row) {
      if (values.IsNull(row)) continue;
      fitted.clear();
      const Status one = functions::FitCharacterLength(values.GetView(row), limit, false, &fitted);
      if (one.ok()) continue;
      return Status(one).WithContext("COPY " + target_.table_name + ", " + where(row) +
                                     ", column " + field.name + ": " + Quoted(values.GetView(row)));
    }
    return std::move(failure).WithContext("COPY " + target_.table_name + ", column " + field.name);
  }

  CopyTarget target_;
  const sql::FunctionCatalog& functions_;
  exec::ExecContext& context_;
  std::vector<sql::CastKernel> casts_;
};

// Text, CSV and NDJSON: a refilled buffer, a format reader, then the shaper per block.
template <typename FormatReader>
class TextCopyReader final : public CopyReader {
 public:
  TextCopyReader(std::unique_ptr<formats::ipc::ByteSource> owned, formats::ipc::ByteSource* source,
                 std::unique_ptr<FormatReader> reader, TableShaper shaper)
      : owned_(std::move(owned)),
        source_(source),
        reader_(std::move(reader)),
        shaper_(std::move(shaper)) {}

  // Blocks are converted on a worker thread while this one tokenizes the next block, so a
  // load costs about the larger of the two rather than their sum. Errors keep input order: a
  // block's conversion error is returned before the next block's framing error.
  Result<std::optional<columnar::Chunk>> Next() override {
    if (deferred_error_) return *deferred_error_;
    if (!shaping_.valid()) {
      BOYO_ASSIGN_OR_RETURN(std::optional<TextBlock> block, ReadBlock());
      if (!block) return std::nullopt;
      StartShaping(std::move(*block));
    }
    Result<std::optional<TextBlock>> next = ReadBlock();
    Result<columnar::Chunk> shaped = shaping_.get();
    if (!shaped.ok()) return shaped.status();
    if (!next.ok()) {
      deferred_error_ = next.status();
    } else if (next->has_value()) {
      StartShaping(std::move(**next));
    }
    return std::optional<columnar::Chunk>(std::move(shaped).value());
  }

 private:
  // Tokenizes up to kBlockRows rows; nullopt at the end of the input.
  Result<std::optional<TextBlock>> ReadBlock() {
    while (reader_->buffered_rows() < kBlockRows && !Finished()) {
      const std::string_view data(buffer_.data() + begin_, end_ - begin_);
      BOYO_ASSIGN_OR_RETURN(const size_t consumed, reader_->Parse(data, at_end_, kBlockRows));
      begin_ += consumed;
      if (reader_->buffered_rows() >= kBlockRows || Finished()) break;
      if (at_end_) break;  // the reader took every complete row, and there is no more input
      BOYO_RETURN_IF_ERROR(Refill());
    }
    if (reader_->buffered_rows() == 0) return std::optional<TextBlock>();
    return std::optional<TextBlock>(reader_->TakeBlock());
  }

  // Only one conversion runs at a time, so the shaper (and the statement's context) is never
  // used by two threads at once.
  void StartShaping(TextBlock block) {
    shaping_ = shaper_thread_.Run([this, block = std::move(block)]() mutable {
      const std::vector<int64_t>& lines = block.line_numbers;
      return shaper_.Shape(std::move(block.columns), block.num_rows, [&lines](int64_t row) {
        return "line " + std::to_string(lines[static_cast<size_t>(row)]);
      });
    });
  }

  bool Finished() const {
    if constexpr (std::is_same_v<FormatReader, formats::text::DelimitedReader>) {
      if (reader_->finished()) return true;
    }
    return at_end_ && begin_ == end_;
  }

  // Keeps the unread tail, makes room (growing for a row longer than the buffer) and reads.
  Status Refill() {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (buffer_.size() - end_ < kReadBytes / 2) buffer_.resize(std::max(kReadBytes, end_ * 2));
    BOYO_ASSIGN_OR_RETURN(const size_t read,
                          source_->Read(buffer_.size() - end_, buffer_.data() + end_));
    end_ += read;
    if (read == 0) at_end_ = true;
    return Status::OK();
  }

  std::unique_ptr<formats::ipc::ByteSource> owned_;
  formats::ipc::ByteSource* source_;
  std::unique_ptr<FormatReader> reader_;
  TableShaper shaper_;
  std::string buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool at_end_ = false;
  std::optional<Status> deferred_error_;
  std::future<Result<columnar::Chunk>> shaping_;
  // Last, so it is destroyed first: its destructor waits for a running conversion. One thread
  // converts every block (see BackgroundWorker for why not a thread per block).
  BackgroundWorker<Result<columnar::Chunk>> shaper_thread_;
};

// Arrow IPC: the file format (random access, through its footer) or the stream format.
class ArrowCopyReader final : public CopyReader {
 public:
  ArrowCopyReader(std::string bytes, std::shared_ptr<const RandomAccessFile> file,
                  formats::ipc::ReadOptions ipc_options, TableShaper shaper)
      : bytes_(std::move(bytes)),
        file_(std::move(file)),
        ipc_options_(std::move(ipc_options)),
        shaper_(std::move(shaper)) {}

  Status Open() {
    if (file_ == nullptr) {
      file_ = std::make_shared<formats::ipc::MemoryRandomAccessFile>(bytes_, "STDIN");
    }
    char magic[6] = {};
    BOYO_ASSIGN_OR_RETURN(const size_t read, file_->ReadAt(0, sizeof(magic), magic));
    if (read == sizeof(magic) && std::memcmp(magic, "ARROW1", sizeof(magic)) == 0) {
      BOYO_ASSIGN_OR_RETURN(file_reader_, formats::ipc::FileReader::Open(file_, ipc_options_));
      return CheckSchema(*file_reader_->schema());
    }
    source_ = std::make_unique<formats::ipc::FileSource>(file_);
    BOYO_ASSIGN_OR_RETURN(stream_reader_,
                          formats::ipc::StreamReader::Open(source_.get(), ipc_options_));
    return CheckSchema(*stream_reader_->schema());
  }

  Result<std::optional<columnar::Chunk>> Next() override {
    std::optional<columnar::Chunk> chunk;
    if (file_reader_ != nullptr) {
      if (next_batch_ >= file_reader_->num_batches()) return std::nullopt;
      BOYO_ASSIGN_OR_RETURN(chunk, file_reader_->ReadBatch(next_batch_++));
    } else {
      BOYO_ASSIGN_OR_RETURN(chunk, stream_reader_->Next());
      if (!chunk) return std::nullopt;
    }
    const int64_t first_row = rows_;
    rows_ += chunk->num_rows();
    BOYO_ASSIGN_OR_RETURN(
        columnar::Chunk shaped,
        shaper_.Shape(chunk->columns(), chunk->num_rows(), [first_row](int64_t row) {
          return "row " + std::to_string(first_row + row + 1);
        }));
    return shaped;
  }

 private:
  Status CheckSchema(const types::Schema& schema) const {
    const size_t expected = shaper_.target().input_columns.size();
    if (schema.num_fields() != expected) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kBadCopyFileFormat,
                    "the Arrow input has " + std::to_string(schema.num_fields()) +
                        " columns but COPY expects " + std::to_string(expected))
          .WithContext("COPY " + shaper_.target().table_name);
    }
    return Status::OK();
  }

  std::string bytes_;  // the client's whole input, when it did not come from a file
  std::shared_ptr<const RandomAccessFile> file_;
  formats::ipc::ReadOptions ipc_options_;
  TableShaper shaper_;
  std::unique_ptr<formats::ipc::FileReader> file_reader_;
  std::unique_ptr<formats::ipc::ByteSource> source_;
  std::unique_ptr<formats::ipc::StreamReader> stream_reader_;
  int next_batch_ = 0;
  int64_t rows_ = 0;
};

}  // namespace

Result<std::unique_ptr<CopyReader>> CopyReader::Open(CopyInput input, const CopyOptions& options,
                                                     CopyTarget target,
                                                     const sql::FunctionCatalog& functions,
                                                     exec::ExecContext& context) {
  std::vector<std::string> names;
  for (const int column : target.input_columns) {
    names.push_back(target.schema.field(static_cast<size_t>(column)).name);
  }
  const std::string label = "COPY " + target.table_name;
  TableShaper shaper(std::move(target), functions, context);

  if (options.format == CopyFormat::kArrow) {
    std::string bytes;
    std::shared_ptr<const RandomAccessFile> file = input.file;
    if (file == nullptr) {
      // A client stream has no random access: the file format needs its footer first.
      std::vector<char> chunk(kReadBytes);
      while (true) {
        BOYO_ASSIGN_OR_RETURN(const size_t read, input.stream->Read(chunk.size(), chunk.data()));
        if (read == 0) break;
        bytes.append(chunk.data(), read);
      }
    }
    auto reader = std::make_unique<ArrowCopyReader>(std::move(bytes), std::move(file),
                                                    input.ipc_options, std::move(shaper));
    BOYO_RETURN_IF_ERROR(reader->Open());
    return std::unique_ptr<CopyReader>(std::move(reader));
  }

  std::unique_ptr<formats::ipc::ByteSource> owned;
  formats::ipc::ByteSource* source = input.stream;
  if (input.file != nullptr) {
    owned = std::make_unique<formats::ipc::FileSource>(input.file);
    source = owned.get();
  }
  if (options.format == CopyFormat::kJson) {
    auto reader = std::make_unique<formats::text::NdjsonReader>(std::move(names), label);
    return std::unique_ptr<CopyReader>(
        std::make_unique<TextCopyReader<formats::text::NdjsonReader>>(
            std::move(owned), source, std::move(reader), std::move(shaper)));
  }
  using Header = formats::text::DelimitedReader::Header;
  formats::text::DelimitedOptions delimited = options.delimited;
  for (const std::string& column : options.force_not_null) {
    const auto found = std::find(names.begin(), names.end(), column);
    if (found == names.end()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                    "FORCE_NOT_NULL column \"" + column + "\" not referenced by COPY");
    }
    const size_t index = static_cast<size_t>(found - names.begin());
    if (delimited.force_not_null.size() <= index) delimited.force_not_null.resize(index + 1);
    delimited.force_not_null[index] = true;
  }
  const Header header =
      !options.header ? Header::kNone : (options.header_match ? Header::kMatch : Header::kSkip);
  auto reader = std::make_unique<formats::text::DelimitedReader>(std::move(delimited),
                                                                 std::move(names), header, label);
  return std::unique_ptr<CopyReader>(
      std::make_unique<TextCopyReader<formats::text::DelimitedReader>>(
          std::move(owned), source, std::move(reader), std::move(shaper)));
}

}  // namespace boyodb::engine
