// edgebench report on the committed quick.json results, bad inputs, and the
// report that `edgebench run` writes after its sweep.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "reports/history/history_file.h"
#include "reports/results/results_reader.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

const std::string kQuickResults = std::string(EDGEBENCH_SOURCE_DIR) + "/tests/data/reports/quick_results.json";

class ReportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("eb_report_cmd_"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteJson(const std::string& name, const nlohmann::json& doc) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << doc.dump();
    return path;
  }

  std::string dir_;
};

TEST_F(ReportCommandTest, WritesBothReportsAndTheChartsForTheFixture) {
  const std::string out = dir_ + "/report";
  ASSERT_EQ(RunEdgebench("report " + kQuickResults + " --out " + out), 0);
  EXPECT_GT(fs::file_size(out + "/report.html"), 10000u);
  EXPECT_GT(fs::file_size(out + "/report.md"), 1000u);
  size_t pngs = 0;
  for (const auto& entry : fs::directory_iterator(out + "/charts")) pngs += entry.path().extension() == ".png";
  EXPECT_GT(pngs, 0u);
}

TEST_F(ReportCommandTest, TakesSeveralRunsAndAHistory) {
  Expected<nlohmann::json> doc = ReadResultsJson(kQuickResults);
  ASSERT_TRUE(doc.ok());
  const std::string history = dir_ + "/history.jsonl";
  ASSERT_TRUE(AppendHistory(history, HistoryEntry(*doc, kQuickResults)).ok());
  ASSERT_TRUE(AppendHistory(history, HistoryEntry(*doc, kQuickResults)).ok());
  EXPECT_EQ(RunEdgebench("report " + kQuickResults + " " + kQuickResults + " --history " + history + " --out " +
                         dir_ + "/r"),
            0);
  EXPECT_TRUE(fs::exists(dir_ + "/r/report.html"));
}

TEST_F(ReportCommandTest, BadInputExitsTwo) {
  EXPECT_EQ(RunEdgebench("report " + dir_ + "/missing.json --out " + dir_ + "/r1"), 2);
  std::ofstream(dir_ + "/not_json.json") << "{ not json";
  EXPECT_EQ(RunEdgebench("report " + dir_ + "/not_json.json --out " + dir_ + "/r2"), 2);
  EXPECT_EQ(RunEdgebench("report " + WriteJson("other.json", {{"schema", "something/1"}}) + " --out " + dir_ + "/r3"), 2);
  std::ofstream(dir_ + "/bad_history.jsonl") << "{\"schema\": \"edgebench.history/1\"}\nnot json\n";
  EXPECT_EQ(RunEdgebench("report " + kQuickResults + " --history " + dir_ + "/bad_history.jsonl --out " + dir_ + "/r4"),
            2);
  EXPECT_EQ(RunEdgebench("report " + kQuickResults + " --history " + dir_ + "/no_history.jsonl --out " + dir_ + "/r5"),
            2);
  EXPECT_EQ(RunEdgebench("report " + kQuickResults), 2);  // --out is required
  EXPECT_FALSE(fs::exists(dir_ + "/r1/report.html"));
  EXPECT_FALSE(fs::exists(dir_ + "/r4/report.html"));
}

TEST_F(ReportCommandTest, AMalformedFieldInsideAResultExitsTwo) {
  Expected<nlohmann::json> doc = ReadResultsJson(kQuickResults);
  ASSERT_TRUE(doc.ok());
  (*doc)["results"][0]["projections"][2]["latency_ms"] = "slow";
  EXPECT_EQ(RunEdgebench("report " + WriteJson("bad_field.json", *doc) + " --out " + dir_ + "/r"), 2);
  EXPECT_FALSE(fs::exists(dir_ + "/r/report.html"));
}

class RunReportTest : public ReportCommandTest {
 protected:
  std::string RunArgs(const std::string& out) {
    nlohmann::json suite = {{"schema", "edgebench.suite/1"},
                            {"name", "report-test"},
                            {"description", "the report after a run"},
                            {"models", {"mlp_autoencoder"}},
                            {"axes", {{"precisions", {"fp32", "int8"}}, {"threads", {1}}}},
                            {"run",
                             {{"warmup_iterations", 1},
                              {"warmup_min_time_ms", 0},
                              {"min_iterations", 3},
                              {"min_time_ms", 20},
                              {"max_time_ms", 100},
                              {"repetitions", 1},
                              {"timeout_s", 30}}}};
    return "run " + WriteJson("suite.json", suite) + " --zoo-dir " + dir_ + "/zoo --out " + out + " --quiet";
  }
};

TEST_F(RunReportTest, RunEndsWithAReportUnlessTold) {
  ASSERT_EQ(RunEdgebench(RunArgs(dir_ + "/a")), 0);
  EXPECT_TRUE(fs::exists(dir_ + "/a/results.json"));
  EXPECT_TRUE(fs::exists(dir_ + "/a/report/report.html"));
  EXPECT_TRUE(fs::exists(dir_ + "/a/report/report.md"));
  EXPECT_TRUE(fs::is_directory(dir_ + "/a/report/charts"));

  ASSERT_EQ(RunEdgebench(RunArgs(dir_ + "/b") + " --no-report"), 0);
  EXPECT_TRUE(fs::exists(dir_ + "/b/results.json"));
  EXPECT_FALSE(fs::exists(dir_ + "/b/report"));
}

TEST_F(RunReportTest, AFailingReportExitsNonZeroAndKeepsTheResults) {
  fs::create_directories(dir_ + "/c");
  std::ofstream(dir_ + "/c/report") << "a file where the report folder goes";
  EXPECT_NE(RunEdgebench(RunArgs(dir_ + "/c")), 0);
  Expected<nlohmann::json> results = ReadResultsJson(dir_ + "/c/results.json");
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_TRUE((*results)["run"].contains("finished"));
}

}  // namespace
}  // namespace edgebench
