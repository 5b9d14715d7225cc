#include "server/http/http_handler.h"

#include <boost/beast/http/field.hpp>
#include <chrono>

#include "common/base64.h"
#include "common/sqlstate.h"
#include "common/version.h"
#include "engine/copy/copy_writer.h"
#include "engine/session.h"
#include "formats/ipc/byte_sink.h"
#include "server/http/http_query_options.h"
#include "server/http/web_console.h"
#include "server/json_response.h"
#include "server/result_frames.h"
#include "sql/parser/identifier_quoting.h"

namespace boyodb::server::http {
namespace {

namespace beast_http = boost::beast::http;
using nlohmann::json;

HttpResponse MakeResponse(const HttpRequest& request, unsigned status,
                          std::string_view content_type, std::string body) {
  HttpResponse response(static_cast<beast_http::status>(status), request.version());
  response.set(beast_http::field::server, "boyodb/" + std::string(kBoyoVersion));
  response.set(beast_http::field::content_type, std::string(content_type));
  response.body() = std::move(body);
  return response;
}

HttpResponse ErrorResponse(const HttpRequest& request, const Status& status) {
  return MakeResponse(request, HttpStatusFor(status), "application/json",
                      DumpJson(ErrorJson(status)));
}

// The result's rows as COPY TO would write them in `format` ("csv", "text" or "json").
Result<std::string> CopyText(const engine::StatementResult& result, const char* format, bool header,
                             const sql::FunctionCatalog& functions, const std::string& time_zone) {
  std::vector<sql::ast::Option> options = {{"format", format, 0}};
  if (header) options.push_back({"header", "true", 0});
  BOYO_ASSIGN_OR_RETURN(const engine::CopyOptions copy_options,
                        engine::ParseCopyOptions(options, /*from=*/false));
  std::string text;
  formats::ipc::StringSink sink(&text);
  sql::EvalContext eval;
  eval.time_zone = time_zone;
  BOYO_ASSIGN_OR_RETURN(
      std::unique_ptr<engine::CopyWriter> writer,
      engine::CopyWriter::Open(&sink, copy_options, result.columns, functions, eval));
  for (const columnar::Chunk& chunk : result.chunks) BOYO_RETURN_IF_ERROR(writer->Write(chunk));
  BOYO_RETURN_IF_ERROR(writer->Finish());
  return text;
}

// {"columns":[...],"rows":[{...},...],"command":...,"rows_returned":N,...}: the rows are
// COPY's NDJSON objects, spliced in as they are.
Result<std::string> JsonDocument(const engine::StatementResult& result, json meta,
                                 const sql::FunctionCatalog& functions,
                                 const std::string& time_zone) {
  BOYO_ASSIGN_OR_RETURN(std::string lines, CopyText(result, "json", false, functions, time_zone));
  std::string rows = "[";
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    if (end > start) {
      if (rows.size() > 1) rows.push_back(',');
      rows.append(lines, start, end - start);
    }
    start = end + 1;
  }
  rows.push_back(']');
  std::string body = DumpJson(meta);
  body.pop_back();  // the closing brace; "rows" goes last
  body += ",\"rows\":" + rows + "}";
  return body;
}

}  // namespace

unsigned HttpStatusFor(const Status& status) {
  const std::string_view code = status.sqlstate();
  if (code == "42P01" || code == "3D000" || code == "3F000" || code == "42883") return 404;
  if (code.starts_with("28")) return 401;
  if (code == "42501") return 403;
  if (code == "54000") return 413;
  if (code.starts_with("53") || code.starts_with("57")) return 503;
  if (code.starts_with("XX") || code.starts_with("58")) return 500;
  return 400;
}

HttpHandler::HttpHandler(engine::Database& database, const sql::FunctionCatalog& functions,
                         Authenticator& authenticator, ServerMetrics& metrics,
                         security::PasswordPolicy password_policy)
    : database_(database),
      functions_(functions),
      authenticator_(authenticator),
      metrics_(metrics),
      password_policy_(password_policy) {}

HttpResponse HttpHandler::Handle(const HttpRequest& request) {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  const auto method_not_allowed = [&request](const char* allowed) {
    HttpResponse response =
        ErrorResponse(request, Status(StatusCode::kInvalidArgument, "42601",
                                      std::string("method not allowed here; use ") + allowed));
    response.result(beast_http::status::method_not_allowed);
    response.set(beast_http::field::allow, allowed);
    return response;
  };
  if (path == "/query") {
    return request.method() == beast_http::verb::post ? RunQuery(request)
                                                      : method_not_allowed("POST");
  }
  if (path == "/health") {
    return request.method() == beast_http::verb::get ? Health(request) : method_not_allowed("GET");
  }
  if (path == "/metrics") {
    return request.method() == beast_http::verb::get ? Metrics(request) : method_not_allowed("GET");
  }
  if (const ConsoleFile* file = FindConsoleFile(path)) {
    if (request.method() != beast_http::verb::get) return method_not_allowed("GET");
    HttpResponse response = MakeResponse(request, 200, file->content_type, std::string(file->body));
    response.set("Content-Security-Policy", std::string(kConsoleContentSecurityPolicy));
    response.set("X-Content-Type-Options", "nosniff");
    response.set(beast_http::field::cache_control, "no-cache");
    return response;
  }
  HttpResponse response = ErrorResponse(
      request, Status(StatusCode::kNotFound, "42704",
                      "no such endpoint \"" + std::string(path) +
                          "\"; there are POST /query, GET /health, GET /metrics and the web "
                          "console at GET /"));
  response.result(beast_http::status::not_found);
  return response;
}

HttpResponse HttpHandler::RunQuery(const HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const auto header = [&request](beast_http::field field) {
    const auto found = request.find(field);
    return found == request.end() ? std::string_view()
                                  : std::string_view(found->value().data(), found->value().size());
  };
  const std::string_view target(request.target().data(), request.target().size());
  const auto unauthorized = [&request](const Status& status) {
    HttpResponse response = ErrorResponse(request, status);
    response.result(beast_http::status::unauthorized);
    response.set(beast_http::field::www_authenticate, "Basic realm=\"boyodb\", charset=\"UTF-8\"");
    return response;
  };
  const std::string_view authorization = header(beast_http::field::authorization);
  std::string credentials;
  if (!authorization.starts_with("Basic ") ||
      !DecodeBase64(authorization.substr(6), &credentials).ok() ||
      credentials.find(':') == std::string::npos) {
    return unauthorized(Status(StatusCode::kInvalidArgument,
                               sqlstate::kInvalidAuthorizationSpecification,
                               "authentication required: use HTTP Basic authentication"));
  }
  const size_t colon = credentials.find(':');
  Result<engine::UserInfo> user =
      authenticator_.CheckPassword(credentials.substr(0, colon), credentials.substr(colon + 1));
  if (!user.ok()) return unauthorized(user.status());
  if (Status admitted = authenticator_.AdmitRequest(user->name); !admitted.ok()) {
    HttpResponse response = ErrorResponse(request, admitted);
    response.result(beast_http::status::too_many_requests);
    return response;
  }

  Result<HttpQuery> query = ReadHttpQuery(target, header(beast_http::field::content_type),
                                          header(beast_http::field::accept), request.body());
  if (!query.ok()) return ErrorResponse(request, query.status());

  engine::Session session(database_, functions_);
  session.SetIdentity(user->name, user->name);
  session.SetPasswordPolicy(password_policy_);
  Status ready = session.Init();
  if (ready.ok() && !query->database.empty()) {
    ready = session.Execute("SET search_path = " + sql::QuoteIdentifierIfNeeded(query->database))
                .status();
  }
  if (!ready.ok()) return ErrorResponse(request, ready);
  Result<std::vector<engine::StatementResult>> results = session.Execute(query->sql);
  if (!results.ok()) return ErrorResponse(request, results.status());
  metrics_.StatementsDone(*results);
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  json meta = {{"status", "ok"}};
  if (results->empty()) {
    meta["command"] = "";
    return MakeResponse(request, 200, "application/json", DumpJson(meta));
  }
  engine::StatementResult& last = results->back();
  meta["command"] = last.command_tag;
  meta["execution_time_ms"] = milliseconds;
  if (!last.returns_rows) {
    if (const int64_t count = last.tag_count(); count >= 0) {
      meta["rows_affected"] = count;
    }
    return MakeResponse(request, 200, "application/json", DumpJson(meta));
  }
  const std::string time_zone = session.TimeZoneSetting();
  Result<std::string> body = std::string();
  switch (query->format) {
    case ResultFormat::kJson: {
      json columns = json::array();
      for (const sql::OutputColumn& column : last.columns) {
        columns.push_back({{"name", column.name}, {"type", column.type.ToString()}});
      }
      meta["columns"] = std::move(columns);
      meta["rows_returned"] = last.num_rows();
      body = JsonDocument(last, std::move(meta), functions_, time_zone);
      break;
    }
    case ResultFormat::kNdjson:
      body = CopyText(last, "json", false, functions_, time_zone);
      break;
    case ResultFormat::kCsv:
      body = CopyText(last, "csv", true, functions_, time_zone);
      break;
    case ResultFormat::kTsv:
      body = CopyText(last, "text", true, functions_, time_zone);
      break;
    case ResultFormat::kArrow: {
      Result<std::unique_ptr<ResultFrames>> frames =
          ResultFrames::Make(last.columns, std::move(last.chunks));
      body = frames.ok() ? (*frames)->ReadAll() : Result<std::string>(frames.status());
      break;
    }
  }
  if (!body.ok()) return ErrorResponse(request, body.status());
  return MakeResponse(request, 200, ContentType(query->format), std::move(*body));
}

HttpResponse HttpHandler::Health(const HttpRequest& request) const {
  const json health = {{"status", "ok"}, {"version", std::string(kBoyoVersion)}};
  return MakeResponse(request, 200, "application/json", DumpJson(health));
}

HttpResponse HttpHandler::Metrics(const HttpRequest& request) const {
  return MakeResponse(request, 200, "text/plain; version=0.0.4; charset=utf-8", metrics_.Render());
}

}  // namespace boyodb::server::http
