// The shared results reader refuses what is not a results file, naming the
// file and the field.
#include "reports/results/results_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

std::string Refusal(const std::string& text) {
  const std::string dir = testing::MakeTempDir("eb_reader_");
  const std::string path = dir + "/r.json";
  std::ofstream(path) << text;
  auto doc = ReadResultsJson(path);
  std::filesystem::remove_all(dir);
  return doc.ok() ? "" : doc.status().message();
}

TEST(ResultsReaderTest, AcceptsAResultsEnvelope) {
  EXPECT_EQ(Refusal(R"({"schema": "edgebench.results/1", "results": []})"), "");
  EXPECT_EQ(Refusal(R"({"schema": "edgebench.results/1", "results": [
      {"config_key": "k", "config": {}, "status": "ok"}]})"),
            "");
}

TEST(ResultsReaderTest, RefusesWhatIsNotOne) {
  EXPECT_NE(Refusal("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(Refusal(R"({"schema": 1, "results": []})").find("not an edgebench results file"), std::string::npos);
  EXPECT_NE(Refusal(R"({"schema": "edgebench.results/1"})").find("'results' must be an array"), std::string::npos);
  EXPECT_NE(Refusal(R"({"schema": "edgebench.results/1", "results": [{"config": {}, "status": "ok"}]})")
                .find("results[0]: field 'config_key'"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"schema": "edgebench.results/1", "results": [{"config_key": "k", "status": "ok"}]})")
                .find("field 'config' must be an object"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"schema": "edgebench.results/1", "results": [{"config_key": "k", "config": {}}]})")
                .find("field 'status' must be a string"),
            std::string::npos);
}

}  // namespace
}  // namespace edgebench
