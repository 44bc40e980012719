// `edgebench run` end to end: isolation of a crashing configuration, timeouts,
// resume after a kill, and every produced file valid against the schema.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

constexpr char kPython[] = "/usr/bin/python3";

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

// Validates with Debian's python3-jsonschema against reports/schema/results.schema.json.
void ExpectValidResults(const std::string& path) {
  if (!testing::HaveJsonschema()) {
    GTEST_SKIP() << "python3-jsonschema missing (scripts/install-deps.sh installs it)";
  }
  const std::string schema = std::string(EDGEBENCH_SOURCE_DIR) + "/reports/schema/results.schema.json";
  const std::string cmd = std::string(kPython) +
                          " -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))"
                          ".validate(json.load(open(sys.argv[2])))' " +
                          schema + " " + path;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << path << " does not validate against " << schema;
}

class RunCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("eb_run_"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteSuite(const std::vector<std::string>& models, double timeout_s = 30, double min_time_ms = 30) {
    nlohmann::json suite = {{"schema", "edgebench.suite/1"},
                            {"name", "test"},
                            {"description", "tests"},
                            {"models", models},
                            {"axes", {{"precisions", {"fp32", "int8"}}, {"backends", {"ref"}}, {"threads", {1}}}},
                            {"run",
                             {{"warmup_iterations", 1},
                              {"warmup_min_time_ms", 0},
                              {"min_iterations", 3},
                              {"min_time_ms", min_time_ms},
                              {"max_time_ms", std::max(min_time_ms, 100.0)},
                              {"repetitions", 2},
                              {"timeout_s", timeout_s}}}};
    const std::string path = dir_ + "/suite.json";
    std::ofstream(path) << suite.dump(2);
    return path;
  }
  std::string Args(const std::string& suite, const std::string& out) {
    return "run " + suite + " --zoo-dir " + dir_ + "/zoo --out " + out + " --quiet --no-report";
  }

  std::string dir_;
};

TEST_F(RunCommandTest, CrashingConfigurationIsIsolated) {
  const std::string suite = WriteSuite({"mlp_autoencoder", "accel_cnn1d", "gru_kws"});
  ASSERT_EQ(RunEdgebench(Args(suite, dir_ + "/out"), "EDGEBENCH_TEST_CRASH_MODEL=accel_cnn1d"), 0);
  const auto doc = ReadJson(dir_ + "/out/results.json");
  ASSERT_EQ(doc["results"].size(), 6u);  // 3 models x (fp32, int8)
  std::map<std::string, int> by_status;
  for (const auto& r : doc["results"]) {
    ++by_status[r["status"].get<std::string>()];
    if (r["config"]["model"] == "accel_cnn1d") {
      EXPECT_EQ(r["status"], "error");
      EXPECT_NE(r["error"].get<std::string>().find("signal 6"), std::string::npos) << r["error"];
    }
    if (r["status"] == "ok") {
      EXPECT_GE(r["latency_ms"]["count"].get<int>(), 6);  // 2 repetitions x at least 3
      const size_t stride = r["latency_ms"]["samples_stride"].get<size_t>();
      const size_t count = r["latency_ms"]["count"].get<size_t>();
      EXPECT_EQ(r["latency_ms"]["samples"].size(), (count + stride - 1) / stride);
      EXPECT_LE(r["latency_ms"]["samples"].size(), 10000u);
      EXPECT_EQ(r["latency_ms"]["repetitions"].size(), 2u);
    }
  }
  // The crash switch matches the model at both precisions; the other models'
  // four configurations run.
  EXPECT_EQ(by_status["ok"], 4);
  EXPECT_EQ(by_status["error"], 2);
  ExpectValidResults(dir_ + "/out/results.json");
}

TEST_F(RunCommandTest, InterleavedRepetitionsRunInRoundsAndACrashNamesItsRound) {
  const std::string suite = WriteSuite({"mlp_autoencoder", "accel_cnn1d"});
  ASSERT_EQ(RunEdgebench(Args(suite, dir_ + "/out") + " --precisions fp32 --interleave --no-per-op",
                         "EDGEBENCH_TEST_CRASH_MODEL=accel_cnn1d"),
            0);
  const auto doc = ReadJson(dir_ + "/out/results.json");
  ASSERT_EQ(doc["results"].size(), 2u);
  for (const auto& r : doc["results"]) {
    if (r["config"]["model"] == "accel_cnn1d") {
      // The crash switch fires in round 1; the configuration leaves the sweep there.
      EXPECT_EQ(r["status"], "error");
      EXPECT_EQ(r["error"].get<std::string>().rfind("round 1 of 2: ", 0), 0u) << r["error"];
      EXPECT_FALSE(r.contains("rounds"));
      continue;
    }
    ASSERT_EQ(r["status"], "ok") << r.dump(1);
    EXPECT_EQ(r["rounds"]["count"], 2);
    ASSERT_EQ(r["latency_ms"]["repetitions"].size(), 2u);
    int64_t per_round = 0;
    for (const auto& rep : r["latency_ms"]["repetitions"]) per_round += rep["count"].get<int64_t>();
    EXPECT_EQ(r["latency_ms"]["count"].get<int64_t>(), per_round);
    EXPECT_NE(r["counters"]["scope"].get<std::string>().find("round 1's repetition only, of 2 rounds"),
              std::string::npos);
    EXPECT_EQ(r["accuracy"]["available"], true) << "round 1 checks accuracy";
  }
  ExpectValidResults(dir_ + "/out/results.json");
}

TEST_F(RunCommandTest, HangingConfigurationTimesOut) {
  // The first worker hangs (a test-only switch), so only the timeout ends it;
  // mlp_autoencoder needs microseconds per run, and 5 s leave room for its
  // worker's start under sanitizers on a loaded machine (0.3 s did not).
  const std::string suite = WriteSuite({"accel_cnn1d", "mlp_autoencoder"}, /*timeout_s=*/5, /*min_time_ms=*/50);
  ASSERT_EQ(RunEdgebench(Args(suite, dir_ + "/out") + " --precisions fp32 --no-per-op",
                         "EDGEBENCH_TEST_HANG_MODEL=accel_cnn1d"),
            0);
  const auto doc = ReadJson(dir_ + "/out/results.json");
  ASSERT_EQ(doc["results"].size(), 2u);
  EXPECT_EQ(doc["results"][0]["config"]["model"], "accel_cnn1d");
  EXPECT_EQ(doc["results"][0]["status"], "timeout");
  ASSERT_TRUE(doc["results"][0]["error"].is_string());
  EXPECT_NE(doc["results"][0]["error"].get<std::string>().find("timeout"), std::string::npos);
  EXPECT_EQ(doc["results"][1]["status"], "ok");
  ExpectValidResults(dir_ + "/out/results.json");
}

TEST_F(RunCommandTest, ResumeAfterAKillRunsEveryConfigurationOnce) {
  const std::vector<std::string> models = {"mlp_autoencoder", "accel_cnn1d", "ds_cnn_kws", "gru_kws",
                                           "transformer_encoder"};
  const std::string suite = WriteSuite(models, 30, /*min_time_ms=*/300);
  const std::string out = dir_ + "/out";
  const std::string results = out + "/results.json";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string zoo = dir_ + "/zoo";
    execl(EDGEBENCH_BINARY, EDGEBENCH_BINARY, "run", suite.c_str(), "--zoo-dir", zoo.c_str(), "--out", out.c_str(),
          "--quiet", "--no-report", "--precisions", "fp32", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill the sweep once some, but not all, configurations are in the file.
  size_t seen = 0;
  for (int i = 0; i < 600 && seen < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (fs::exists(results)) {
      const auto doc = ReadJson(results);
      if (!doc.is_discarded()) seen = doc["results"].size();
    }
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  ASSERT_GE(seen, 2u);
  const auto partial = ReadJson(results);
  ASSERT_FALSE(partial.is_discarded()) << "a killed sweep must leave a valid file";
  ASSERT_LT(partial["results"].size(), models.size()) << "the sweep finished before it was killed";
  EXPECT_TRUE(partial["run"]["finished"].is_null());

  ASSERT_EQ(RunEdgebench("run " + suite + " --zoo-dir " + dir_ + "/zoo --quiet --no-report --precisions fp32 --resume " + results), 0);
  const auto doc = ReadJson(results);
  std::map<std::string, int> count;
  for (const auto& r : doc["results"]) ++count[r["config"]["model"].get<std::string>()];
  ASSERT_EQ(count.size(), models.size());
  for (const auto& [model, n] : count) EXPECT_EQ(n, 1) << model;
  EXPECT_TRUE(doc["run"]["finished"].is_string());
  ExpectValidResults(results);
}

TEST_F(RunCommandTest, ScenariosAndGoogleBenchmarkFormat) {
  nlohmann::json suite = {{"schema", "edgebench.suite/1"},
                          {"name", "scenarios"},
                          {"description", "tests"},
                          {"models", {"mlp_autoencoder"}},
                          {"axes", {{"batch", {1, 4}}, {"scenarios", {"single_stream", "offline", "duty_cycle"}}}},
                          {"run",
                           {{"warmup_iterations", 1},
                            {"warmup_min_time_ms", 0},
                            {"min_iterations", 5},
                            {"min_time_ms", 20},
                            {"max_time_ms", 200},
                            {"repetitions", 3},
                            {"duty_cycle_period_ms", 2},
                            {"timeout_s", 30}}}};
  const std::string path = dir_ + "/scenarios.json";
  std::ofstream(path) << suite.dump();
  ASSERT_EQ(RunEdgebench(Args(path, dir_ + "/out") + " --format gbench"), 0);
  const auto doc = ReadJson(dir_ + "/out/results.json");
  ASSERT_EQ(doc["results"].size(), 6u);
  for (const auto& r : doc["results"]) {
    ASSERT_EQ(r["status"], "ok") << r["config_key"] << ": " << r["error"];
    const double batch = r["config"]["batch"].get<double>();
    // Items per second from the summed latencies: batch / mean latency.
    EXPECT_NEAR(r["throughput_ips"].get<double>(), batch * 1000.0 / r["latency_ms"]["mean"].get<double>(),
                1e-6 * r["throughput_ips"].get<double>());
    if (r["config"]["scenario"] == "duty_cycle") {
      // One inference per 2 ms period: at least 20 ms per repetition means >= 10 periods, not back to back.
      for (const auto& rep : r["latency_ms"]["repetitions"]) EXPECT_LE(rep["count"].get<int>(), 110);
    }
  }
  ExpectValidResults(dir_ + "/out/results.json");

  const auto gbench = ReadJson(dir_ + "/out/results.gbench.json");
  ASSERT_FALSE(gbench.is_discarded());
  ASSERT_TRUE(gbench.contains("context"));
  int iterations = 0, aggregates = 0;
  for (const auto& b : gbench["benchmarks"]) {
    EXPECT_EQ(b["time_unit"], "ms");
    EXPECT_GT(b["real_time"].get<double>(), 0.0);
    if (b["run_type"] == "iteration") ++iterations;
    if (b["run_type"] == "aggregate") ++aggregates;
  }
  EXPECT_EQ(iterations, 6 * 3);  // one per repetition
  EXPECT_EQ(aggregates, 6 * 4);  // mean, median, stddev, cv
}

TEST_F(RunCommandTest, BadSuiteAndBadResumeFileExitTwo) {
  std::ofstream(dir_ + "/bad.json") << "{\"schema\": \"edgebench.suite/1\", \"models\": []";
  EXPECT_EQ(RunEdgebench("run " + dir_ + "/bad.json --out " + dir_ + "/o --quiet"), 2);
  std::ofstream(dir_ + "/notresults.json") << "{\"hello\": 1}";
  EXPECT_EQ(RunEdgebench("run " + WriteSuite({"mlp_autoencoder"}) + " --resume " + dir_ + "/notresults.json --quiet"), 2);
  EXPECT_EQ(RunEdgebench("run " + WriteSuite({"mlp_autoencoder"}) + " --filter '[' --quiet"), 2);
}

}  // namespace
}  // namespace edgebench
