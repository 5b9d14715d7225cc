// HttpHandler: what boyodb-server's HTTP listener answers (ARCHITECTURE.md section 5):
//   POST /query   SQL in the body (or {"sql":...} as JSON, or ?query=), ?database=, and the
//                 result as JSON, NDJSON, CSV, TSV or an Arrow IPC stream (?format= or Accept)
//   GET /health   {"status":"ok",...} while the server serves
//   GET /metrics  every metric in Prometheus's text format
//   GET /         the web console (web_console.h), with /console.js and /console.css
// POST /query needs HTTP Basic authentication (401 with WWW-Authenticate otherwise) and runs
// as that user, in a session of its own, as one transaction per statement; /health,
// /metrics and the console's files need none (load balancers and Prometheus scrape them; the
// console logs in on each query). Errors are
// JSON bodies with the SQLSTATE, and an HTTP status by its class (400 for bad input, 404 for
// missing objects, 500 for the server's own failures).
// Thread safety: Handle may be called from several threads at once.
#pragma once

#include <utility>  // before Boost headers: Asio's awaitable.hpp needs it with g++ 12

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "engine/database.h"
#include "server/authenticator.h"
#include "server/server_metrics.h"
#include "sql/function/function_api.h"

namespace boyodb::server::http {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

class HttpHandler {
 public:
  /// `database`, `functions`, `authenticator` and `metrics` must outlive the handler.
  HttpHandler(engine::Database& database, const sql::FunctionCatalog& functions,
              Authenticator& authenticator, ServerMetrics& metrics,
              security::PasswordPolicy password_policy);

  /// The response to one request (runs its SQL: call it off the I/O thread).
  HttpResponse Handle(const HttpRequest& request);

 private:
  HttpResponse RunQuery(const HttpRequest& request);
  HttpResponse Health(const HttpRequest& request) const;
  HttpResponse Metrics(const HttpRequest& request) const;

  engine::Database& database_;
  const sql::FunctionCatalog& functions_;
  Authenticator& authenticator_;
  ServerMetrics& metrics_;
  const security::PasswordPolicy password_policy_;
};

/// The HTTP status for an error's SQLSTATE.
unsigned HttpStatusFor(const Status& status);

}  // namespace boyodb::server::http
