#include "observability/metrics_registry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace boyodb::observability {
namespace {

TEST(MetricsRegistryTest, RendersCountersGaugesAndComputedGaugesInPrometheusText) {
  MetricsRegistry registry;
  registry.GetCounter("app_requests_total", "Requests", {{"protocol", "http"}}).Add(3);
  registry.GetCounter("app_requests_total", "ignored", {{"protocol", "native"}}).Add();
  registry.GetGauge("app_open", "Open things").Set(-2);
  registry.AddComputedGauge("app_memory_bytes", "Memory\nin bytes", [] { return 1.5; });
  EXPECT_EQ(registry.RenderPrometheusText(),
            "# HELP app_memory_bytes Memory\\nin bytes\n"
            "# TYPE app_memory_bytes gauge\n"
            "app_memory_bytes 1.5\n"
            "# HELP app_open Open things\n"
            "# TYPE app_open gauge\n"
            "app_open -2\n"
            "# HELP app_requests_total Requests\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{protocol=\"http\"} 3\n"
            "app_requests_total{protocol=\"native\"} 1\n");
}

TEST(MetricsRegistryTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  MetricsRegistry registry;
  Histogram& latency = registry.GetHistogram("app_seconds", "Latency", {}, {0.1, 1});
  latency.Observe(0.05);
  latency.Observe(0.1);  // a bucket's bound is inclusive
  latency.Observe(0.5);
  latency.Observe(7);
  EXPECT_EQ(registry.RenderPrometheusText(),
            "# HELP app_seconds Latency\n"
            "# TYPE app_seconds histogram\n"
            "app_seconds_bucket{le=\"0.1\"} 2\n"
            "app_seconds_bucket{le=\"1\"} 3\n"
            "app_seconds_bucket{le=\"+Inf\"} 4\n"
            "app_seconds_sum 7.65\n"
            "app_seconds_count 4\n");
}

TEST(MetricsRegistryTest, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  registry.GetCounter("x_total", "X", {{"path", "a\"b\\c\nd"}}).Add();
  EXPECT_NE(registry.RenderPrometheusText().find("x_total{path=\"a\\\"b\\\\c\\nd\"} 1"),
            std::string::npos);
}

TEST(MetricsRegistryTest, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry registry;
  Counter& counter = registry.GetCounter("c_total", "C");
  Histogram& histogram = registry.GetHistogram("h_seconds", "H");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        counter.Add();
        histogram.Observe(0.002);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), 40000u);
  EXPECT_EQ(histogram.count(), 40000u);
  EXPECT_NEAR(histogram.sum(), 80.0, 1e-6);
}

}  // namespace
}  // namespace boyodb::observability
