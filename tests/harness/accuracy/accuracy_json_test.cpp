#include "harness/accuracy/accuracy_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "tests/support/subprocess.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::MakeTensor;

Tensor F32(const Shape& shape, const std::vector<double>& values) {
  return MakeTensor(DType::kFloat32, shape, values);
}

// What ReadDataset would give for two batches of 2 labeled samples, one left over.
Dataset TwoBatches(bool labeled) {
  Dataset d;
  d.batches.resize(2);
  d.source = "dataset:/data/digits";
  d.samples = 4;
  d.dropped_samples = 1;
  if (labeled) d.labels = {0, 1, 1, 0};
  return d;
}

// Two batches of a 2-class "probs" output and a plain "features" output, the
// candidate off by 0.5 in one element of each batch's features.
OutputAgreement TwoOutputs(const Dataset& d) {
  OutputAgreement agreement;
  const Tensor probs = F32({2, 2}, {0.9, 0.1, 0.2, 0.8});
  for (size_t b = 0; b < 2; ++b) {
    const Status s = agreement.Add({"probs", "features"}, {probs, F32({2}, {3, 4})},
                                   {probs, F32({2}, {3.5, 4})}, BatchLabels(d, b));
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return agreement;
}

// Whether `block` validates as a result's accuracy against
// reports/schema/results.schema.json (Debian's python3-jsonschema).
bool AccuracyValidates(const json& block) {
  const std::string dir = testing::MakeTempDir("eb_accuracy_json_");
  std::ofstream(dir + "/block.json") << block.dump();
  const std::string schema = std::string(EDGEBENCH_SOURCE_DIR) + "/reports/schema/results.schema.json";
  const std::string cmd =
      "/usr/bin/python3 -c 'import json,sys,jsonschema; s=json.load(open(sys.argv[1]));"
      " jsonschema.Draft202012Validator({\"$defs\": s[\"$defs\"], \"$ref\": \"#/$defs/accuracy\"})"
      ".validate(json.load(open(sys.argv[2])))' " +
      schema + " " + dir + "/block.json >/dev/null 2>&1";
  const bool valid = std::system(cmd.c_str()) == 0;
  fs::remove_all(dir);
  return valid;
}

void ExpectValidAccuracy(const json& block) {
  if (!testing::HaveJsonschema()) GTEST_SKIP() << "python3-jsonschema missing (scripts/install-deps.sh installs it)";
  EXPECT_TRUE(AccuracyValidates(block)) << block.dump(2);
}

TEST(AccuracyJsonTest, TheTopLevelHoldsThePrimaryOutputsFiguresUnderTheNamesTheReportsRead) {
  const Dataset d = TwoBatches(true);
  const json j = AccuracyJson(TwoOutputs(d), d);
  EXPECT_EQ(j["available"], true);
  EXPECT_EQ(j["reference"], "fp32 ref");
  EXPECT_EQ(j["primary_output"], "probs");
  EXPECT_EQ(j["inputs"], (json{{"source", "dataset:/data/digits"},
                               {"samples", 4},
                               {"batches", 2},
                               {"dropped_samples", 1},
                               {"labeled", true}}));
  for (const char* field : {"max_abs_err", "mean_abs_err", "rel_l2"}) EXPECT_EQ(j[field], 0.0) << field;
  EXPECT_EQ(j["cosine"], 1.0);
  EXPECT_EQ(j["top1_agreement"], 1.0);
  EXPECT_EQ(j["top1_accuracy"], 0.5);  // top-1s 0, 1 against labels 0, 1 then 1, 0
  EXPECT_EQ(j["reference_top1_accuracy"], 0.5);
  EXPECT_EQ(j["classes"], 2);
  EXPECT_EQ(j["top5_agreement_reason"], "2 classes: every class is in the top 5");
  EXPECT_FALSE(j.contains("top5_agreement"));

  ASSERT_EQ(j["outputs"].size(), 2u);
  EXPECT_EQ(j["outputs"][0]["name"], "probs");
  const json& features = j["outputs"][1];
  EXPECT_EQ(features["name"], "features");
  EXPECT_EQ(features["elements"], 4);
  EXPECT_EQ(features["non_finite"], 0);
  EXPECT_EQ(features["max_abs_err"], 0.5);
  EXPECT_EQ(features["mean_abs_err"], 0.25);
  EXPECT_DOUBLE_EQ(features["rel_l2"].get<double>(), std::sqrt(0.5) / std::sqrt(50.0));
  EXPECT_FALSE(features.contains("top1_agreement"));  // not classifier-shaped
  EXPECT_FALSE(features.contains("classes"));
  ExpectValidAccuracy(j);
}

TEST(AccuracyJsonTest, UndefinedFiguresAreAbsentWithTheirReasonAndNoNaNReachesTheJson) {
  const Dataset d = TwoBatches(false);
  OutputAgreement agreement;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int b = 0; b < 2; ++b) {
    ASSERT_TRUE(agreement.Add({"y"}, {F32({2}, {0, 1})}, {F32({2}, {nan, nan})}, {}).ok());
  }
  const json j = AccuracyJson(agreement, d);
  EXPECT_EQ(j["non_finite"], 4);
  EXPECT_EQ(j["elements"], 0);
  for (const char* field : {"max_abs_err", "mean_abs_err", "rel_l2", "cosine"}) {
    EXPECT_FALSE(j.contains(field)) << field;
    EXPECT_EQ(j[std::string(field) + "_reason"], "no element is finite in both outputs");
  }
  EXPECT_EQ(j["inputs"]["labeled"], false);
  EXPECT_EQ(j.dump().find("null"), std::string::npos) << j.dump();  // nlohmann writes NaN as null
  ExpectValidAccuracy(j);
}

TEST(AccuracyJsonTest, TheReferenceConfigurationReportsOnlyItsTopOneAccuracy) {
  const Dataset d = TwoBatches(true);
  const json j = ReferenceAccuracyJson(TwoOutputs(d), d);
  EXPECT_EQ(j, (json{{"available", true},
                     {"reference", "self"},
                     {"primary_output", "probs"},
                     {"inputs", AccuracyJson(TwoOutputs(d), d)["inputs"]},
                     {"top1_accuracy", 0.5}}));
  ExpectValidAccuracy(j);

  const Dataset unlabeled = TwoBatches(false);
  const json none = ReferenceAccuracyJson(TwoOutputs(unlabeled), unlabeled);
  EXPECT_EQ(none, UnavailableAccuracyJson("this configuration is the reference, so there is no delta; the dataset "
                                          "(dataset:/data/digits) has no labels, so there is no top-1 accuracy"));
  ExpectValidAccuracy(none);
}

TEST(AccuracyJsonTest, NothingComparedIsUnavailable) {
  const json j = AccuracyJson(OutputAgreement{}, TwoBatches(false));
  EXPECT_EQ(j, (json{{"available", false}, {"reason", "no batch was compared"}}));
  ExpectValidAccuracy(j);
}

TEST(AccuracyJsonTest, TheSchemaRefusesAReferenceBlockWithDeltas) {
  const Dataset d = TwoBatches(true);
  json j = ReferenceAccuracyJson(TwoOutputs(d), d);
  j["rel_l2"] = 0.0;
  if (!testing::HaveJsonschema()) GTEST_SKIP() << "python3-jsonschema missing (scripts/install-deps.sh installs it)";
  EXPECT_FALSE(AccuracyValidates(j));
}

}  // namespace
}  // namespace edgebench
