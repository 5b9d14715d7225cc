// ServerMetrics: what boyodb-server counts for GET /metrics (Prometheus): requests, errors and
// their latency per protocol, connections, network bytes, rows read, returned and written
// (ingest rate is the rate of boyodb_ingested_rows_total), resident memory, and the tables and
// segments on disk.
// Thread safety: every method is thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "engine/database.h"
#include "engine/session.h"
#include "observability/metrics_registry.h"

namespace boyodb::server {

enum class Protocol : uint8_t { kNative, kHttp, kPgwire };

class ServerMetrics {
 public:
  /// Computed gauges read `database` when rendered; it must outlive the metrics.
  explicit ServerMetrics(const engine::Database& database);

  void ConnectionOpened(Protocol protocol);
  void ConnectionClosed(Protocol protocol);
  void BytesReceived(Protocol protocol, size_t bytes);
  void BytesSent(Protocol protocol, size_t bytes);
  /// One request (a query, an ingest, a DDL request) done, successfully or not.
  void RequestDone(Protocol protocol, double seconds, bool ok);
  /// What the statements of a request read, returned and wrote.
  void StatementsDone(const std::vector<engine::StatementResult>& results);

  /// The Prometheus text exposition of every metric.
  std::string Render() const;

 private:
  struct PerProtocol {
    observability::Counter* requests;
    observability::Counter* errors;
    observability::Histogram* latency;
    observability::Gauge* connections_open;
    observability::Counter* connections;
    observability::Counter* bytes_received;
    observability::Counter* bytes_sent;
  };
  PerProtocol& For(Protocol protocol) { return per_protocol_[static_cast<size_t>(protocol)]; }

  observability::MetricsRegistry registry_;
  std::array<PerProtocol, 3> per_protocol_;
  observability::Counter& rows_read_;
  observability::Counter& rows_returned_;
  observability::Counter& ingested_rows_;
};

}  // namespace boyodb::server
