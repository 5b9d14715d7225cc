#include "functions/aggregate/hyperloglog.h"

#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace boyodb::functions {

namespace {

constexpr size_t kRegisters = size_t{1} << HyperLogLog::kPrecision;

// sigma(x) = x + sum_k x^(2^k) 2^(k-1), summed until it stops changing.
double Sigma(double x) {
  if (x == 1) return std::numeric_limits<double>::infinity();
  double weight = 1;
  double sum = x;
  while (true) {
    x *= x;
    const double previous = sum;
    sum += x * weight;
    weight += weight;
    if (sum == previous) return sum;
  }
}

// tau(x) = (1 - x - sum_k (1 - x^(2^-k))^2 2^-k) / 3, summed until it stops changing.
double Tau(double x) {
  if (x == 0 || x == 1) return 0;
  double weight = 1;
  double sum = 1 - x;
  while (true) {
    x = std::sqrt(x);
    const double previous = sum;
    weight *= 0.5;
    sum -= (1 - x) * (1 - x) * weight;
    if (sum == previous) return sum / 3;
  }
}

}  // namespace

void HyperLogLog::Add(uint64_t hash) {
  if (!registers_.empty()) {
    AddToRegisters(hash);
    return;
  }
  exact_.insert(hash);
  if (exact_.size() > kExactLimit) SwitchToRegisters();
}

void HyperLogLog::AddToRegisters(uint64_t hash) {
  // The top bits pick the register; it keeps the longest run of leading zeros (plus one) seen
  // in the remaining bits.
  const size_t index = hash >> (64 - kPrecision);
  const uint64_t rest = (hash << kPrecision) | (uint64_t{1} << (kPrecision - 1));
  const auto rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

void HyperLogLog::SwitchToRegisters() {
  registers_.assign(kRegisters, 0);
  for (const uint64_t hash : exact_) AddToRegisters(hash);
  exact_ = absl::flat_hash_set<uint64_t>();
}

void HyperLogLog::Merge(const HyperLogLog& other) {
  if (other.registers_.empty()) {
    for (const uint64_t hash : other.exact_) Add(hash);
    return;
  }
  if (registers_.empty()) SwitchToRegisters();
  for (size_t i = 0; i < kRegisters; ++i) {
    if (other.registers_[i] > registers_[i]) registers_[i] = other.registers_[i];
  }
}

// Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
// sketches", 2017): unbiased from tiny to huge cardinalities without empirical bias tables.
int64_t HyperLogLog::Estimate() const {
  if (registers_.empty()) return static_cast<int64_t>(exact_.size());
  constexpr int kMaxRank = 64 - kPrecision + 1;
  std::array<double, kMaxRank + 1> histogram{};
  for (const uint8_t value : registers_) histogram[value] += 1;
  const double m = static_cast<double>(kRegisters);
  double z = m * Tau(1 - histogram[kMaxRank] / m);
  for (int k = kMaxRank - 1; k >= 1; --k) z = 0.5 * (z + histogram[static_cast<size_t>(k)]);
  z += m * Sigma(histogram[0] / m);
  const double alpha = 1 / (2 * std::log(2.0));
  return static_cast<int64_t>(std::llround(alpha * m * m / z));
}

}  // namespace boyodb::functions
