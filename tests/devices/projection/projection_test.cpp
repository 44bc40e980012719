#include "devices/projection/projection.h"

#include <gtest/gtest.h>

#include "tests/devices/projection/test_profiles.h"

namespace edgebench {
namespace {

Projection Project(const Workload& workload, const DeviceProfile& target) {
  Expected<Projection> projection = ProjectWorkload(workload, TestHost(), target);
  EXPECT_TRUE(projection.ok()) << projection.status().ToString();
  return projection.ok() ? *projection : Projection{};
}

TEST(ProjectionTest, TwoOpWorkloadWithWholeModelCalibration) {
  // Board roofline 20 ms (conv, compute-bound) + 10 ms (add, memory-bound) =
  // 30 ms; the host reached 0.5 of its roofline, so 60 ms.
  const Projection projection = Project(TwoOpWorkload(), TestBoard());
  EXPECT_EQ(projection.device, "test-board");
  EXPECT_EQ(projection.unit, "cpu");
  ASSERT_TRUE(projection.latency_ms.known()) << projection.latency_ms.reason;
  EXPECT_DOUBLE_EQ(*projection.latency_ms.value, 60.0);
  EXPECT_DOUBLE_EQ(projection.method["target"]["roofline_ms"], 30.0);
  EXPECT_EQ(projection.method["target"]["memory_bound_ops"], 1);
  // One of four cores busy for 60 ms: (5 W typical - 2 W idle) x 0.25 x 0.06 s above idle.
  EXPECT_DOUBLE_EQ(*projection.joules_per_inference.value, 0.045);
  EXPECT_DOUBLE_EQ(*projection.avg_power_w.value, 2.75);
  EXPECT_TRUE(projection.fits);
  EXPECT_TRUE(projection.fit_problems.empty());
  EXPECT_TRUE(projection.budget_problems.empty());
}

TEST(ProjectionTest, PerOpCalibrationWeighsEachOpByItsOwnEfficiency) {
  Workload workload = TwoOpWorkload();
  workload.ops[0].host_ms = 2.5;  // 0.8 of the roofline: 20 ms / 0.8 = 25 ms
  workload.ops[1].host_ms = 5.0;  // 0.4 of the roofline: 10 ms / 0.4 = 25 ms
  const Projection projection = Project(workload, TestBoard());
  EXPECT_DOUBLE_EQ(*projection.latency_ms.value, 50.0);
  EXPECT_EQ(projection.method["calibration"]["mode"], "per-op");
}

TEST(ProjectionTest, ThreadsScaleCpuPeaksUpToTheCoreCount) {
  Workload two = TwoOpWorkload();
  two.threads = 2;
  two.host_latency_ms = 6;  // host at 200 GOP/s: 1 ms + 2 ms = 3 ms roofline, efficiency 0.5
  // Board at 20 GOP/s: 10 ms + 10 ms = 20 ms, / 0.5.
  EXPECT_DOUBLE_EQ(*Project(two, TestBoard()).latency_ms.value, 40.0);

  Workload eight = two;
  eight.threads = 8;  // host capped at its 2 cores, board at its 4: 40 GOP/s, 5 ms + 10 ms
  EXPECT_DOUBLE_EQ(*Project(eight, TestBoard()).latency_ms.value, 30.0);
  EXPECT_EQ(Project(eight, TestBoard()).method["target"]["unit"]["fraction_used"], 1.0);
}

TEST(ProjectionTest, UnsupportedPrecisionDoesNotFitAndHasNoLatency) {
  DeviceProfile tpu_board = TestBoard();
  tpu_board.id = "test-tpu";
  tpu_board.units = {Unit("Edge TPU", "tpu", {{"int8", 4000}})};
  const Projection projection = Project(TwoOpWorkload(), tpu_board);
  EXPECT_FALSE(projection.fits);
  EXPECT_EQ(projection.fit_problems,
            (std::vector<std::string>{"fp32 is not supported by any compute unit of test-tpu"}));
  EXPECT_FALSE(projection.latency_ms.known());
  EXPECT_EQ(projection.latency_ms.reason, "fp32 is not supported by any compute unit of test-tpu");
  EXPECT_FALSE(projection.joules_per_inference.known());
  EXPECT_NE(projection.joules_per_inference.reason.find("latency is unknown"), std::string::npos);
  EXPECT_TRUE(projection.unit.empty());
  EXPECT_TRUE(ToJson(projection)["unit"].is_null());
}

TEST(ProjectionTest, AcceleratorUseStatesTheEfficiencyAssumption) {
  DeviceProfile npu_board = TestBoard();
  npu_board.units.push_back(Unit("NPU", "npu", {{"int8", 400}}));
  Workload workload = TwoOpWorkload();
  workload.precision = "int8";
  workload.host_latency_ms = 4.5;  // host int8 at 400 GOP/s: 0.5 ms + 2 ms = 2.5 ms roofline
  const Projection projection = Project(workload, npu_board);
  EXPECT_EQ(projection.unit, "NPU");
  // NPU at 400 GOP/s, 4 GB/s: max(0.5, 0.25) + max(0.0025, 10) = 10.5 ms, / (2.5 / 4.5).
  EXPECT_DOUBLE_EQ(*projection.latency_ms.value, 10.5 * 4.5 / 2.5);
  const std::string assumptions = projection.method["assumptions"].dump();
  EXPECT_NE(assumptions.find("ASSUMPTION: the npu 'NPU' reaches the same fraction"), std::string::npos);
}

TEST(ProjectionTest, FitFailuresAndBudgetMissesAreSeparate) {
  DeviceProfile mcu = TestBoard();
  mcu.id = "test-mcu";
  mcu.device_class = "mcu";
  mcu.ram_bytes = {1e6, "MCU datasheet"};
  mcu.flash_bytes = Sourced{2e6, "MCU datasheet"};
  mcu.max_model_bytes = {1e6, "class budget"};
  mcu.target_latency_ms = {50, "class budget"};
  const Projection projection = Project(TwoOpWorkload(), mcu);
  EXPECT_FALSE(projection.fits);
  EXPECT_EQ(projection.fit_problems.size(), 2u);     // RAM and flash
  EXPECT_EQ(projection.budget_problems.size(), 2u);  // model size and latency (60 ms)
  EXPECT_TRUE(projection.latency_ms.known());        // not fitting does not hide the estimate

  DeviceProfile strict = TestBoard();
  strict.target_latency_ms.value = 50;
  const Projection over_budget = Project(TwoOpWorkload(), strict);
  EXPECT_TRUE(over_budget.fits);
  EXPECT_EQ(over_budget.budget_problems,
            (std::vector<std::string>{"projected latency 60 ms exceeds the latency budget of the sbc class 50 ms"}));
}

TEST(ProjectionTest, CalibrationWarningsReachTheMethod) {
  Workload workload = TwoOpWorkload();
  workload.host_latency_ms = 2;  // beats the host's 4 ms roofline
  const Projection projection = Project(workload, TestBoard());
  EXPECT_DOUBLE_EQ(*projection.latency_ms.value, 30.0);  // clamped: the board's roofline
  ASSERT_EQ(projection.method["warnings"].size(), 1u);
  EXPECT_NE(projection.method["warnings"][0].get<std::string>().find("understated"), std::string::npos);
}

TEST(ProjectionTest, ATargetProfileWithoutBandwidthLeavesLatencyUnknown) {
  DeviceProfile board = TestBoard();
  board.memory_bandwidth_gbps.value = 0;
  const Projection projection = Project(TwoOpWorkload(), board);
  EXPECT_FALSE(projection.latency_ms.known());
  EXPECT_NE(projection.latency_ms.reason.find("memory_bandwidth_gbps"), std::string::npos);
  EXPECT_TRUE(projection.fits);  // memory and precision are still judged
}

TEST(ProjectionTest, JsonIsLabeledProjectedWithItsMethod) {
  DeviceProfile tpu_board = TestBoard();
  tpu_board.units = {Unit("Edge TPU", "tpu", {{"int8", 4000}})};
  const Expected<std::vector<Projection>> all = ProjectOnAll(TwoOpWorkload(), TestHost(), {TestBoard(), tpu_board});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);

  const nlohmann::json json = ToJson((*all)[0]);
  for (const char* field : {"device", "unit", "mode", "latency_ms", "joules_per_inference", "avg_power_w", "fits",
                            "fit_problems", "budget_problems", "method"}) {
    EXPECT_TRUE(json.contains(field)) << field;
  }
  EXPECT_EQ(json["mode"], "projected");
  EXPECT_EQ(json["latency_ms"], 60.0);
  const nlohmann::json& method = json["method"];
  for (const char* field : {"name", "formula", "precision", "threads", "target", "calibration", "energy", "fit",
                            "assumptions", "warnings"}) {
    EXPECT_TRUE(method.contains(field)) << field;
  }
  EXPECT_EQ(method["energy"]["kind"], "estimated");
  EXPECT_EQ(method["energy"]["active_w"]["source"], "device profile test-board typical_w: board datasheet");
  EXPECT_EQ(method["target"]["bandwidth_gbps"]["source"], "board datasheet");
  EXPECT_EQ(method["calibration"]["bandwidth_gbps"]["source"], "measured by test");

  const nlohmann::json unsupported = ToJson((*all)[1]);
  EXPECT_EQ(unsupported["latency_ms"], "unknown");
  EXPECT_EQ(unsupported["latency_ms_reason"], "fp32 is not supported by any compute unit of test-board");
  EXPECT_EQ(unsupported["joules_per_inference"], "unknown");
  EXPECT_TRUE(unsupported.contains("joules_per_inference_reason"));
  EXPECT_EQ(unsupported["fits"], false);
}

TEST(ProjectionTest, AHostThatCannotCalibrateFailsEveryTarget) {
  DeviceProfile host = TestHost();
  host.memory_bandwidth_gbps.value = 0;
  const Expected<std::vector<Projection>> all = ProjectOnAll(TwoOpWorkload(), host, {TestBoard()});
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("test-host"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
