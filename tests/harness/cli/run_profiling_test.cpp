// `edgebench run` with the profilers and devices attached (issue 4): every ok
// configuration carries software counters and the reason hardware counters
// are missing, memory figures, an energy figure with its kind, thermal
// readings or "unknown", a per-op profile and projections on every profile.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

class RunProfilingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("eb_profile_");
    const nlohmann::json suite = {
        {"schema", "edgebench.suite/1"},
        {"name", "profiling"},
        {"models", {"ds_cnn_kws"}},
        {"run",
         {{"warmup_iterations", 1},
          {"warmup_min_time_ms", 0},
          {"min_iterations", 5},
          {"min_time_ms", 20},
          {"max_time_ms", 200},
          {"timeout_s", 60},
          {"profile", {{"per_op_iterations", 2}, {"per_op_min_time_ms", 10}, {"thermal_sample_period_s", 0.05}}}}}};
    suite_ = dir_ + "/suite.json";
    std::ofstream(suite_) << suite.dump(2);
  }
  void TearDown() override { fs::remove_all(dir_); }

  nlohmann::json RunAndRead(const std::string& extra) {
    const std::string out = dir_ + "/out";
    fs::remove_all(out);
    EXPECT_EQ(RunEdgebench("run " + suite_ + " --zoo-dir " + dir_ + "/zoo --out " + out + " --quiet --no-report " + extra), 0);
    std::ifstream in(out + "/results.json");
    return nlohmann::json::parse(in, nullptr, false);
  }

  std::string dir_;
  std::string suite_;
};

TEST_F(RunProfilingTest, EveryConfigurationCarriesTheProfilersFigures) {
  const nlohmann::json doc = RunAndRead("");
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["device"]["id"], "host");
  EXPECT_EQ(doc["device"]["mode"], "measured");
  ASSERT_EQ(doc["results"].size(), 1u);
  const nlohmann::json& r = doc["results"][0];
  ASSERT_EQ(r["status"], "ok") << r.dump(2);

  // Counters: software events always; hardware ones, or the exact reason.
  const nlohmann::json& counters = r["counters"];
  EXPECT_GT(counters["events"]["task-clock"]["value"].get<double>(), 0);
  EXPECT_TRUE(counters["events"].contains("page-faults"));
  if (!counters["available"].get<bool>()) {
    EXPECT_FALSE(counters["reason"].get<std::string>().empty());
    EXPECT_EQ(counters["events"]["cycles"]["value"], "unknown");
  }

  const nlohmann::json& memory = r["memory"];
  EXPECT_GT(memory["weights_bytes"].get<int64_t>(), 0);
  EXPECT_GE(memory["peak_activation_bytes"].get<int64_t>(), memory["activation_lower_bound_bytes"].get<int64_t>());
  EXPECT_GT(memory["rss_peak_bytes"].get<int64_t>(), memory["weights_bytes"].get<int64_t>());

  // No sensor on a VM: the host profile's power model, labeled estimated.
  const std::string kind = r["energy"]["kind"];
  EXPECT_TRUE(kind == "measured" || kind == "estimated") << r["energy"].dump(2);
  EXPECT_GT(r["energy"]["joules_per_inference"].get<double>(), 0);
  EXPECT_TRUE(r["energy"]["model"].is_object());

  for (const char* field : {"start_c", "end_c", "freq_mhz_start", "freq_mhz_end", "throttled"}) {
    EXPECT_TRUE(r["thermal"].contains(field)) << field;
    if (r["thermal"][field] == "unknown") {
      EXPECT_TRUE(r["thermal"].contains(std::string(field) + "_reason")) << field;
    }
  }

  // Per-op: every executed node timed, with its counts.
  ASSERT_FALSE(r["ops"].empty());
  double share = 0;
  for (const nlohmann::json& op : r["ops"]) {
    EXPECT_GE(op["time_ms_p50"].get<double>(), 0) << op["name"];
    EXPECT_TRUE(op["counters"]["per_inference"].contains("task-clock")) << op["name"];
    share += op["share"].get<double>();
  }
  EXPECT_NEAR(share, 1.0, 1e-9);
  // The sums are compared with both references (how close depends on the
  // machine's load, so that is reported, not asserted here).
  EXPECT_GT(r["per_op"]["sum_vs_measured"].get<double>(), 0);
  EXPECT_GT(r["per_op"]["sum_vs_profiled_run"].get<double>(), 0);

  // Projections: one per shipped profile, each labeled with its method.
  std::set<std::string> projected;
  for (const nlohmann::json& p : r["projections"]) {
    projected.insert(p["device"].get<std::string>());
    EXPECT_EQ(p["mode"], "projected");
    EXPECT_TRUE(p["method"].contains("formula"));
  }
  std::set<std::string> profiles;
  for (const nlohmann::json& id : doc["device"]["projected_on"]) profiles.insert(id.get<std::string>());
  EXPECT_EQ(projected, profiles);
  EXPECT_GE(profiles.size(), 10u);
  EXPECT_TRUE(profiles.count("rpi4") && profiles.count("stm32h7") && profiles.count("jetson-orin-nano"));
}

TEST_F(RunProfilingTest, AnotherDeviceIsProjectedAndTheOptionsAreHonoured) {
  const nlohmann::json doc = RunAndRead("--device rpi4 --no-per-op --cooldown-below 90");
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["device"]["id"], "rpi4");
  EXPECT_EQ(doc["device"]["mode"], "projected") << "this test machine is not a Raspberry Pi 4";
  EXPECT_TRUE(doc["device"].contains("mode_reason"));
  const nlohmann::json& r = doc["results"][0];
  ASSERT_EQ(r["status"], "ok");
  EXPECT_FALSE(r.contains("per_op"));
  EXPECT_FALSE(r["ops"][0].contains("time_ms_p50")) << "accounting only";
  EXPECT_TRUE(r["thermal"].contains("cooldown"));
}

TEST_F(RunProfilingTest, UnknownDeviceAndBadCounterAreBadInput) {
  EXPECT_EQ(RunEdgebench("run " + suite_ + " --zoo-dir " + dir_ + "/zoo --out " + dir_ + "/o --quiet --device rpi9"),
            2);
  EXPECT_EQ(RunEdgebench("run " + suite_ + " --zoo-dir " + dir_ + "/zoo --out " + dir_ +
                         "/o --quiet --counters no_such_event_xyz"),
            2);
}

}  // namespace
}  // namespace edgebench
