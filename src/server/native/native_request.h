// NativeRequest: one request of the native protocol (docs/formats/native_protocol.md), parsed
// and checked from its JSON frame, e.g. {"op":"query","sql":"SELECT 1","database":"default"}.
// Thread safety: plain values and a pure function.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace boyodb::server::native {

enum class NativeOp : uint8_t {
  kQuery,           // sql [, binary]: run SQL, return the last statement's rows
  kExplain,         // sql: the plan as text
  kIngestIpc,       // table, ipc_base64 | binary: append an Arrow IPC stream or file
  kIngestCsv,       // table, csv [, header, delimiter, null]: append CSV text
  kCreateDatabase,  // name [, if_not_exists]
  kCreateTable,     // table, columns [, if_not_exists, codec, sort_key]
  kClusterStatus,   // the nodes and their roles
  kLogin,           // user, password: every other request needs a login first
  kPrepare,         // sql [, name, parameter_types]: parse and type a statement for execute
  kExecute,         // [name, parameters, binary]: run a prepared statement with values
  kDeallocate,      // [name]: forget a prepared statement
};

/// A column of create_table: {"name":"id","type":"BIGINT","nullable":false}.
struct NativeColumn {
  std::string name;
  std::string type;  // a type name as ParseTypeName reads it
  bool nullable = true;
};

struct NativeRequest {
  NativeOp op = NativeOp::kQuery;
  /// The request's "id", echoed in its response so a client can match them; null when absent.
  nlohmann::json id;
  /// The database the request runs in; empty keeps the connection's current one.
  std::string database;
  std::string sql;
  /// query: rows come back as raw Arrow IPC frames after the response; ingest_ipc: the IPC
  /// bytes come in the frame after the request instead of in ipc_base64.
  bool binary = false;
  /// ingest_* and create_table: the table, unqualified (its database is `database`).
  std::string table;
  /// ingest_ipc: the decoded IPC bytes; ingest_csv: the CSV text.
  std::string data;
  /// ingest_csv: COPY's CSV options as given (HEADER, DELIMITER, NULL, QUOTE).
  std::optional<bool> header;
  std::optional<std::string> delimiter;
  std::optional<std::string> null_string;
  std::optional<std::string> quote;
  /// create_database: the new database's name; prepare, execute, deallocate: the prepared
  /// statement's ("" is the unnamed one, which the next prepare replaces).
  std::string name;
  /// prepare: the declared type of each $n (a type name), nullopt to infer it from its use.
  std::vector<std::optional<std::string>> parameter_types;
  /// execute: one JSON string, number, boolean or null per parameter.
  std::vector<nlohmann::json> parameters;
  /// login.
  std::string user;
  std::string password;
  bool if_not_exists = false;
  /// create_table.
  std::vector<NativeColumn> columns;
  std::optional<std::string> codec;
  std::vector<std::string> sort_key;

  /// True when the IPC bytes of ingest_ipc follow in a frame of their own.
  bool expects_data_frame() const { return op == NativeOp::kIngestIpc && binary; }
};

/// Parses a request frame's payload. 08P01 (protocol_violation) naming what is wrong: not
/// JSON, not an object, an unknown "op", a required field missing, a field of the wrong
/// JSON type, or ipc_base64 that is not base64. The request's id, when it could be read, is in
/// `id_out` so the error response can carry it.
Result<NativeRequest> ParseNativeRequest(std::string_view payload, nlohmann::json* id_out);

}  // namespace boyodb::server::native
