#include "engine/copy/copy_writer.h"

#include <algorithm>

#include "common/sqlstate.h"
#include "engine/text_output.h"
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

class TextCopyWriter final : public CopyWriter {
 public:
  TextCopyWriter(formats::ipc::ByteSink* sink, TextOutput text, const sql::EvalContext& eval,
                 std::unique_ptr<formats::text::DelimitedWriter> delimited,
                 std::unique_ptr<formats::text::NdjsonWriter> json)
      : sink_(sink),
        text_(std::move(text)),
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
      BOYO_ASSIGN_OR_RETURN(text[i], text_.Render(i, chunk.column(i), eval_));
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
  TextOutput text_;
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
  std::vector<bool> bare(columns.size());
  std::vector<types::DataType> types;
  for (size_t i = 0; i < columns.size(); ++i) {
    bare[i] = IsNumberOrBoolean(columns[i].type);
    types.push_back(columns[i].type);
  }
  // JSON writes booleans bare (true/false), the text formats as t/f.
  BOYO_ASSIGN_OR_RETURN(TextOutput text,
                        TextOutput::Make(types, functions, /*boolean_letters=*/!json));
  if (json) {
    auto writer = std::make_unique<formats::text::NdjsonWriter>(names, std::move(bare));
    return std::unique_ptr<CopyWriter>(
        std::make_unique<TextCopyWriter>(sink, std::move(text), eval, nullptr, std::move(writer)));
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
      sink, std::move(text), eval,
      std::make_unique<formats::text::DelimitedWriter>(std::move(delimited)), nullptr);
  if (options.header) BOYO_RETURN_IF_ERROR(writer->WriteHeader(names));
  return std::unique_ptr<CopyWriter>(std::move(writer));
}

}  // namespace boyodb::engine
