#include "storage/scan/first_morsel_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace boyodb::storage {
namespace {

TEST(FirstMorselGateTest, TheFirstCallerTakesTheFirstMorselAndItsNextCallOpensTheGate) {
  FirstMorselGate gate;
  EXPECT_TRUE(gate.Enter());
  bool other_took_first = true;
  std::thread other([&] { other_took_first = gate.Enter(); });
  other.join();
  EXPECT_FALSE(other_took_first);
  // The holder comes back: the gate opens, and Pass no longer asks whether to go ahead.
  EXPECT_FALSE(gate.Enter());
  int asked = 0;
  gate.Pass([&] {
    ++asked;
    return false;
  });
  EXPECT_EQ(asked, 0);
}

TEST(FirstMorselGateTest, OthersGoAheadAtOnceWhenTheirNextMorselNeedsNoCutOff) {
  FirstMorselGate gate;
  EXPECT_TRUE(gate.Enter());
  std::atomic<int> asked{0};
  std::thread other([&] {
    EXPECT_FALSE(gate.Enter());
    // Pieces of the first batch are left: the gate is still closed, and it passes.
    gate.Pass([&] {
      ++asked;
      return true;
    });
  });
  other.join();
  EXPECT_EQ(asked.load(), 1);
}

TEST(FirstMorselGateTest, NotifyWakesAWaiterWhoseMorselAppeared) {
  FirstMorselGate gate;
  EXPECT_TRUE(gate.Enter());
  std::atomic<bool> pieces{false};
  std::atomic<bool> passed{false};
  std::thread other([&] {
    gate.Pass([&] { return pieces.load(); });
    passed = true;
  });
  pieces = true;
  gate.Notify();
  other.join();
  EXPECT_TRUE(passed.load());
}

TEST(FirstMorselGateTest, ReleaseOpensTheGateWhenTheFirstCallGotNoMorsel) {
  FirstMorselGate gate;
  EXPECT_TRUE(gate.Enter());
  gate.Release();
  bool took_first = true;
  std::thread other([&] { took_first = gate.Enter(); });
  other.join();
  EXPECT_FALSE(took_first);
  int asked = 0;
  gate.Pass([&] {
    ++asked;
    return false;
  });
  EXPECT_EQ(asked, 0);
}

}  // namespace
}  // namespace boyodb::storage
