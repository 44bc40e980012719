// The history JSONL: a line per run, summaries without invented fields, and
// bad lines named by number.
#include "reports/history/history_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

nlohmann::json Doc(double p50) {
  return {{"schema", "edgebench.results/1"},
          {"run", {{"id", "r1"}, {"suite", "ci"}, {"seed", 42}}},
          {"host", {{"cpu_model", "EPYC"}, {"cores", 2}}},
          {"device", {{"id", "host"}, {"mode", "measured"}}},
          {"results",
           {{{"config_key", "m|fp32"},
             {"config", {{"model", "m"}}},
             {"status", "ok"},
             {"latency_ms", {{"p50", p50}, {"samples", {1.0, 2.0}}, {"count", 2}}},
             {"memory", {{"weights_bytes", 10}}}},
            {{"config_key", "m|int8"}, {"config", {{"model", "m"}}}, {"status", "unsupported"}}}}};
}

TEST(HistoryFileTest, AppendsOneLinePerRunAndReadsThemBackInOrder) {
  const std::string dir = testing::MakeTempDir("eb_history_");
  const std::string path = dir + "/history.jsonl";
  ASSERT_TRUE(AppendHistory(path, HistoryEntry(Doc(1.5), "a.json")).ok());
  ASSERT_TRUE(AppendHistory(path, HistoryEntry(Doc(2.5), "b.json")).ok());
  auto entries = ReadHistory(path);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0]["source"], "a.json");
  EXPECT_EQ((*entries)[1]["results"][0]["latency_ms"]["p50"], 2.5);
  // Summaries drop the raw samples and keep only what the results file has.
  EXPECT_FALSE((*entries)[0]["results"][0]["latency_ms"].contains("samples"));
  EXPECT_FALSE((*entries)[0]["results"][1].contains("latency_ms"));
  EXPECT_FALSE((*entries)[0]["run"].contains("seed"));
  EXPECT_EQ((*entries)[0]["host"], nlohmann::json({{"cpu_model", "EPYC"}}));
  fs::remove_all(dir);
}

TEST(HistoryFileTest, BadLinesAreNamedByNumber) {
  const std::string dir = testing::MakeTempDir("eb_history_");
  const std::string path = dir + "/history.jsonl";
  ASSERT_TRUE(AppendHistory(path, HistoryEntry(Doc(1.5), "a.json")).ok());
  std::ofstream(path, std::ios::app) << "\n{\"schema\": 3}\n";
  auto entries = ReadHistory(path);
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("line 3"), std::string::npos) << entries.status().ToString();
  std::ofstream(path) << "not json\n";
  entries = ReadHistory(path);
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("line 1 is not valid JSON"), std::string::npos);
  EXPECT_FALSE(ReadHistory(dir + "/absent.jsonl").ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
