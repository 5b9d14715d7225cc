// CopyReader: the input side of COPY FROM. Reads a file or the client's stream in one of the
// COPY formats and returns chunks shaped like the target table: the input's fields are parsed
// into TEXT columns a block at a time and converted with whole-column text casts (Arrow input
// is cast only where its types differ); columns the COPY does not list get their DEFAULT or
// NULL. Errors name the line and column, as PostgreSQL's COPY context does.
// Thread safety: one reader per statement, used by one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "engine/copy/copy_options.h"
#include "exec/exec_context.h"
#include "formats/ipc/byte_source.h"
#include "formats/ipc/options.h"
#include "sql/binder/bound_expr.h"
#include "sql/function/function_api.h"
#include "types/character_length.h"

namespace boyodb::engine {

/// Where COPY FROM puts what it reads.
struct CopyTarget {
  /// The table as written in the statement, for error contexts ("COPY t, line 3").
  std::string table_name;
  types::Schema schema;
  /// The table column each input field fills, in input order.
  std::vector<int> input_columns;
  /// Per table column not in the input: its DEFAULT expression, or a NULL constant.
  std::vector<sql::BoundExprPtr> fill;
  /// Per table column: the length a VARCHAR(n) or CHAR(n) column takes (empty: none).
  std::vector<std::optional<types::CharacterLength>> character_lengths;
};

/// The input of COPY FROM: a file (`file` set, read from its start) or a client stream.
struct CopyInput {
  std::shared_ptr<const RandomAccessFile> file;
  formats::ipc::ByteSource* stream = nullptr;
  /// Bounds on Arrow input (decompressed buffer and message sizes).
  formats::ipc::ReadOptions ipc_options;
};

class CopyReader {
 public:
  /// `functions` and `context` must outlive the reader. Arrow input is opened (and its schema
  /// checked against the target) here.
  static Result<std::unique_ptr<CopyReader>> Open(CopyInput input, const CopyOptions& options,
                                                  CopyTarget target,
                                                  const sql::FunctionCatalog& functions,
                                                  exec::ExecContext& context);
  virtual ~CopyReader() = default;

  /// The next rows, in table column order, or nullopt at the end of the input. Errors: 22P04
  /// for the input's framing (field counts, quotes), 22P02/22003/... from the casts with
  /// "COPY t, line N, column c: "text"" as context, 23502 for a NULL in a NOT NULL column.
  virtual Result<std::optional<columnar::Chunk>> Next() = 0;
};

}  // namespace boyodb::engine
