#include "observability/metrics_registry.h"

#include <charconv>
#include <cmath>
#include <string>

#include "common/check.h"

namespace boyodb::observability {
namespace {

constexpr double kNano = 1e9;

// A label value with backslash, double quote and line feed escaped, as the format requires.
std::string EscapeLabelValue(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string RenderLabels(const Labels& labels, const std::string& extra_name = "",
                         const std::string& extra_value = "") {
  Labels all = labels;
  if (!extra_name.empty()) all.emplace_back(extra_name, extra_value);
  if (all.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += ",";
    out += all[i].first + "=\"" + EscapeLabelValue(all[i].second) + "\"";
  }
  return out + "}";
}

std::string RenderNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // The shortest text that reads back as the same double: "0.1", not "0.10000000000000001".
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

// Help text with backslash and line feed escaped.
std::string EscapeHelp(const std::string& help) {
  std::string out;
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(upper_bounds_.size() + 1)) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::Observe(double value) {
  size_t bucket = 0;
  while (bucket < upper_bounds_.size() && value > upper_bounds_[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_nano_.fetch_add(std::llround(value * kNano), std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::BucketCounts() const {
  std::vector<uint64_t> counts(upper_bounds_.size() + 1);
  for (size_t i = 0; i < counts.size(); ++i)
    counts[i] = buckets_[i].load(std::memory_order_relaxed);
  return counts;
}

double Histogram::sum() const {
  return static_cast<double>(sum_nano_.load(std::memory_order_relaxed)) / kNano;
}

uint64_t Histogram::count() const { return count_.load(std::memory_order_relaxed); }

std::vector<double> LatencyBuckets() {
  return {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60};
}

MetricsRegistry::Family& MetricsRegistry::FamilyFor(const std::string& name,
                                                    const std::string& help, Kind kind) {
  auto [found, inserted] = families_.try_emplace(name);
  if (inserted) {
    found->second.kind = kind;
    found->second.help = help;
  }
  BOYO_CHECK(found->second.kind == kind);
  return found->second;
}

Counter& MetricsRegistry::GetCounter(const std::string& name, const std::string& help,
                                     const Labels& labels) {
  std::lock_guard lock(mutex_);
  std::unique_ptr<Counter>& counter = FamilyFor(name, help, Kind::kCounter).counters[labels];
  if (counter == nullptr) counter = std::make_unique<Counter>();
  return *counter;
}

Gauge& MetricsRegistry::GetGauge(const std::string& name, const std::string& help,
                                 const Labels& labels) {
  std::lock_guard lock(mutex_);
  std::unique_ptr<Gauge>& gauge = FamilyFor(name, help, Kind::kGauge).gauges[labels];
  if (gauge == nullptr) gauge = std::make_unique<Gauge>();
  return *gauge;
}

Histogram& MetricsRegistry::GetHistogram(const std::string& name, const std::string& help,
                                         const Labels& labels,
                                         const std::vector<double>& upper_bounds) {
  std::lock_guard lock(mutex_);
  std::unique_ptr<Histogram>& histogram =
      FamilyFor(name, help, Kind::kHistogram).histograms[labels];
  if (histogram == nullptr) histogram = std::make_unique<Histogram>(upper_bounds);
  return *histogram;
}

void MetricsRegistry::AddComputedGauge(const std::string& name, const std::string& help,
                                       std::function<double()> compute) {
  std::lock_guard lock(mutex_);
  FamilyFor(name, help, Kind::kComputedGauge).compute = std::move(compute);
}

std::string MetricsRegistry::RenderPrometheusText() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    const char* type = family.kind == Kind::kCounter     ? "counter"
                       : family.kind == Kind::kHistogram ? "histogram"
                                                         : "gauge";
    out += "# HELP " + name + " " + EscapeHelp(family.help) + "\n";
    out += "# TYPE " + name + " " + type + "\n";
    switch (family.kind) {
      case Kind::kCounter:
        for (const auto& [labels, counter] : family.counters) {
          out += name + RenderLabels(labels) + " " + std::to_string(counter->value()) + "\n";
        }
        break;
      case Kind::kGauge:
        for (const auto& [labels, gauge] : family.gauges) {
          out += name + RenderLabels(labels) + " " + std::to_string(gauge->value()) + "\n";
        }
        break;
      case Kind::kComputedGauge:
        out += name + " " + RenderNumber(family.compute()) + "\n";
        break;
      case Kind::kHistogram:
        for (const auto& [labels, histogram] : family.histograms) {
          const std::vector<uint64_t> counts = histogram->BucketCounts();
          uint64_t cumulative = 0;
          for (size_t i = 0; i < counts.size(); ++i) {
            cumulative += counts[i];
            const std::string bound = i < histogram->upper_bounds().size()
                                          ? RenderNumber(histogram->upper_bounds()[i])
                                          : "+Inf";
            out += name + "_bucket" + RenderLabels(labels, "le", bound) + " " +
                   std::to_string(cumulative) + "\n";
          }
          out += name + "_sum" + RenderLabels(labels) + " " + RenderNumber(histogram->sum()) + "\n";
          out += name + "_count" + RenderLabels(labels) + " " + std::to_string(cumulative) + "\n";
        }
        break;
    }
  }
  return out;
}

}  // namespace boyodb::observability
