// Accuracy in every result: a configuration other than FP32 ref at opt level
// none is compared with an FP32 ref session of the model as loaded, so a fast
// backend's kernels and the graph passes are checked in every result; a model
// file that is already quantized reports top-1 accuracy against labels.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/zoo_files.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

const std::string kSource = EDGEBENCH_SOURCE_DIR;

// results.json against reports/schema/results.schema.json (python3-jsonschema).
void ExpectValidResults(const std::string& path) {
  if (!testing::HaveJsonschema()) return;
  const std::string schema = kSource + "/reports/schema/results.schema.json";
  const std::string cmd = "/usr/bin/python3 -c 'import json,sys,jsonschema; "
                          "jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))"
                          ".validate(json.load(open(sys.argv[2])))' " +
                          schema + " " + path;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << path << " does not validate against " << schema;
}

// Runs a one-model suite with short run rules; returns results.json.
nlohmann::json RunSuite(const std::string& dir, const std::string& model, const nlohmann::json& axes,
                        const nlohmann::json& overrides = nlohmann::json::object()) {
  const nlohmann::json suite = {{"schema", "edgebench.suite/1"},
                                {"name", "accuracy"},
                                {"models", {model}},
                                {"axes", axes},
                                {"overrides", overrides},
                                {"run", {{"warmup_iterations", 1}, {"min_iterations", 3}, {"min_time_ms", 5},
                                         {"max_time_ms", 50}, {"repetitions", 1}}}};
  std::ofstream(dir + "/suite.json") << suite.dump();
  EXPECT_EQ(RunEdgebench("run " + dir + "/suite.json --out " + dir + "/run --quiet --no-report"), 0);
  ExpectValidResults(dir + "/run/results.json");
  std::ifstream in(dir + "/run/results.json");
  return nlohmann::json::parse(in, nullptr, false);
}

const nlohmann::json* FindResult(const nlohmann::json& doc, const std::string& backend, const std::string& opt) {
  for (const auto& r : doc["results"]) {
    if (r["config"]["backend"] == backend && r["config"]["opt_level"] == opt) return &r;
  }
  return nullptr;
}

TEST(AccuracyMeasureTest, Fp32FastBackendsAndPassesCarryDeltasAgainstUnoptimizedRef) {
  const std::string dir = testing::MakeTempDir("eb_accuracy_");
  const nlohmann::json doc = RunSuite(dir, testing::ZooModelFile("ds_cnn_kws"),
                                      {{"precisions", {"fp32"}}, {"backends", {"ref", "native"}},
                                       {"opt_levels", {"none", "all"}}});
  ASSERT_FALSE(doc.is_discarded());
  const nlohmann::json* reference = FindResult(doc, "ref", "none");
  ASSERT_TRUE(reference);
  ASSERT_EQ((*reference)["status"], "ok") << (*reference)["error"];
  // Synthetic inputs have no labels: the reference itself has nothing to report.
  EXPECT_FALSE((*reference)["accuracy"]["available"].get<bool>());
  for (const auto& [backend, opt] : {std::pair{"native", "none"}, {"native", "all"}, {"ref", "all"}}) {
    const nlohmann::json* r = FindResult(doc, backend, opt);
    ASSERT_TRUE(r) << backend << " " << opt;
    ASSERT_EQ((*r)["status"], "ok") << (*r)["error"];
    const nlohmann::json& a = (*r)["accuracy"];
    ASSERT_TRUE(a["available"].get<bool>()) << a.dump();
    EXPECT_EQ(a["reference"], "fp32 ref");
    EXPECT_LT(a["rel_l2"].get<double>(), 1e-5) << backend << " " << opt;
    EXPECT_GT(a["cosine"].get<double>(), 1 - 1e-6);
    EXPECT_TRUE(a.contains("max_abs_err"));
    EXPECT_EQ((*r)["kernels"]["backend"], backend);
  }
  EXPECT_EQ((*reference)["kernels"]["variant"], "ref");
  EXPECT_EQ((*reference)["kernels"]["fallback_nodes"], 0);
  fs::remove_all(dir);
}

TEST(AccuracyMeasureTest, PrequantizedModelReportsTop1AccuracyOnLabels) {
  const std::string dir = testing::MakeTempDir("eb_accuracy_");
  const std::string digits = kSource + "/suites/data/digits";
  const nlohmann::json doc =
      RunSuite(dir, digits + "/digits_cnn_torch_int8.onnx",
               {{"precisions", {"int8"}}, {"backends", {"ref"}}, {"opt_levels", {"all"}}},
               {{"digits_cnn_torch_int8", {{"dataset", digits + "/test"}}}});
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["results"].size(), 1u);
  const nlohmann::json& r = doc["results"][0];
  ASSERT_EQ(r["status"], "ok") << r["error"];
  const nlohmann::json& a = r["accuracy"];
  ASSERT_TRUE(a["available"].get<bool>()) << a.dump();
  EXPECT_EQ(a["reference"], "self");
  EXPECT_EQ(a["inputs"]["samples"], 360);
  EXPECT_GE(a["top1_accuracy"].get<double>(), 0.95);
  EXPECT_NE(a["deltas_reason"].get<std::string>().find("already quantized"), std::string::npos);
  EXPECT_FALSE(a.contains("rel_l2"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
