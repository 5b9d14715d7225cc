#include "server/server_metrics.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>

namespace boyodb::server {
namespace {

constexpr std::array<std::string_view, 3> kProtocolNames = {"native", "http", "pgwire"};

// Resident set size from /proc/self/statm (its second field, in pages); 0 where unavailable.
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0;
  long pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return static_cast<double>(pages_resident) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

// The verb of a command tag that wrote rows, or empty ("INSERT 0 5" -> "INSERT").
std::string_view WritingVerb(std::string_view tag) {
  for (const std::string_view verb : {"INSERT", "UPDATE", "DELETE", "COPY", "MERGE"}) {
    if (tag.starts_with(verb) && tag.size() > verb.size() && tag[verb.size()] == ' ') return verb;
  }
  return {};
}

// Calls `visit` with every table of every database (tables dropped meanwhile are skipped).
void ForEachTable(const engine::Database& database,
                  const std::function<void(const engine::TableInfo&)>& visit) {
  for (const std::string& name : database.ListDatabases()) {
    const Result<std::vector<std::string>> tables = database.ListTables(name);
    if (!tables.ok()) continue;
    for (const std::string& table : *tables) {
      const Result<engine::TableInfo> info = database.DescribeTable(name, table);
      if (info.ok()) visit(*info);
    }
  }
}

}  // namespace

ServerMetrics::ServerMetrics(const engine::Database& database)
    : rows_read_(registry_.GetCounter("boyodb_rows_read_total",
                                      "Rows decoded by table scans, before filters")),
      rows_returned_(
          registry_.GetCounter("boyodb_rows_returned_total", "Rows returned to clients")),
      ingested_rows_(registry_.GetCounter("boyodb_ingested_rows_total",
                                          "Rows added by INSERT, COPY and ingest requests")) {
  for (size_t i = 0; i < kProtocolNames.size(); ++i) {
    const observability::Labels labels = {{"protocol", std::string(kProtocolNames[i])}};
    per_protocol_[i] = PerProtocol{
        &registry_.GetCounter("boyodb_requests_total", "Requests served", labels),
        &registry_.GetCounter("boyodb_request_errors_total", "Requests that failed", labels),
        &registry_.GetHistogram("boyodb_request_duration_seconds",
                                "Time from a request's arrival to its answer", labels),
        &registry_.GetGauge("boyodb_connections_open", "Client connections open", labels),
        &registry_.GetCounter("boyodb_connections_total", "Client connections accepted", labels),
        &registry_.GetCounter("boyodb_network_received_bytes_total", "Bytes received from clients",
                              labels),
        &registry_.GetCounter("boyodb_network_sent_bytes_total", "Bytes sent to clients", labels),
    };
  }
  registry_.AddComputedGauge("boyodb_resident_memory_bytes", "Resident set size of the server",
                             ResidentBytes);
  // Tables and segments: read from the catalog when scraped, so they are never stale.
  registry_.AddComputedGauge("boyodb_tables", "Tables in every database", [&database] {
    double tables = 0;
    ForEachTable(database, [&tables](const engine::TableInfo&) { ++tables; });
    return tables;
  });
  registry_.AddComputedGauge("boyodb_segments", "Segments of every table", [&database] {
    double segments = 0;
    ForEachTable(database, [&segments](const engine::TableInfo& table) {
      segments += static_cast<double>(table.segments.size());
    });
    return segments;
  });
  registry_.AddComputedGauge("boyodb_segment_bytes", "Compressed bytes of every table's segments",
                             [&database] {
                               double bytes = 0;
                               ForEachTable(database, [&bytes](const engine::TableInfo& table) {
                                 for (const engine::SegmentInfo& segment : table.segments) {
                                   bytes += static_cast<double>(segment.compressed_bytes);
                                 }
                               });
                               return bytes;
                             });
}

void ServerMetrics::ConnectionOpened(Protocol protocol) {
  For(protocol).connections->Add();
  For(protocol).connections_open->Add(1);
}

void ServerMetrics::ConnectionClosed(Protocol protocol) { For(protocol).connections_open->Add(-1); }

void ServerMetrics::BytesReceived(Protocol protocol, size_t bytes) {
  For(protocol).bytes_received->Add(bytes);
}

void ServerMetrics::BytesSent(Protocol protocol, size_t bytes) {
  For(protocol).bytes_sent->Add(bytes);
}

void ServerMetrics::RequestDone(Protocol protocol, double seconds, bool ok) {
  PerProtocol& metrics = For(protocol);
  metrics.requests->Add();
  if (!ok) metrics.errors->Add();
  metrics.latency->Observe(seconds);
}

void ServerMetrics::StatementsDone(const std::vector<engine::StatementResult>& results) {
  for (const engine::StatementResult& result : results) {
    rows_read_.Add(static_cast<uint64_t>(result.rows_read));
    if (result.returns_rows) rows_returned_.Add(static_cast<uint64_t>(result.num_rows()));
    const std::string_view verb = WritingVerb(result.command_tag);
    if (verb.empty()) continue;
    const int64_t count = std::max<int64_t>(result.tag_count(), 0);
    registry_
        .GetCounter("boyodb_rows_written_total", "Rows inserted, updated, deleted or copied in",
                    {{"statement", std::string(verb)}})
        .Add(static_cast<uint64_t>(count));
    if (verb == "INSERT" || verb == "COPY") ingested_rows_.Add(static_cast<uint64_t>(count));
  }
}

std::string ServerMetrics::Render() const { return registry_.RenderPrometheusText(); }

}  // namespace boyodb::server
