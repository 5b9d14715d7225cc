// CopyWriter: the output side of COPY TO. Converts each chunk's columns to their text forms
// with the registry's output casts (as PostgreSQL prints them) and writes them as text, CSV
// or NDJSON lines; Arrow output writes the chunks unchanged as an Arrow IPC file.
// Thread safety: one writer per statement, used by one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "engine/copy/copy_options.h"
#include "formats/ipc/byte_sink.h"
#include "sql/function/function_api.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::engine {

class CopyWriter {
 public:
  /// `sink`, `functions` and `eval` must outlive the writer. Writes the header line when the
  /// options ask for one. 42703 for a FORCE_QUOTE column that is not written; 42846 for a
  /// column type without a text form.
  static Result<std::unique_ptr<CopyWriter>> Open(formats::ipc::ByteSink* sink,
                                                  const CopyOptions& options,
                                                  std::vector<sql::OutputColumn> columns,
                                                  const sql::FunctionCatalog& functions,
                                                  const sql::EvalContext& eval);
  virtual ~CopyWriter() = default;
  /// Writes the chunk's rows. The chunk has the columns given to Open, in order.
  virtual Status Write(const columnar::Chunk& chunk) = 0;
  /// Completes the output (the Arrow footer); the sink is not synced or closed.
  virtual Status Finish() = 0;
};

}  // namespace boyodb::engine
