#include "profilers/thermal/cooldown_gate.h"

#include <deque>

#include <gtest/gtest.h>

#include "tests/profilers/thermal/fake_sysfs.h"

namespace edgebench {
namespace {

// A board that cools by `step_c` per poll from `start_c`; time advances only by sleeping.
struct CoolingBoard {
  double temp_c;
  double step_c;
  double now = 0;
  int reads = 0;
  CooldownClock Clock() {
    CooldownClock clock;
    clock.read_max_temp_c = [this] {
      ++reads;
      return Known<double>::Of(temp_c);
    };
    clock.sleep = [this](double s) {
      now += s;
      temp_c -= step_c;
    };
    clock.now_s = [this] { return now; };
    return clock;
  }
};

TEST(CooldownGateTest, WaitsUntilBelowTheThreshold) {
  CoolingBoard board{70, 5};
  const CooldownOutcome outcome = WaitForCooldown({55, 300, 2}, board.Clock());
  EXPECT_TRUE(outcome.cooled);
  EXPECT_DOUBLE_EQ(*outcome.start_c.value, 70);
  EXPECT_DOUBLE_EQ(*outcome.end_c.value, 50) << "70 65 60 55 50: 55 is not below 55";
  EXPECT_DOUBLE_EQ(outcome.waited_s, 8);
  EXPECT_TRUE(outcome.note.empty());
}

TEST(CooldownGateTest, ACoolBoardDoesNotWait) {
  CoolingBoard board{40, 5};
  const CooldownOutcome outcome = WaitForCooldown({55, 300, 2}, board.Clock());
  EXPECT_TRUE(outcome.cooled);
  EXPECT_EQ(outcome.waited_s, 0);
  EXPECT_EQ(board.reads, 1);
}

TEST(CooldownGateTest, TheWaitIsBounded) {
  CoolingBoard board{90, 0.1};
  const CooldownOutcome outcome = WaitForCooldown({50, 10, 3}, board.Clock());
  EXPECT_FALSE(outcome.cooled);
  EXPECT_DOUBLE_EQ(outcome.waited_s, 10) << "the last sleep is cut to the bound";
  EXPECT_TRUE(Contains(outcome.note, "after the 10 s bound"));
  const nlohmann::json json = ToJson(CooldownRule{50, 10, 3}, outcome);
  EXPECT_EQ(json["cooled"], false);
  EXPECT_EQ(json["below_c"], 50);
}

TEST(CooldownGateTest, UnknownTemperatureOpensTheGateWithTheReason) {
  FakeSysfs sysfs;
  sysfs.MakeDir("class/thermal");  // no zones, as on this VM
  const CooldownOutcome outcome = WaitForCooldown({50, 10, 1}, SystemCooldownClock(sysfs.root()));
  EXPECT_FALSE(outcome.cooled);
  EXPECT_LT(outcome.waited_s, 1);
  EXPECT_TRUE(Contains(outcome.note, "temperature unknown"));
  const nlohmann::json json = ToJson(CooldownRule{50, 10, 1}, outcome);
  EXPECT_EQ(json["start_c"], "unknown");
  ExpectUnknownsHaveReasons(json);
}

TEST(CooldownGateTest, ReadsTheRealZonesOfAFakeTree) {
  FakeSysfs sysfs;
  sysfs.WriteZone(0, "cpu", 42000);
  const CooldownOutcome outcome = WaitForCooldown({50, 10, 1}, SystemCooldownClock(sysfs.root()));
  EXPECT_TRUE(outcome.cooled);
  EXPECT_DOUBLE_EQ(*outcome.end_c.value, 42);
}

}  // namespace
}  // namespace edgebench
