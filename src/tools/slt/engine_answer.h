// Engine answers: the JSONL contract's request line and the decoding of one answer line into
// rows of Values (shared/slt/README.md, "Running a database against it"; docs/testing/slt.md).
// Thread safety: free functions without shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "tools/slt/value.h"

namespace boyodb::tools::slt {

/// One decoded answer. A failed request (`"ok": false`, or rows that do not fit the columns)
/// has ok false and an error message; a successful one has the column count and the rows.
struct EngineAnswer {
  bool ok = false;
  std::string error;  // when !ok
  std::string code;   // when !ok: the SQLSTATE if the engine gave one
  size_t num_columns = 0;
  std::vector<std::vector<Value>> rows;  // each of num_columns values
};

/// The request line for one record: `{"sql":"<text>"}` and '\n'. Bytes of the text that are
/// not valid UTF-8 are sent as U+FFFD.
std::string EncodeRequest(std::string_view sql);

/// Decodes one answer line. Returns an error (the caller treats the engine as lost) when the
/// line is not a JSON object with an "ok" key. A falsy "ok" gives ok false with the "error"
/// text; rows that are not arrays of exactly as many values as "columns" names give ok false
/// with a protocol message. NaN, Infinity and -Infinity outside strings are read as doubles.
Result<EngineAnswer> DecodeAnswer(std::string_view line);

/// Rewrites the bare literals NaN, Infinity and -Infinity outside JSON strings into a marker
/// object that nlohmann::json parses and DecodeAnswer turns back into a double. Returns the line
/// unchanged when it has none. Exposed for tests.
std::string ReplaceNonFiniteLiterals(std::string_view line);

}  // namespace boyodb::tools::slt
