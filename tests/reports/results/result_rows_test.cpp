// The one typed reading of a result that the charts and the report share:
// every figure known with its kind or unknown with its reason, and a malformed
// field an error naming the file, the configuration key and the field.
#include "reports/results/result_rows.h"

#include <gtest/gtest.h>

#include "tests/reports/report/report_fixtures.h"

namespace edgebench {
namespace {

using testing::MakeResultsDoc;

ReportInput OneRun(const nlohmann::json& doc) { return ReportInput{{{"a.json", doc}}, {}}; }

nlohmann::json OneProjection() {
  return MakeResultsDoc({{"rpi5", 100, 1e8, 80.0}}, {{"net", "fp32", 1, 10, 0.3, 1e6, {{"rpi5", 20.0, 0.1, {}, {}}}}});
}

// The message of the error reading `doc`, or a failure when it reads.
std::string ErrorOf(const nlohmann::json& doc) {
  Expected<std::vector<RunRows>> runs = ReadResultRows(OneRun(doc));
  EXPECT_FALSE(runs.ok());
  return runs.ok() ? "" : runs.status().message();
}

TEST(ResultRowsTest, ReadsFiguresWithTheirKindAndDeviceBudgetsWithTheirSource) {
  auto doc = MakeResultsDoc({{"npu", 100, 1e8, std::nullopt}},
                            {{"net", "int8", 2, 12, "unknown", 2e6, {{"npu", "unknown", 0.2, {"arena"}, {}}}}});
  doc["results"][0]["throughput_ips"] = nullptr;
  doc["results"][0]["warnings"] = {"few samples"};
  doc["results"].push_back(testing::MakeUnsupportedResult("gone", "int8", "int8 is not implemented"));
  Expected<std::vector<RunRows>> runs = ReadResultRows(OneRun(doc));
  ASSERT_TRUE(runs.ok()) << runs.status().ToString();
  ASSERT_EQ(runs->size(), 1u);
  const RunRows& run = runs->front();
  EXPECT_EQ(run.label, "test");
  EXPECT_EQ(run.info.suite, "test-suite");
  EXPECT_EQ(run.info.build_type, "Release");
  EXPECT_EQ(run.info.host_cpu, "Test CPU");
  EXPECT_EQ(run.device.mode, "measured");
  EXPECT_EQ(run.device.host_profile.device_class, "x86-ipc");
  ASSERT_TRUE(run.device.host_profile.target_latency_ms.has_value());
  EXPECT_DOUBLE_EQ(run.device.host_profile.target_latency_ms->value, 50);
  EXPECT_EQ(run.device.host_profile.target_latency_ms->source, "class budget");
  ASSERT_EQ(run.device.targets.size(), 1u);
  EXPECT_FALSE(run.device.targets[0].price_usd.has_value());

  ASSERT_EQ(run.results.size(), 2u);
  const ResultRow& ok = run.results[0];
  EXPECT_EQ(ok.threads, 2);
  EXPECT_DOUBLE_EQ(ok.latency.p50, 12);
  ASSERT_TRUE(ok.latency.p50_ci95.has_value());
  EXPECT_FALSE(ok.throughput_ips.known());
  EXPECT_EQ(ok.memory.weights_bytes.kind, "measured");
  EXPECT_DOUBLE_EQ(*ok.memory.weights_bytes.value, 2e6);
  EXPECT_EQ(ok.memory.rss_peak_bytes.unknown_reason, "not in the results file");
  EXPECT_FALSE(ok.energy.joules_per_inference.known());
  EXPECT_EQ(ok.energy.joules_per_inference.unknown_reason, "no sensor and no power model");
  ASSERT_EQ(ok.projections.size(), 1u);
  EXPECT_EQ(ok.projections[0].latency_ms.unknown_reason, "no peak for this precision");
  EXPECT_EQ(ok.projections[0].joules_per_inference.kind, "estimated");
  EXPECT_FALSE(ok.projections[0].fits);
  EXPECT_EQ(ok.warnings, std::vector<std::string>{"few samples"});

  const ResultRow& gone = run.results[1];
  EXPECT_FALSE(gone.ok());
  EXPECT_EQ(gone.status_error, "int8 is not implemented");
}

TEST(ResultRowsTest, AMalformedResultFieldNamesTheFileConfigurationAndField) {
  auto doc = OneProjection();
  doc["results"][0]["projections"][0]["latency_ms"] = "fast";
  std::string message = ErrorOf(doc);
  EXPECT_NE(message.find("'a.json'"), std::string::npos) << message;
  EXPECT_NE(message.find("net|fp32|ref|t1"), std::string::npos) << message;
  EXPECT_NE(message.find("projections[0].latency_ms"), std::string::npos) << message;

  const std::pair<const char*, nlohmann::json> cases[] = {
      {"projections[0].fit_problems[0]", nlohmann::json::array({1})},
      {"projections[0].fits", "yes"},
      {"latency_ms.p50", nullptr},
      {"latency_ms.p50_ci95", "narrow"},
      {"throughput_ips", "many"},
      {"energy.joules_per_inference", "lots"},
      {"warnings[0]", nlohmann::json::array({7})},
  };
  for (const auto& [field, value] : cases) {
    auto broken = OneProjection();
    nlohmann::json& result = broken["results"][0];
    const std::string f = field;
    if (f.rfind("projections[0].", 0) == 0) {
      result["projections"][0][f == "projections[0].fits" ? "fits" : "fit_problems"] = value;
    } else if (f.rfind("latency_ms.", 0) == 0) {
      result["latency_ms"][f.substr(11)] = value;
    } else if (f == "energy.joules_per_inference") {
      result["energy"]["joules_per_inference"] = value;
    } else {
      result[f.substr(0, f.find('['))] = value;
    }
    message = ErrorOf(broken);
    EXPECT_NE(message.find("net|fp32|ref|t1"), std::string::npos) << field << ": " << message;
    EXPECT_NE(message.find("'" + f + "'"), std::string::npos) << field << ": " << message;
  }
}

TEST(ResultRowsTest, AMalformedDeviceFieldNamesTheFileAndField) {
  auto doc = OneProjection();
  doc["device"]["targets"][0]["price_usd"] = {{"value", 80}};
  std::string message = ErrorOf(doc);
  EXPECT_NE(message.find("'a.json'"), std::string::npos) << message;
  EXPECT_NE(message.find("device.targets[0].price_usd.source"), std::string::npos) << message;

  doc = OneProjection();
  doc["device"].erase("host_profile");
  message = ErrorOf(doc);
  EXPECT_NE(message.find("device.host_profile"), std::string::npos) << message;

  doc = OneProjection();
  doc["device"]["mode"] = 3;
  message = ErrorOf(doc);
  EXPECT_NE(message.find("device.mode"), std::string::npos) << message;
}

}  // namespace
}  // namespace edgebench
