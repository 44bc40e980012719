#include "harness/sweep/sweep_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace edgebench {
namespace {

std::vector<ModelRef> TwoModels() {
  ModelRef a, b;
  a.name = "a";
  a.path = "/m/a.onnx";
  b.name = "b";
  b.path = "/m/b.onnx";
  b.overrides.input_shapes["x"] = {1, 3};
  return {a, b};
}

TEST(SweepPlanTest, IsTheCartesianProductWithReasons) {
  SweepAxes axes;
  axes.precisions = {"fp32", "int8"};
  axes.threads = {1, 2};
  axes.scenarios = {"single_stream", "duty_cycle"};
  const auto plan = PlanSweep(TwoModels(), axes);
  ASSERT_EQ(plan.size(), 2u * 2 * 2 * 2);
  std::set<std::string> keys;
  int runnable = 0;
  for (const auto& p : plan) {
    keys.insert(ConfigKey(p.config));
    if (p.unsupported_reason.empty()) {
      ++runnable;
      EXPECT_EQ(p.config.threads, 1);
    }
  }
  EXPECT_EQ(keys.size(), plan.size()) << "config keys must be unique";
  EXPECT_EQ(runnable, 2 * 2 * 2);  // (fp32, int8) x 1 thread x 2 scenarios x 2 models
  EXPECT_EQ(plan.back().config.input_shapes.at("x"), (std::vector<int64_t>{1, 3}));
}

TEST(SweepPlanTest, ExplainsWhatThisBuildCannotRun) {
  RunConfig c;
  EXPECT_EQ(UnsupportedReason(c), "");
  c.precision = "fp16";
  EXPECT_EQ(UnsupportedReason(c), "");
  c.precision = "int8";
  EXPECT_EQ(UnsupportedReason(c), "");
  c = RunConfig{};
  c.backend = "no_such_backend";
  EXPECT_NE(UnsupportedReason(c).find("unknown backend 'no_such_backend'"), std::string::npos);
  c = RunConfig{};
  c.threads = 4;
  EXPECT_NE(UnsupportedReason(c).find("single-threaded"), std::string::npos);
  for (const char* level : {"none", "basic", "all"}) {
    c = RunConfig{};
    c.opt_level = level;
    EXPECT_EQ(UnsupportedReason(c), "") << level;
  }
}

TEST(SweepPlanTest, InterleavingIsASeededPermutation) {
  SweepAxes axes;
  axes.batches = {1, 2, 4, 8};
  const auto plan = PlanSweep(TwoModels(), axes);
  auto a = plan, b = plan, c = plan;
  InterleavePlan(a, 7);
  InterleavePlan(b, 7);
  InterleavePlan(c, 8);
  auto keys = [](const std::vector<PlannedConfig>& p) {
    std::vector<std::string> k;
    for (const auto& x : p) k.push_back(ConfigKey(x.config));
    return k;
  };
  EXPECT_EQ(keys(a), keys(b));
  EXPECT_NE(keys(a), keys(c));
  auto sorted_a = keys(a), sorted_plan = keys(plan);
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_plan.begin(), sorted_plan.end());
  EXPECT_EQ(sorted_a, sorted_plan);
}

TEST(RunConfigTest, RoundTripsThroughJson) {
  RunConfig c;
  c.model = "m";
  c.model_path = "/m.onnx";
  c.threads = 2;
  c.batch = 4;
  c.scenario = "offline";
  c.input_shapes["x"] = {4, 3};
  auto back = RunConfigFromJson(ToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(ConfigKey(*back), ConfigKey(c));
  EXPECT_EQ(back->input_shapes, c.input_shapes);
  nlohmann::json bad = ToJson(c);
  bad["threads"] = "two";
  EXPECT_FALSE(RunConfigFromJson(bad).ok());
}

}  // namespace
}  // namespace edgebench
