#include "devices/projection/fit_check.h"

#include <gtest/gtest.h>

#include "tests/devices/projection/test_profiles.h"

namespace edgebench {
namespace {

DeviceProfile TestMcu() {
  DeviceProfile mcu = TestBoard();
  mcu.id = "test-mcu";
  mcu.device_class = "mcu";
  mcu.ram_bytes = {1e6, "MCU datasheet"};
  mcu.flash_bytes = Sourced{2e6, "MCU datasheet"};
  return mcu;
}

TEST(FitCheckTest, AModelWithinRamAndFlashFits) {
  EXPECT_TRUE(FitProblems(TwoOpWorkload(), TestBoard(), true).empty());
  Workload tiny = TwoOpWorkload();
  tiny.weights_bytes = 1'500'000;  // in the 2 MB of flash, run in place
  tiny.arena_bytes = 800'000;
  tiny.scratch_bytes = 200'000;  // exactly the 1 MB of RAM
  EXPECT_TRUE(FitProblems(tiny, TestMcu(), true).empty());
  // A board without flash loads the weights into RAM.
  DeviceProfile board = TestBoard();
  board.ram_bytes.value = 2e6;
  EXPECT_EQ(FitProblems(tiny, board, true), (std::vector<std::string>{"weights+arena+scratch 2.5 MB exceed RAM 2 MB"}));
}

TEST(FitCheckTest, RamAndFlashFailuresNameTheirFigures) {
  const std::vector<std::string> problems = FitProblems(TwoOpWorkload(), TestMcu(), true);
  EXPECT_EQ(problems, (std::vector<std::string>{"arena+scratch 1.5 MB exceed RAM 1 MB",
                                                "weights 3 MB exceed flash 2 MB"}));
}

TEST(FitCheckTest, UnsupportedPrecisionIsAFitFailure) {
  EXPECT_EQ(FitProblems(TwoOpWorkload(), TestBoard(), false),
            (std::vector<std::string>{"fp32 is not supported by any compute unit of test-board"}));
}

TEST(FitCheckTest, BudgetsCoverModelSizeAndKnownLatency) {
  DeviceProfile board = TestBoard();
  board.max_model_bytes.value = 2e6;
  board.target_latency_ms.value = 50;
  EXPECT_EQ(BudgetProblems(TwoOpWorkload(), Known<double>::Of(60), board),
            (std::vector<std::string>{"weights 3 MB exceed the model-size budget of the sbc class 2 MB",
                                      "projected latency 60 ms exceeds the latency budget of the sbc class 50 ms"}));
  // An unknown latency is not judged against the budget.
  EXPECT_EQ(BudgetProblems(TwoOpWorkload(), Known<double>::Unknown("no unit"), board).size(), 1u);
  EXPECT_TRUE(BudgetProblems(TwoOpWorkload(), Known<double>::Of(60), TestBoard()).empty());
}

TEST(FitCheckTest, LargeFiguresAreWholeNumbers) {
  Workload huge = TwoOpWorkload();
  huge.weights_bytes = 3'456'000'000;
  EXPECT_EQ(BudgetProblems(huge, Known<double>::Of(3499.6), TestBoard()),
            (std::vector<std::string>{"weights 3456 MB exceed the model-size budget of the sbc class 10 MB",
                                      "projected latency 3500 ms exceeds the latency budget of the sbc class 100 ms"}));
}

TEST(FitCheckTest, MethodCarriesFiguresAndSources) {
  const nlohmann::json method = FitMethod(TwoOpWorkload(), TestMcu());
  EXPECT_EQ(method["ram_needed_bytes"], 1'500'000) << "weights run from the MCU's flash";
  EXPECT_EQ(method["ram_bytes"]["source"], "MCU datasheet");
  EXPECT_EQ(method["flash_bytes"]["value"], 2e6);
  EXPECT_TRUE(FitMethod(TwoOpWorkload(), TestBoard())["flash_bytes"].is_null());
}

}  // namespace
}  // namespace edgebench
