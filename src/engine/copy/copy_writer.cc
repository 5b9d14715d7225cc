#include "engine/copy/copy_writer.h"

#include <algorithm>

#include "common/sqlstate.h"
#include "exec/expression/evaluator.h"
#include "formats/ipc/file_writer.h"
#include "formats/text/delimited_writer.h"
#include "formats/text/ndjson_writer.h"

namespace boyodb::engine {
namespace {

using types::TypeId;

// Bytes of output gathered before they go to the sink.
constexpr size_t kFlushBytes = size_t{1} << 20;

bool IsNumberOrBoolean(const types::DataType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDecimal:
      return true;
    default:
      return false;
  }
}

// PostgreSQL's boolout prints t and f; only the cast to text says true and false.
columnar::ArrayPtr BooleanLetters(const columnar::Array& values) {
  columnar::BinaryBuilder builder(types::DataType::String());
  for (int64_t row = 0; row < values.length(); ++row) {
    if (values.IsNull(row)) {
      builder.AppendNull();
    } else {
      builder.Append(columnar::GetBit(values.bool_bits(), values.offset() + row) ? "t" : "f");
    }
  }
  return builder.Finish();
}

class TextCopyWriter final : public CopyWriter {
 public:
  TextCopyWriter(formats::ipc::ByteSink* sink, std::vector<sql::CastKernel> casts,
                 std::vector<bool> letters, const sql::EvalContext& eval,
                 std::unique_ptr<formats::text::DelimitedWriter> delimited,
                 std::unique_ptr<formats::text::NdjsonWriter> json)
      : sink_(sink),
        casts_(std::move(casts)),
        letters_(std::move(letters)),
        eval_(eval),
        delimited_(std::move(delimited)),
        json_(std::move(json)) {}

  Status WriteHeader(const std::vector<std::string>& names) {
    delimited_->WriteHeader(names, &buffer_);
    return Status::OK();
  }

  Status Write(const columnar::Chunk& chunk) override {
    std::vector<columnar::ArrayPtr> text(chunk.num_columns());
    for (size_t i = 0; i < chunk.num_columns(); ++i) {
      columnar::ArrayPtr values = exec::Decoded(chunk.column(i));
      if (letters_[i]) {
        text[i] = BooleanLetters(*values);
      } else if (casts_[i]) {
        BOYO_ASSIGN_OR_RETURN(text[i], casts_[i](values, eval_));
        text[i] = exec::Decoded(text[i]);
      } else {
        text[i] = std::move(values);
      }
    }
    if (delimited_ != nullptr) {
      delimited_->WriteRows(text, chunk.num_rows(), &buffer_);
    } else {
      json_->WriteRows(text, chunk.num_rows(), &buffer_);
    }
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override { return Flush(); }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status status = sink_->Append(buffer_);
    buffer_.clear();
    return status;
  }

  formats::ipc::ByteSink* sink_;
  std::vector<sql::CastKernel> casts_;  // empty where the column is TEXT already
  std::vector<bool> letters_;           // booleans printed t/f
  const sql::EvalContext& eval_;
  std::unique_ptr<formats::text::DelimitedWriter> delimited_;
  std::unique_ptr<formats::text::NdjsonWriter> json_;
  std::string buffer_;
};

class ArrowCopyWriter final : public CopyWriter {
 public:
  ArrowCopyWriter(columnar::SchemaPtr schema, std::unique_ptr<formats::ipc::FileWriter> writer)
      : schema_(std::move(schema)), writer_(std::move(writer)) {}
  Status Write(const columnar::Chunk& chunk) override {
    if (chunk.num_rows() == 0) return Status::OK();
    // Scans may hand out each segment's own dictionary, which an Arrow file cannot replace
    // midway; plain values are what a reader of the file expects anyway.
    std::vector<columnar::ArrayPtr> plain;
    for (const columnar::ArrayPtr& column : chunk.columns()) plain.push_back(exec::Decoded(column));
    return writer_->WriteChunk(columnar::Chunk(schema_, std::move(plain), chunk.num_rows()))
        .status();
  }
  Status Finish() override { return writer_->Finish(); }

 private:
  columnar::SchemaPtr schema_;
  std::unique_ptr<formats::ipc::FileWriter> writer_;
};

}  // namespace

Result<std::unique_ptr<CopyWriter>> CopyWriter::Open(formats::ipc::ByteSink* sink,
                                                     const CopyOptions& options,
                                                     std::vector<sql::OutputColumn> columns,
                                                     const sql::FunctionCatalog& functions,
                                                     const sql::EvalContext& eval) {
  std::vector<std::string> names;
  for (const sql::OutputColumn& column : columns) names.push_back(column.name);
  if (options.format == CopyFormat::kArrow) {
    std::vector<types::Field> fields;
    for (const sql::OutputColumn& column : columns) {
      fields.emplace_back(column.name, column.type, /*nullable=*/true);
    }
    auto schema = std::make_shared<const types::Schema>(std::move(fields));
    BOYO_ASSIGN_OR_RETURN(std::unique_ptr<formats::ipc::FileWriter> writer,
                          formats::ipc::FileWriter::Make(sink, schema, {}));
    return std::unique_ptr<CopyWriter>(
        std::make_unique<ArrowCopyWriter>(std::move(schema), std::move(writer)));
  }
  const bool json = options.format == CopyFormat::kJson;
  std::vector<sql::CastKernel> casts(columns.size());
  std::vector<bool> letters(columns.size()), bare(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const types::DataType& type = columns[i].type;
    bare[i] = IsNumberOrBoolean(type);
    if (type.id() == TypeId::kBoolean && !json) {
      letters[i] = true;
    } else if (type.id() != TypeId::kString) {
      BOYO_ASSIGN_OR_RETURN(casts[i], functions.FindCast(type, types::DataType::String()));
    }
  }
  if (json) {
    auto writer = std::make_unique<formats::text::NdjsonWriter>(names, std::move(bare));
    return std::unique_ptr<CopyWriter>(std::make_unique<TextCopyWriter>(
        sink, std::move(casts), std::move(letters), eval, nullptr, std::move(writer)));
  }
  formats::text::DelimitedOptions delimited = options.delimited;
  if (options.force_quote_all) delimited.force_quote.assign(columns.size(), true);
  for (const std::string& column : options.force_quote) {
    const auto found = std::find(names.begin(), names.end(), column);
    if (found == names.end()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidColumnReference,
                    "FORCE_QUOTE column \"" + column + "\" not referenced by COPY");
    }
    const size_t index = static_cast<size_t>(found - names.begin());
    if (delimited.force_quote.size() <= index) delimited.force_quote.resize(index + 1);
    delimited.force_quote[index] = true;
  }
  auto writer = std::make_unique<TextCopyWriter>(
      sink, std::move(casts), std::move(letters), eval,
      std::make_unique<formats::text::DelimitedWriter>(std::move(delimited)), nullptr);
  if (options.header) BOYO_RETURN_IF_ERROR(writer->WriteHeader(names));
  return std::unique_ptr<CopyWriter>(std::move(writer));
}

}  // namespace boyodb::engine
