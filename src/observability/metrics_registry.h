// MetricsRegistry: the process's counters, gauges and histograms, named and labelled as
// Prometheus expects (ARCHITECTURE.md section 7), and their text exposition (format 0.0.4) for
// GET /metrics. Hot paths hold a reference to their metric and update it with one atomic
// operation; the registry's lock is taken only to create a metric or to render.
// Thread safety: every method is thread-safe; metrics live as long as the registry.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace boyodb::observability {

/// Label names and values, e.g. {{"protocol", "native"}}; rendered in this order.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Add(uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(int64_t value) { value_.store(value, std::memory_order_relaxed); }
  void Add(int64_t amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

/// Observations counted into fixed buckets (upper bounds, ascending), with their sum.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);

  const std::vector<double>& upper_bounds() const { return upper_bounds_; }
  /// Observations in each bucket alone (not cumulative); the last one is +Inf.
  std::vector<uint64_t> BucketCounts() const;
  double sum() const;
  uint64_t count() const;

 private:
  const std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // upper_bounds_.size() + 1
  std::atomic<uint64_t> count_{0};
  // The sum in nanounits, so it can be one atomic integer (durations and sizes fit easily).
  std::atomic<int64_t> sum_nano_{0};
};

/// Seconds-long latencies from 100 microseconds to a minute.
std::vector<double> LatencyBuckets();

class MetricsRegistry {
 public:
  /// The metric of this name and labels, created on first use. `help` is kept from the first
  /// call for a name. Requires: a name is used for one kind of metric only.
  Counter& GetCounter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& GetGauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const Labels& labels = {},
                          const std::vector<double>& upper_bounds = LatencyBuckets());
  /// A gauge whose value is computed when the metrics are rendered (memory, segments).
  void AddComputedGauge(const std::string& name, const std::string& help,
                        std::function<double()> compute);

  /// Every metric in the Prometheus text exposition format, families sorted by name.
  std::string RenderPrometheusText() const;

 private:
  enum class Kind : uint8_t { kCounter, kGauge, kHistogram, kComputedGauge };
  struct Family {
    Kind kind;
    std::string help;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Gauge>> gauges;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
    std::function<double()> compute;
  };
  Family& FamilyFor(const std::string& name, const std::string& help, Kind kind);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

}  // namespace boyodb::observability
