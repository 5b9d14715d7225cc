#include "storage/index/distinct_sketch.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace boyodb::storage {

namespace {

constexpr uint8_t kSparse = 1;
constexpr uint8_t kDense = 2;
// The rank of a hash whose bits after the index are all zero (the guard bit stops the count).
constexpr int kMaxRank = 64 - DistinctSketch::kIndexBits + 1;

// 2^-rank for every rank a register can hold: the optimizer estimates merged sketches at each
// plan, and std::ldexp per register made that a third of planning a many-table join.
constexpr std::array<double, kMaxRank + 1> kInversePowers = [] {
  std::array<double, kMaxRank + 1> powers{};
  double power = 1;
  for (double& entry : powers) {
    entry = power;
    power /= 2;
  }
  return powers;
}();

}  // namespace

void DistinctSketch::Merge(const DistinctSketch& other) {
  for (size_t i = 0; i < kRegisters; ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

double DistinctSketch::Estimate() const {
  double sum = 0;
  size_t zeros = 0;
  for (const uint8_t r : registers_) {
    // Registers hold ranks up to kMaxRank (Add's guard bit; Parse refuses more).
    sum += kInversePowers[r];
    zeros += r == 0;
  }
  const double m = static_cast<double>(kRegisters);
  const double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) return m * std::log(m / static_cast<double>(zeros));
  return estimate;
}

void DistinctSketch::AppendTo(std::string* out) const {
  const auto used = static_cast<size_t>(
      std::count_if(registers_.begin(), registers_.end(), [](uint8_t r) { return r != 0; }));
  if (2 + used * 3 < kRegisters) {
    out->push_back(static_cast<char>(kSparse));
    out->push_back(static_cast<char>(used & 0xff));
    out->push_back(static_cast<char>(used >> 8));
    for (size_t i = 0; i < kRegisters; ++i) {
      if (registers_[i] == 0) continue;
      out->push_back(static_cast<char>(i & 0xff));
      out->push_back(static_cast<char>(i >> 8));
      out->push_back(static_cast<char>(registers_[i]));
    }
    return;
  }
  out->push_back(static_cast<char>(kDense));
  out->append(reinterpret_cast<const char*>(registers_.data()), kRegisters);
}

Result<DistinctSketch> DistinctSketch::Parse(std::string_view bytes) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  if (bytes.empty()) return Status::Corruption("empty distinct sketch");
  DistinctSketch sketch;
  auto check_rank = [](uint8_t rank) {
    return rank <= kMaxRank ? Status::OK()
                            : Status::Corruption("distinct sketch rank " + std::to_string(rank) +
                                                 " exceeds " + std::to_string(kMaxRank));
  };
  if (byte(0) == kDense) {
    if (bytes.size() != 1 + kRegisters) {
      return Status::Corruption("dense distinct sketch of " + std::to_string(bytes.size()) +
                                " bytes, expected " + std::to_string(1 + kRegisters));
    }
    for (size_t i = 0; i < kRegisters; ++i) {
      BOYO_RETURN_IF_ERROR(check_rank(byte(1 + i)));
      sketch.registers_[i] = byte(1 + i);
    }
    return sketch;
  }
  if (byte(0) != kSparse) {
    return Status::Corruption("unknown distinct sketch form " + std::to_string(byte(0)));
  }
  if (bytes.size() < 3) return Status::Corruption("sparse distinct sketch shorter than its count");
  const size_t used = byte(1) | size_t{byte(2)} << 8;
  if (bytes.size() != 3 + used * 3) {
    return Status::Corruption("sparse distinct sketch of " + std::to_string(used) +
                              " registers is " + std::to_string(bytes.size()) + " bytes long");
  }
  size_t previous = 0;
  for (size_t k = 0; k < used; ++k) {
    const size_t at = 3 + k * 3;
    const size_t index = byte(at) | size_t{byte(at + 1)} << 8;
    const uint8_t rank = byte(at + 2);
    if (index >= kRegisters || (k > 0 && index <= previous) || rank == 0) {
      return Status::Corruption("bad register " + std::to_string(index) +
                                " in sparse distinct sketch");
    }
    BOYO_RETURN_IF_ERROR(check_rank(rank));
    sketch.registers_[index] = rank;
    previous = index;
  }
  return sketch;
}

}  // namespace boyodb::storage
