// `edgebench baseline save|check` and `edgebench history append` on the
// committed quick.json results (tests/data/reports/quick_results.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/history/history_file.h"
#include "reports/results/results_reader.h"
#include "runtime/core/file_io.h"
#include "tests/harness/compare/results_edits.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

const std::string kQuickResults = std::string(EDGEBENCH_SOURCE_DIR) + "/tests/data/reports/quick_results.json";

class BaselineCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("baseline_command"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteScaledCopy(double factor) {
    auto doc = ReadResultsJson(kQuickResults);
    EXPECT_TRUE(doc.ok());
    testing::ScaleLatency(*doc, factor);
    const std::string path = dir_ + "/scaled.json";
    testing::WriteFile(path, doc->dump());
    return path;
  }

  std::string dir_;
};

TEST_F(BaselineCommandTest, SaveWritesTheValidatedResultsFile) {
  const std::string baseline = dir_ + "/baselines/quick.json";  // the folder is created
  ASSERT_EQ(testing::RunEdgebench("baseline save " + kQuickResults + " --baseline " + baseline), 0);
  auto saved = ReadResultsJson(baseline);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto original = ReadResultsJson(kQuickResults);
  ASSERT_TRUE(original.ok());
  ASSERT_EQ((*saved)["results"].size(), (*original)["results"].size());
  for (size_t i = 0; i < (*saved)["results"].size(); ++i) {
    const auto& result = (*saved)["results"][i];
    EXPECT_EQ(result, (*original)["results"][i]);
  }
  if (testing::HaveJsonschema()) {
    const auto verdicts = testing::SchemaVerdicts({baseline}, dir_,
                                                  std::string(EDGEBENCH_SOURCE_DIR) + "/reports/schema/results.schema.json");
    EXPECT_EQ(verdicts.at(baseline), "ok");
  }
}

TEST_F(BaselineCommandTest, SaveRefusesBadFiles) {
  const std::string not_results = dir_ + "/not_results.json";
  testing::WriteFile(not_results, R"({"schema": "edgebench.suite/1"})");
  EXPECT_EQ(testing::RunEdgebench("baseline save " + not_results + " --baseline " + dir_ + "/b.json"), 2);
  auto doc = ReadResultsJson(kQuickResults);
  ASSERT_TRUE(doc.ok());
  for (auto& result : (*doc)["results"]) {
    if (result["status"] == "ok") {
      result["memory"].erase("weights_bytes");
      break;
    }
  }
  const std::string incomplete = dir_ + "/incomplete.json";
  testing::WriteFile(incomplete, doc->dump());
  EXPECT_EQ(testing::RunEdgebench("baseline save " + incomplete + " --baseline " + dir_ + "/b.json"), 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/b.json"));
}

TEST_F(BaselineCommandTest, CheckGatesAndAppendsHistory) {
  const std::string baseline = dir_ + "/baseline.json";
  const std::string history = dir_ + "/history.jsonl";
  ASSERT_EQ(testing::RunEdgebench("baseline save " + kQuickResults + " --baseline " + baseline), 0);

  const std::string json = dir_ + "/same.json";
  EXPECT_EQ(testing::RunEdgebench("baseline check " + kQuickResults + " --baseline " + baseline + " --history " +
                                  history + " --json " + json),
            0);
  auto report = nlohmann::json::parse(*ReadFileBytes(json));
  EXPECT_EQ(report["summary"]["regressed"], 0);
  // Configurations with fewer than 20 stored samples are noisy, the rest unchanged.
  EXPECT_EQ(report["summary"]["unchanged"].get<size_t>() + report["summary"]["noisy"].get<size_t>(),
            report["configs"].size());

  const std::string slower = WriteScaledCopy(1.10);
  EXPECT_EQ(testing::RunEdgebench("baseline check " + slower + " --baseline " + baseline + " --history " + history +
                                  " --metrics p50 --json " + json),
            1);
  report = nlohmann::json::parse(*ReadFileBytes(json));
  // The fixture's short run stored 2 to 298 samples per configuration: those
  // under --min-samples (20) are noisy, every other ok one regressed.
  EXPECT_GE(report["summary"]["regressed"], 1);
  for (const auto& config : report["configs"]) {
    if (config["base_status"] != "ok") {
      EXPECT_EQ(config["verdict"], "unchanged");
      continue;
    }
    const auto& p50 = config["metrics"][0];
    const bool enough = p50["samples"]["base"] >= 20 && p50["samples"]["new"] >= 20;
    EXPECT_EQ(config["verdict"], enough ? "regressed" : "noisy") << config.dump(1);
  }
  EXPECT_EQ(report["options"]["metrics"], nlohmann::json::array({"p50"}));

  // Bad compare options are bad input, and append nothing.
  EXPECT_EQ(testing::RunEdgebench("baseline check " + slower + " --baseline " + baseline + " --history " + history +
                                  " --threshold 10"),
            2);
  auto lines = ReadHistory(history);
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0]["source"], kQuickResults);
  EXPECT_EQ((*lines)[1]["source"], slower);
}

TEST_F(BaselineCommandTest, HistoryAppendAddsOneLinePerRun) {
  const std::string history = dir_ + "/history.jsonl";
  const std::string slower = WriteScaledCopy(1.5);
  ASSERT_EQ(testing::RunEdgebench("history append " + kQuickResults + " " + slower + " --history " + history), 0);
  auto lines = ReadHistory(history);
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[1]["source"], slower);
  // One bad file appends nothing.
  EXPECT_EQ(testing::RunEdgebench("history append " + kQuickResults + " " + dir_ + "/absent.json --history " + history),
            2);
  EXPECT_EQ(ReadHistory(history)->size(), 2u);
}

}  // namespace
}  // namespace edgebench
