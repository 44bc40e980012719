// PrepareModel at each opt level (runtime/passes/graph_optimizer.h): what
// runs, what the result's "graph" and "precision" objects say, and a sweep
// over opt_levels none, basic and all recording the graph report.
#include "harness/sweep/precision_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "harness/zoo/zoo.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

class PrecisionModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::MakeTempDir("eb_opt_level_"));
    auto built = zoo::BuildZoo(*dir_, {"ds_cnn_kws", "mlp_autoencoder"});
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    path_ = new std::string(built->at(0));
    mlp_path_ = new std::string(built->at(1));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete path_;
    delete mlp_path_;
  }

  static RunConfig Config(const std::string& precision, const std::string& opt_level) {
    RunConfig c;
    c.model = "ds_cnn_kws";
    c.model_path = *path_;
    c.precision = precision;
    c.opt_level = opt_level;
    return c;
  }

  static std::string* dir_;
  static std::string* path_;
  static std::string* mlp_path_;  // no Conv: int8 quantizes it dynamically
};

std::string* PrecisionModelTest::dir_ = nullptr;
std::string* PrecisionModelTest::path_ = nullptr;
std::string* PrecisionModelTest::mlp_path_ = nullptr;

TEST_F(PrecisionModelTest, Fp32AtNoneRunsTheModelAsLoaded) {
  auto prepared = PrepareModel(Config("fp32", "none"), PrecisionRules{}, 1);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(prepared->model, prepared->reference);
  const nlohmann::json& g = prepared->graph;
  EXPECT_EQ(g["opt_level"], "none");
  EXPECT_TRUE(g["passes"].empty());
  EXPECT_EQ(g["nodes_before"], g["nodes_after"]);
  EXPECT_NE(g["session_constant_folding"].get<std::string>().find("shapes"), std::string::npos);
}

TEST_F(PrecisionModelTest, Fp32AtAllRunsFewerNodesThanBasicThanNone) {
  int previous = 1 << 30;
  for (const char* level : {"none", "basic", "all"}) {
    SCOPED_TRACE(level);
    auto prepared = PrepareModel(Config("fp32", level), PrecisionRules{}, 1);
    ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
    const int nodes = static_cast<int>(prepared->model->graph.nodes.size());
    EXPECT_EQ(prepared->graph["nodes_after"].get<int>(), nodes);
    EXPECT_LT(nodes, previous);
    previous = nodes;
    if (std::string(level) != "none") EXPECT_NE(prepared->model, prepared->reference);
  }
}

TEST_F(PrecisionModelTest, Int8BelowAllRunsTheQdqGraphUnfused) {
  auto none = PrepareModel(Config("int8", "none"), PrecisionRules{}, 1);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->precision.contains("fusion"));
  EXPECT_NE(none->precision["compute"].get<std::string>().find("simulated quantization"), std::string::npos);

  auto all = PrepareModel(Config("int8", "all"), PrecisionRules{}, 1);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_TRUE(all->precision.contains("fusion"));
  EXPECT_GT(all->precision["fusion"]["integer_nodes"].get<int>(), 0);
  bool listed = false;
  for (const auto& p : all->graph["passes"]) listed = listed || p["name"] == "qdq_fusion";
  EXPECT_TRUE(listed);
}

TEST_F(PrecisionModelTest, DynamicInt8AtNoneStillRunsItsIntegerOps) {
  RunConfig c = Config("int8", "none");
  c.model_path = *mlp_path_;
  auto prepared = PrepareModel(c, PrecisionRules{}, 1);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(prepared->precision["mode"], "dynamic");
  const std::string compute = prepared->precision["compute"];
  EXPECT_NE(compute.find("MatMulInteger"), std::string::npos) << compute;
  EXPECT_EQ(compute.find("simulated"), std::string::npos) << compute;
}

TEST_F(PrecisionModelTest, RefusesAnUnknownOptLevel) {
  auto prepared = PrepareModel(Config("fp32", "extended"), PrecisionRules{}, 1);
  ASSERT_FALSE(prepared.ok());
  EXPECT_NE(prepared.status().message().find("'extended'"), std::string::npos);
}

TEST_F(PrecisionModelTest, ASweepOverTheThreeLevelsRecordsTheGraphReport) {
  const std::string out = *dir_ + "/run";
  const std::string suite_path = *dir_ + "/opt_levels.json";
  const nlohmann::json suite = {
      {"schema", "edgebench.suite/1"},
      {"name", "opt_levels"},
      {"models", {*path_}},
      {"axes",
       {{"precisions", {"fp32"}},
        {"backends", {"ref"}},
        {"threads", {1}},
        {"batch", {1}},
        {"opt_levels", {"none", "basic", "all"}},
        {"scenarios", {"single_stream"}}}},
      {"run",
       {{"warmup_iterations", 2},
        {"warmup_min_time_ms", 10},
        {"min_iterations", 5},
        {"min_time_ms", 20},
        {"max_time_ms", 200},
        {"repetitions", 1},
        {"timeout_s", 120},
        {"interleave", false},
        {"seed", 42}}}};
  testing::WriteFile(suite_path, suite.dump(2));
  ASSERT_EQ(testing::RunEdgebench("run " + suite_path + " --out " + out + " --quiet --no-report"), 0);
  std::ifstream in(out + "/results.json");
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["results"].size(), 3u);
  std::map<std::string, int> nodes_after;
  for (const auto& r : doc["results"]) {
    const std::string level = r["config"]["opt_level"];
    ASSERT_EQ(r["status"], "ok") << level << ": " << r["error"];
    ASSERT_TRUE(r.contains("graph")) << level;
    EXPECT_EQ(r["graph"]["opt_level"], level);
    nodes_after[level] = r["graph"]["nodes_after"].get<int>();
    for (const auto& p : r["graph"]["passes"]) {
      EXPECT_TRUE(p.contains("name") && p.contains("rewrites")) << p.dump();
    }
  }
  EXPECT_LT(nodes_after["basic"], nodes_after["none"]);
  EXPECT_LT(nodes_after["all"], nodes_after["basic"]);
}

}  // namespace
}  // namespace edgebench
