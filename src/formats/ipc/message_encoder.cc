#include "formats/ipc/message_encoder.h"

#include "columnar/dictionary.h"
#include "common/check.h"
#include "common/sqlstate.h"
#include "formats/ipc/batch_encoder.h"
#include "formats/ipc/dictionaries.h"

namespace boyodb::formats::ipc {

using columnar::ArrayPtr;

namespace {

FramedMessage Frame(std::string_view flatbuffer, EncodedBatch* batch) {
  FramedMessage out;
  out.metadata_length = AppendFramedMetadata(flatbuffer, &out.bytes);
  if (batch != nullptr) {
    out.body_length = static_cast<int64_t>(batch->body.size());
    out.bytes.append(batch->body);
    out.header = std::move(batch->header);
  }
  return out;
}

}  // namespace

MessageEncoder::MessageEncoder(columnar::SchemaPtr schema, WriteOptions options,
                               bool allow_replacement)
    : schema_(std::move(schema)),
      options_(std::move(options)),
      allow_replacement_(allow_replacement) {}

void MessageEncoder::FixSchema(const columnar::Chunk* first) {
  BOYO_CHECK(!schema_fixed_);
  schema_fixed_ = true;
  for (size_t i = 0; i < schema_->num_fields(); ++i) {
    IpcField field = IpcFieldFromField(schema_->field(i));
    if (first != nullptr && i < first->num_columns() && first->column(i)->is_dictionary()) {
      field.dictionary_encoded = true;
      field.dictionary_id = static_cast<int64_t>(dictionaries_.size());
      dictionaries_.push_back({i, nullptr});
    }
    fields_.push_back(std::move(field));
  }
}

FramedMessage MessageEncoder::SchemaMessage() const {
  BOYO_CHECK(schema_fixed_);
  return Frame(BuildSchemaMessage(fields_, options_.schema_metadata), nullptr);
}

Result<FramedMessage> MessageEncoder::EncodeDictionary(const DictionaryState& state,
                                                       const ArrayPtr& values, int64_t id,
                                                       bool is_delta) const {
  const std::vector<IpcField> value_fields = {DictionaryValueField(fields_[state.column])};
  BOYO_ASSIGN_OR_RETURN(EncodedBatch batch,
                        EncodeBatch(value_fields, {values}, values->length(), options_));
  const std::string metadata = BuildDictionaryBatchMessage(id, is_delta, batch.header,
                                                           static_cast<int64_t>(batch.body.size()));
  FramedMessage out = Frame(metadata, &batch);
  out.is_dictionary = true;
  return out;
}

Status MessageEncoder::CheckChunk(const columnar::Chunk& chunk) const {
  if (chunk.num_columns() != schema_->num_fields()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "chunk has " + std::to_string(chunk.num_columns()) +
                      " columns but the IPC writer's schema has " +
                      std::to_string(schema_->num_fields()));
  }
  for (size_t i = 0; i < chunk.num_columns(); ++i) {
    const ArrayPtr& column = chunk.column(i);
    const types::Field& field = schema_->field(i);
    if (column->type() != field.type() || column->length() != chunk.num_rows()) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                    "column \"" + field.name + "\" has type " + column->type().ToString() +
                        " and " + std::to_string(column->length()) +
                        " rows; the IPC writer expects " + field.type().ToString() + " and " +
                        std::to_string(chunk.num_rows()));
    }
  }
  return Status::OK();
}

Result<std::vector<FramedMessage>> MessageEncoder::EncodeChunk(const columnar::Chunk& chunk) {
  BOYO_CHECK(schema_fixed_);
  BOYO_RETURN_IF_ERROR(CheckChunk(chunk));
  std::vector<ArrayPtr> columns = chunk.columns();
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!fields_[i].dictionary_encoded && columns[i]->is_dictionary()) {
      columns[i] = MaterializeDictionary(columns[i]);
    }
  }
  // Dictionary states change only once the whole chunk encoded, so a rejected chunk leaves the
  // writer as it was.
  std::vector<ArrayPtr> written(dictionaries_.size());
  std::vector<FramedMessage> out;
  for (size_t id = 0; id < dictionaries_.size(); ++id) {
    const DictionaryState& state = dictionaries_[id];
    const IpcField& field = fields_[state.column];
    ArrayPtr& column = columns[state.column];
    if (!column->is_dictionary()) {
      if (column->type().layout() != types::Layout::kVariable) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "column \"" + field.field.name +
                          "\" was dictionary-encoded in the first chunk; a plain " +
                          column->type().ToString() + " column cannot be encoded to match");
      }
      column = columnar::DictionaryEncode(*column);
    }
    const ArrayPtr& dictionary = column->dictionary();
    written[id] = dictionary;
    if (dictionary == state.written) continue;
    if (state.written == nullptr) {
      BOYO_ASSIGN_OR_RETURN(FramedMessage message,
                            EncodeDictionary(state, dictionary, static_cast<int64_t>(id), false));
      out.push_back(std::move(message));
    } else if (DictionaryExtends(*dictionary, *state.written)) {
      const int64_t previous = state.written->length();
      if (dictionary->length() > previous) {
        BOYO_ASSIGN_OR_RETURN(
            FramedMessage message,
            EncodeDictionary(state, dictionary->Slice(previous, dictionary->length() - previous),
                             static_cast<int64_t>(id), true));
        out.push_back(std::move(message));
      }
    } else if (allow_replacement_) {
      BOYO_ASSIGN_OR_RETURN(FramedMessage message,
                            EncodeDictionary(state, dictionary, static_cast<int64_t>(id), false));
      out.push_back(std::move(message));
    } else {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "the Arrow IPC file format allows one dictionary per column plus deltas, "
                    "but column \"" +
                        field.field.name +
                        "\" has a dictionary that does not extend the one already written");
    }
  }
  BOYO_ASSIGN_OR_RETURN(EncodedBatch batch,
                        EncodeBatch(fields_, columns, chunk.num_rows(), options_));
  const std::string metadata =
      BuildRecordBatchMessage(batch.header, static_cast<int64_t>(batch.body.size()));
  out.push_back(Frame(metadata, &batch));
  for (size_t id = 0; id < dictionaries_.size(); ++id) dictionaries_[id].written = written[id];
  return out;
}

std::string MessageEncoder::Footer(const std::vector<FileBlock>& dictionaries,
                                   const std::vector<FileBlock>& record_batches) const {
  BOYO_CHECK(schema_fixed_);
  return BuildFooter(fields_, options_.schema_metadata, dictionaries, record_batches);
}

}  // namespace boyodb::formats::ipc
