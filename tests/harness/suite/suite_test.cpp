// Suites: the shipped files load and have the documented shape; bad files
// fail with messages that name the file and the field; command-line
// overrides replace what they name and are validated like the file.
#include "harness/suite/suite.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "harness/zoo/zoo.h"
#include "runtime/backends/backend.h"
#include "tests/harness/suite/bad_suites.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string SuitesDir() { return std::string(EDGEBENCH_SOURCE_DIR) + "/suites"; }

std::vector<std::string> ShippedSuites() {
  std::vector<std::string> paths;
  for (const auto& file : fs::directory_iterator(SuitesDir())) {
    if (file.path().extension() == ".json") paths.push_back(file.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

Suite LoadOrDie(const std::string& path) {
  Expected<Suite> suite = LoadSuite(path);
  EXPECT_TRUE(suite.ok()) << suite.status().ToString();
  return suite.ok() ? *suite : Suite();
}

Suite ParseOrDie(const std::string& text, const std::string& label = "test.json") {
  Expected<Suite> suite = ParseSuite(nlohmann::json::parse(text), label);
  EXPECT_TRUE(suite.ok()) << suite.status().ToString();
  return suite.ok() ? *suite : Suite();
}

// Configurations in the sweep on a machine with `max_threads` threads: the
// cartesian product of the models and the axes, supported or not.
size_t ConfigurationCount(const Suite& suite, int max_threads) {
  Expected<std::vector<int>> threads = ExpandThreads(suite.axes.threads, max_threads);
  EXPECT_TRUE(threads.ok()) << threads.status().ToString();
  const SuiteAxes& axes = suite.axes;
  return suite.models.size() * axes.precisions.size() * axes.backends.size() * (threads.ok() ? threads->size() : 0) *
         axes.batch.size() * axes.opt_levels.size() * axes.scenarios.size();
}

TEST(SuiteTest, EveryShippedSuiteLoads) {
  const std::vector<std::string> paths = ShippedSuites();
  ASSERT_GE(paths.size(), 5u);
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const Suite suite = LoadOrDie(path);
    EXPECT_EQ(suite.name, fs::path(path).stem().string());
    EXPECT_GE(suite.description.size(), 40u) << "a shipped suite says what it is for";
    EXPECT_EQ(suite.source, path);
  }
}

TEST(SuiteTest, ShippedSuitesHaveTheDocumentedSize) {
  const std::map<std::string, std::pair<size_t, size_t>> expected = {
      // name: configurations at 2 threads (this machine), at 1 thread.
      {"quick", {8 * 3 * 3 * 2, 8 * 3 * 3 * 1}},          // models x precisions x backends x threads {1, max}
      {"ci", {5, 5}},                                     // five small models, fp32, ref, 1 thread
      {"vision", {3 * 3 * 3 * 2, 3 * 3 * 3 * 1}},         // x backends
      {"audio", {2 * 3 * 3 * 2 * 2, 2 * 3 * 3 * 1 * 2}},  // x scenarios {single_stream, duty_cycle}
      {"timeseries", {3 * 3 * 3 * 2 * 2, 3 * 3 * 3 * 1 * 2}},
  };
  for (const auto& [name, counts] : expected) {
    SCOPED_TRACE(name);
    const Suite suite = LoadOrDie(SuitesDir() + "/" + name + ".json");
    EXPECT_EQ(ConfigurationCount(suite, 2), counts.first);
    EXPECT_EQ(ConfigurationCount(suite, 1), counts.second);
  }
}

TEST(SuiteTest, QuickIsTheWholeZooAtOneAndAllThreads) {
  const Suite quick = LoadOrDie(SuitesDir() + "/quick.json");
  std::vector<std::string> models;
  for (const ModelEntry& entry : quick.models) {
    EXPECT_EQ(entry.kind, ModelEntryKind::kZoo);
    models.push_back(entry.value);
  }
  std::vector<std::string> zoo_models;
  for (const zoo::ZooModel& model : zoo::Models()) zoo_models.emplace_back(model.name);
  EXPECT_EQ(models, zoo_models);
  EXPECT_EQ(quick.axes.precisions, SuitePrecisions());
  EXPECT_EQ(quick.axes.backends, BackendNames()) << "every backend this build has";
  EXPECT_EQ(*ExpandThreads(quick.axes.threads, 2), (std::vector<int>{1, 2}));
  EXPECT_EQ(*ExpandThreads(quick.axes.threads, 64), (std::vector<int>{1, 64}));
}

// The budget behind quick.json's run rules: a few minutes on this 2-core VM.
// Every configuration is charged the per-inference time of fp32 on ref here
// (issue 3's brief), which is an upper bound for eigen and native and for the
// ref configurations planned as unsupported (threads > 1), but not for the
// preparation of fp16/int8 (conversion, calibration, accuracy runs), hence
// the margin: the whole sweep took 4 min 14 s here when it was last run.
TEST(SuiteTest, QuickFitsItsTimeBudget) {
  const std::map<std::string, double> ref_seconds = {
      {"mobilenet_v2", 0.16}, {"resnet18", 0.55}, {"squeezenet1_1", 0.15},    {"ds_cnn_kws", 0.004},
      {"accel_cnn1d", 0.004}, {"gru_kws", 0.004}, {"mlp_autoencoder", 0.004}, {"transformer_encoder", 0.004}};
  const Suite quick = LoadOrDie(SuitesDir() + "/quick.json");
  const SuiteRunRules& run = quick.run;
  double total_s = 0;
  for (const ModelEntry& model : quick.models) {
    const double t = ref_seconds.at(model.value);
    const double first_and_warmup_s = t + std::max(run.warmup_iterations * t, run.warmup_min_time_ms / 1000 + t);
    const double measured_s =
        std::min(run.max_time_ms / 1000, std::max(run.min_iterations * t, run.min_time_ms / 1000) + t);
    total_s += first_and_warmup_s + run.repetitions * measured_s;
  }
  const size_t per_model = ConfigurationCount(quick, 2) / quick.models.size();
  const double process_and_load_s = 0.5 * static_cast<double>(ConfigurationCount(quick, 2));
  EXPECT_LT(total_s * static_cast<double>(per_model) + process_and_load_s, 240);
}

TEST(SuiteTest, CiIsShortAndStable) {
  const Suite ci = LoadOrDie(SuitesDir() + "/ci.json");
  EXPECT_EQ(ci.axes.threads, nlohmann::json::array({1})) << "fixed threads: no 'max' in a regression gate";
  EXPECT_EQ(ci.axes.precisions, std::vector<std::string>{"fp32"});
  EXPECT_EQ(ci.run.repetitions, 3);
  EXPECT_GE(ci.run.min_iterations, 100) << "enough samples for a stable p50 and its confidence interval";
  for (const ModelEntry& model : ci.models) {
    EXPECT_NE(model.value, "resnet18");
    EXPECT_NE(model.value, "mobilenet_v2");
    EXPECT_NE(model.value, "squeezenet1_1");
  }
}

TEST(SuiteTest, DefaultsWhenAbsent) {
  const Suite suite = ParseOrDie(R"({"schema": "edgebench.suite/1", "name": "t", "models": ["resnet18"]})");
  EXPECT_EQ(suite.description, "");
  EXPECT_EQ(suite.axes.precisions, std::vector<std::string>{"fp32"});
  EXPECT_EQ(suite.axes.backends, std::vector<std::string>{"ref"});
  EXPECT_EQ(suite.axes.threads, nlohmann::json::array({1}));
  EXPECT_EQ(suite.axes.batch, std::vector<int64_t>{1});
  EXPECT_EQ(suite.axes.opt_levels, std::vector<std::string>{"all"});
  EXPECT_EQ(suite.axes.scenarios, std::vector<std::string>{"single_stream"});
  EXPECT_EQ(suite.run.warmup_iterations, 3);
  EXPECT_EQ(suite.run.warmup_min_time_ms, 100);
  EXPECT_EQ(suite.run.min_iterations, 10);
  EXPECT_EQ(suite.run.min_time_ms, 500);
  EXPECT_EQ(suite.run.max_time_ms, 5000);
  EXPECT_EQ(suite.run.repetitions, 1);
  EXPECT_EQ(suite.run.timeout_s, 120);
  EXPECT_EQ(suite.run.duty_cycle_period_ms, 100);
  EXPECT_FALSE(suite.run.interleave);
  EXPECT_EQ(suite.run.seed, 42u);
  EXPECT_TRUE(suite.overrides.empty());
}

TEST(SuiteTest, ReadsEveryField) {
  const Suite suite = ParseOrDie(R"({
    "schema": "edgebench.suite/1", "name": "all-fields.v1", "description": "d",
    "models": ["zoo:resnet18", "gru_kws", "../models/kws.onnx", "more/*.onnx"],
    "axes": {"precisions": ["int8", "fp32"], "backends": ["native", "ref"], "threads": [1, "2-3", "max"],
             "batch": [1, 8], "opt_levels": ["none", "all"], "scenarios": ["offline", "duty_cycle"]},
    "run": {"warmup_iterations": 0, "warmup_min_time_ms": 0, "min_iterations": 1, "min_time_ms": 0.5,
            "max_time_ms": 1.5, "repetitions": 7, "timeout_s": 0.5, "duty_cycle_period_ms": 20,
            "interleave": true, "seed": 18446744073709551615},
    "overrides": {"resnet18": {"input_shapes": {"input": [1, 3, 160, 160]}, "dataset": "../data/imagenet"},
                  "kws": {"dataset": "/data/kws"}, "anything": {"input_shapes": {"x": []}}}
  })",
                                 "/work/suites/all.json");
  EXPECT_EQ(suite.name, "all-fields.v1");
  ASSERT_EQ(suite.models.size(), 4u);
  EXPECT_EQ(suite.models[0].kind, ModelEntryKind::kZoo);
  EXPECT_EQ(suite.models[0].value, "resnet18");
  EXPECT_EQ(suite.models[1].kind, ModelEntryKind::kZoo);
  EXPECT_EQ(suite.models[2].kind, ModelEntryKind::kPath);
  EXPECT_EQ(suite.models[2].value, "/work/models/kws.onnx");
  EXPECT_EQ(suite.models[3].kind, ModelEntryKind::kGlob);
  EXPECT_EQ(suite.models[3].value, "/work/suites/more/*.onnx");
  EXPECT_EQ(suite.axes.precisions, (std::vector<std::string>{"int8", "fp32"}));
  EXPECT_EQ(*ExpandThreads(suite.axes.threads, 8), (std::vector<int>{1, 2, 3, 8}));
  EXPECT_EQ(suite.axes.batch, (std::vector<int64_t>{1, 8}));
  EXPECT_EQ(suite.run.min_time_ms, 0.5);
  EXPECT_EQ(suite.run.repetitions, 7);
  EXPECT_TRUE(suite.run.interleave);
  EXPECT_EQ(suite.run.seed, UINT64_MAX);
  ASSERT_EQ(suite.overrides.size(), 3u);
  EXPECT_EQ(suite.overrides.at("resnet18").input_shapes.at("input"), (std::vector<int64_t>{1, 3, 160, 160}));
  EXPECT_EQ(suite.overrides.at("resnet18").dataset, "/work/data/imagenet");
  EXPECT_EQ(suite.overrides.at("kws").dataset, "/data/kws");
  EXPECT_TRUE(suite.overrides.at("anything").input_shapes.at("x").empty()) << "a scalar input";
}

TEST(SuiteTest, BadFilesNameTheFileAndTheField) {
  const std::string dir = testing::MakeTempDir("eb_suite_bad_");
  for (const testing::BadSuite& bad : testing::BadSuites()) {
    const std::string path = dir + "/" + bad.name + ".json";
    testing::WriteFile(path, bad.text);
    const Expected<Suite> suite = LoadSuite(path);
    ASSERT_FALSE(suite.ok()) << bad.name;
    EXPECT_EQ(suite.status().code(), ErrorCode::kInvalidArgument) << bad.name;
    EXPECT_THAT(suite.status().message(), HasSubstr(path + ": " + bad.error)) << bad.name;
  }
  fs::remove_all(dir);
}

TEST(SuiteTest, MissingFile) {
  const Expected<Suite> suite = LoadSuite("/nonexistent/suites/quick.json");
  ASSERT_FALSE(suite.ok());
  EXPECT_EQ(suite.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(suite.status().message(), "cannot read suite: '/nonexistent/suites/quick.json' does not exist");
}

TEST(SuiteTest, ParseSuiteLabelsErrors) {
  const Expected<Suite> suite = ParseSuite(nlohmann::json::parse(R"({"schema": "edgebench.suite/1"})"), "<stdin>");
  ASSERT_FALSE(suite.ok());
  EXPECT_EQ(suite.status().message(), "<stdin>: the required field 'name' is missing");
}

TEST(SuiteTest, ToJsonReadsBackToTheSameSuite) {
  for (const std::string& path : ShippedSuites()) {
    const Suite suite = LoadOrDie(path);
    const nlohmann::json written = ToJson(suite);
    const Suite reread = ParseOrDie(written.dump(), path);
    EXPECT_EQ(ToJson(reread), written) << path;
  }
  const Suite with_paths = ParseOrDie(R"({"schema": "edgebench.suite/1", "name": "p",
    "models": ["resnet18", "m/*.onnx", "k.onnx"], "axes": {"threads": ["1..max"]},
    "overrides": {"k": {"dataset": "data", "input_shapes": {"x": [1, 2]}}}})",
                                      "/s/p.json");
  const nlohmann::json written = ToJson(with_paths);
  EXPECT_EQ(written["models"], nlohmann::json({"zoo:resnet18", "/s/m/*.onnx", "/s/k.onnx"}));
  EXPECT_EQ(written["overrides"]["k"]["dataset"], "/s/data");
  EXPECT_EQ(ToJson(ParseOrDie(written.dump(), "/elsewhere/p.json")), written) << "absolute paths stay put";
}

class SuiteCliOverridesTest : public ::testing::Test {
 protected:
  void SetUp() override { suite_ = LoadOrDie(SuitesDir() + "/quick.json"); }
  Suite suite_;
};

TEST_F(SuiteCliOverridesTest, NothingGivenChangesNothing) {
  const nlohmann::json before = ToJson(suite_);
  ASSERT_TRUE(ApplyCliOverrides(suite_, SuiteOverrides{}).ok());
  EXPECT_EQ(ToJson(suite_), before);
}

TEST_F(SuiteCliOverridesTest, GivenValuesReplaceTheSuites) {
  SuiteOverrides overrides;
  overrides.models = {"gru_kws", "zoo:ds_cnn_kws", "local.onnx"};
  overrides.precisions = {"int8"};
  overrides.backends = {"native", "eigen"};
  overrides.threads = {"1-2", "max", "2"};
  overrides.batch = {1, 4};
  overrides.repetitions = 5;
  overrides.min_time_ms = 100;
  overrides.max_time_ms = 2000;
  overrides.seed = 7;
  const Status status = ApplyCliOverrides(suite_, overrides);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(suite_.models.size(), 3u);
  EXPECT_EQ(suite_.models[0].value, "gru_kws");
  EXPECT_EQ(suite_.models[1].value, "ds_cnn_kws");
  EXPECT_EQ(suite_.models[2].value, (fs::current_path() / "local.onnx").string()) << "relative to the working dir";
  EXPECT_EQ(suite_.axes.precisions, std::vector<std::string>{"int8"});
  EXPECT_EQ(suite_.axes.backends, (std::vector<std::string>{"native", "eigen"}));
  EXPECT_EQ(*ExpandThreads(suite_.axes.threads, 4), (std::vector<int>{1, 2, 4}));
  EXPECT_EQ(suite_.axes.batch, (std::vector<int64_t>{1, 4}));
  EXPECT_EQ(suite_.run.repetitions, 5);
  EXPECT_EQ(suite_.run.min_time_ms, 100);
  EXPECT_EQ(suite_.run.max_time_ms, 2000);
  EXPECT_EQ(suite_.run.seed, 7u);
  EXPECT_EQ(suite_.run.warmup_iterations, 1) << "what the command line does not name stays";
  EXPECT_EQ(suite_.axes.scenarios, std::vector<std::string>{"single_stream"});
}

TEST_F(SuiteCliOverridesTest, BadValuesNameTheOptionAndChangeNothing) {
  const nlohmann::json before = ToJson(suite_);
  const auto expect_error = [&](const SuiteOverrides& overrides, const std::string& error) {
    const Status status = ApplyCliOverrides(suite_, overrides);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << error;
    EXPECT_THAT(status.message(), HasSubstr(error));
    EXPECT_EQ(ToJson(suite_), before) << error;
  };
  SuiteOverrides o;
  o.models = {"resnet81"};
  expect_error(o, "--models[0]: 'resnet81' is neither a zoo model");
  o = {};
  o.precisions = {"fp32", "fp64"};
  expect_error(o, "--precisions[1]: 'fp64' is not one of fp32, fp16, int8");
  o = {};
  o.precisions = {"fp32", "fp32"};
  expect_error(o, "--precisions[1]: 'fp32' is listed twice");
  o = {};
  o.backends = {"ref", "Native"};
  expect_error(o, "--backends[1]: 'Native' is not a backend name");
  o = {};
  o.threads = {"1", "4-1"};
  expect_error(o, "--threads[1]: '4-1' is an empty range (4 > 1)");
  o = {};
  o.threads = {"x"};
  expect_error(o, "--threads[0]: 'x' is not a thread count or range");
  o = {};
  o.batch = {0};
  expect_error(o, "--batch[0]: 0 is out of range [1, 4096]");
  o = {};
  o.repetitions = 0;
  expect_error(o, "--repetitions: 0 is out of range [1, 1000]");
  o = {};
  o.min_time_ms = -1;
  expect_error(o, "--min-time: -1 is out of range [0, 3600000]");
  o = {};
  o.max_time_ms = 100;  // quick.json's min_time_ms is 300
  expect_error(o, "with the command-line overrides: run.min_time_ms: 300 ms exceeds max_time_ms (100 ms)");
  o = {};
  o.max_time_ms = 600000;  // quick.json's timeout_s is 60
  expect_error(o, "with the command-line overrides: run.timeout_s: 60 s is shorter than");
}

TEST_F(SuiteCliOverridesTest, ProfileOptionsReplaceTheSuites) {
  SuiteOverrides overrides;
  overrides.counters = {"cycles", "instructions"};
  overrides.per_op = false;
  overrides.cooldown_below_c = 55;
  const Status status = ApplyCliOverrides(suite_, overrides);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(suite_.run.profile.counters, (std::vector<std::string>{"cycles", "instructions"}));
  EXPECT_FALSE(suite_.run.profile.per_op);
  ASSERT_TRUE(suite_.run.profile.cooldown.has_value());
  EXPECT_EQ(suite_.run.profile.cooldown->below_c, 55);
  EXPECT_EQ(suite_.run.profile.cooldown->max_wait_s, 300) << "the default bound";

  const nlohmann::json before = ToJson(suite_);
  SuiteOverrides bad;
  bad.counters = {"cycles", "cycles"};
  const Status twice = ApplyCliOverrides(suite_, bad);
  EXPECT_THAT(twice.message(), HasSubstr("counters[1]: 'cycles' is listed twice"));
  EXPECT_EQ(ToJson(suite_), before);
}

TEST(SuiteProfileRulesTest, RoundTripsThroughTheWorkerCodec) {
  ProfileRules rules;
  rules.per_op = false;
  rules.per_op_iterations = 7;
  rules.per_op_min_time_ms = 20;
  rules.counters = {"cycles"};
  rules.cooldown = CooldownRule{60, 30, 0.5};
  rules.thermal_sample_period_s = 2;
  rules.energy_idle_ms = 250;
  const nlohmann::json written = ToJson(rules);
  Expected<ProfileRules> reread = ParseProfileRules(written, "profile");
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_EQ(ToJson(*reread), written);
  EXPECT_EQ(ParseProfileRules(nlohmann::json::object(), "p")->per_op, true) << "per-op profiling is on by default";
}

}  // namespace
}  // namespace edgebench
