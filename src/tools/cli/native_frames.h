// The client's side of the native protocol's framing and JSON messages
// (docs/formats/native_protocol.md): frames are a 4-byte big-endian length and a payload;
// requests and responses are JSON objects; an error response carries the SQLSTATE, message,
// position and context that become a Status, so the shell shows a server's error exactly as
// it shows an embedded one.
// Thread safety: pure functions; a stream is used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "tools/cli/client_stream.h"

namespace boyodb::tools::cli {

/// The largest response frame the client reads (the server sends results a batch per frame);
/// a header announcing more is a protocol violation, and nothing is allocated for it.
inline constexpr uint32_t kMaxResponseFrameBytes = 1u << 30;

/// Writes one frame. 54000 when `payload` does not fit a 4-byte length; 08006 when the
/// connection is lost.
Status WriteFrame(ClientStream& stream, std::string_view payload);

/// Writes `request` as one JSON frame (invalid UTF-8 in its strings becomes U+FFFD).
Status WriteRequest(ClientStream& stream, const nlohmann::json& request);

/// Reads one frame's payload (empty for a frame of length 0). 08P01 when the header announces
/// more than `max_bytes`; 08006 when the connection ends or fails.
Result<std::string> ReadFrame(ClientStream& stream, uint32_t max_bytes = kMaxResponseFrameBytes);

/// A response frame's JSON object when its "status" is "ok"; the error it describes when it
/// is "error" (ErrorFromResponse); 08P01 when it is not a JSON object with a status.
Result<nlohmann::json> ParseResponse(std::string_view payload);

/// The Status of an error response {"status":"error","code":SQLSTATE,"message":...,
/// "position":N,"context":[...]}: that SQLSTATE, message, 1-based position and context
/// (innermost first, as the server lists it). 08P01 when the code is not a SQLSTATE.
Status ErrorFromResponse(const nlohmann::json& response);

/// The StatusCode a SQLSTATE belongs to (class 0A: not supported, 42P01: not found, 58:
/// I/O, XX001: corruption, ...); kInvalidArgument for the user errors of other classes.
StatusCode CodeForSqlState(std::string_view sqlstate);

/// `object[key]` when it is a string, else nullptr.
const std::string* StringField(const nlohmann::json& object, std::string_view key);

}  // namespace boyodb::tools::cli
