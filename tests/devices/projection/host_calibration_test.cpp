#include "devices/projection/host_calibration.h"

#include <gtest/gtest.h>

#include "tests/devices/projection/test_profiles.h"

namespace edgebench {
namespace {

TEST(HostCalibrationTest, WholeModelEfficiencyIsRooflineOverMeasured) {
  const Expected<HostCalibration> calibration = CalibrateOnHost(TwoOpWorkload(), TestHost());
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  EXPECT_DOUBLE_EQ(calibration->roofline_ms, 4.0);
  EXPECT_DOUBLE_EQ(calibration->whole_model_efficiency, 0.5);
  EXPECT_EQ(calibration->op_efficiency, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(calibration->ops_calibrated_per_op, 0);
  EXPECT_TRUE(calibration->warnings.empty());
  const nlohmann::json json = ToJson(*calibration);
  EXPECT_EQ(json["mode"], "whole-model");
  EXPECT_EQ(json["unit"]["peak_gops"]["source"], "test datasheet");
  EXPECT_EQ(json["bandwidth_gbps"]["source"], "measured by test");
}

TEST(HostCalibrationTest, PerOpTimesGiveEachOpItsOwnEfficiency) {
  Workload workload = TwoOpWorkload();
  workload.ops[0].host_ms = 2.5;  // roofline 2 ms: 0.8
  workload.ops[1].host_ms = 5.0;  // roofline 2 ms: 0.4
  const Expected<HostCalibration> calibration = CalibrateOnHost(workload, TestHost());
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[0], 0.8);
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[1], 0.4);
  EXPECT_EQ(calibration->ops_calibrated_per_op, 2);
  EXPECT_EQ(ToJson(*calibration)["mode"], "per-op");
}

TEST(HostCalibrationTest, UntimedOpsTakeTheWholeModelFactorAndTinyOnesAPooledOne) {
  Workload workload = TwoOpWorkload();
  workload.ops[0].host_ms = 2.5;
  // Two memory-bound ops too short to time alone: roofline 8000 / 20e6 ms each.
  const double tiny_ms = kMinPerOpCalibrationMs / 10;
  workload.ops.push_back({"relu", "Relu", 1000, 8000, tiny_ms});
  workload.ops.push_back({"add", "Add", 1000, 8000, tiny_ms * 3});
  const Expected<HostCalibration> calibration = CalibrateOnHost(workload, TestHost());
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  const double tiny_roofline_ms = 8000 / 20e6;  // memory-bound: bytes / (GB/s * 1e6)
  const double whole = (4.0 + 2 * tiny_roofline_ms) / 8.0;
  const double pooled = 2 * tiny_roofline_ms / (4 * tiny_ms);
  EXPECT_DOUBLE_EQ(calibration->whole_model_efficiency, whole);
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[0], 0.8);
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[1], whole) << "not timed";
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[2], pooled) << "timed, but too short alone";
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[3], pooled);
  EXPECT_EQ(calibration->ops_calibrated_per_op, 1);
  EXPECT_EQ(calibration->ops_calibrated_pooled, 2);
  EXPECT_EQ(ToJson(*calibration)["ops_with_whole_model_efficiency"], 1);
}

TEST(HostCalibrationTest, EfficiencyAboveOneIsClampedAndWarned) {
  Workload workload = TwoOpWorkload();
  workload.host_latency_ms = 2;  // faster than the 4 ms roofline
  workload.ops[0].host_ms = 1;   // conv at 2x its roofline
  workload.ops[1].host_ms = 4;
  const Expected<HostCalibration> calibration = CalibrateOnHost(workload, TestHost());
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  EXPECT_DOUBLE_EQ(calibration->whole_model_efficiency, 1.0);
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[0], 1.0);
  EXPECT_DOUBLE_EQ(calibration->op_efficiency[1], 0.5);
  ASSERT_EQ(calibration->warnings.size(), 2u);
  EXPECT_NE(calibration->warnings[0].find("whole model at 2x its roofline"), std::string::npos);
  EXPECT_NE(calibration->warnings[1].find("1 of 2 timed ops"), std::string::npos);
  EXPECT_NE(calibration->warnings[1].find("worst: conv at 2x"), std::string::npos);
  EXPECT_NE(calibration->warnings[1].find("understated"), std::string::npos);
}

TEST(HostCalibrationTest, Fp16OnAHostWithoutFp16PeakUsesFp32AndSaysSo) {
  Workload workload = TwoOpWorkload();
  workload.precision = "fp16";
  const Expected<HostCalibration> calibration = CalibrateOnHost(workload, TestHost());
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  EXPECT_EQ(calibration->unit.precision, "fp32");
  ASSERT_EQ(calibration->assumptions.size(), 1u);
  EXPECT_NE(calibration->assumptions[0].find("FP32 arithmetic"), std::string::npos);
}

TEST(HostCalibrationTest, MalformedInputsAreErrorsNamingTheField) {
  const auto message = [](const Workload& workload, const DeviceProfile& host) {
    const Expected<HostCalibration> calibration = CalibrateOnHost(workload, host);
    EXPECT_FALSE(calibration.ok());
    return calibration.status().message();
  };
  Workload no_threads = TwoOpWorkload();
  no_threads.threads = 0;
  EXPECT_NE(message(no_threads, TestHost()).find("threads"), std::string::npos);
  Workload unmeasured = TwoOpWorkload();
  unmeasured.host_latency_ms = 0;
  EXPECT_NE(message(unmeasured, TestHost()).find("host_latency_ms"), std::string::npos);
  Workload negative = TwoOpWorkload();
  negative.ops[1].bytes = -1;
  EXPECT_NE(message(negative, TestHost()).find("op add"), std::string::npos);
  Workload empty = TwoOpWorkload();
  empty.ops.clear();
  EXPECT_NE(message(empty, TestHost()).find("no flops or bytes"), std::string::npos);

  DeviceProfile no_cpu = TestHost();
  no_cpu.units[0].kind = "npu";
  EXPECT_NE(message(TwoOpWorkload(), no_cpu).find("no unit of kind cpu"), std::string::npos);
  DeviceProfile no_int8 = TestHost();
  no_int8.units[0].peaks.pop_back();
  Workload int8 = TwoOpWorkload();
  int8.precision = "int8";
  EXPECT_NE(message(int8, no_int8).find("has no int8 peak"), std::string::npos);
}

}  // namespace
}  // namespace edgebench
