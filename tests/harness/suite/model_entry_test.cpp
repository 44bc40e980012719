// A suite's models: zoo names, paths and globs resolve to files at plan time,
// relative to the suite's folder; what names nothing is an error.
#include "harness/suite/model_entry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/suite/suite.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(SuiteModelEntryTest, Classifies) {
  const auto parse = [](const std::string& text) {
    Expected<ModelEntry> entry = ParseModelEntry(text, "/s", "models[0]");
    EXPECT_TRUE(entry.ok()) << text << ": " << entry.status().ToString();
    return entry.ok() ? *entry : ModelEntry{};
  };
  EXPECT_EQ(parse("zoo:resnet18").kind, ModelEntryKind::kZoo);
  EXPECT_EQ(parse("zoo:resnet18").value, "resnet18");
  EXPECT_EQ(parse("resnet18").kind, ModelEntryKind::kZoo);
  EXPECT_EQ(parse("resnet18").value, "resnet18");
  EXPECT_EQ(parse("m.onnx").kind, ModelEntryKind::kPath);
  EXPECT_EQ(parse("m.onnx").value, "/s/m.onnx");
  EXPECT_EQ(parse("../models/./m.onnx").value, "/models/m.onnx");
  EXPECT_EQ(parse("/abs/m.onnx").value, "/abs/m.onnx");
  EXPECT_EQ(parse("resnet18.onnx").kind, ModelEntryKind::kPath) << "a file, not the zoo model";
  for (const char* glob : {"*.onnx", "m?.onnx", "m[0-9].onnx", "d/*/m.onnx"}) {
    EXPECT_EQ(parse(glob).kind, ModelEntryKind::kGlob) << glob;
  }
  EXPECT_EQ(parse("d/*/m.onnx").value, "/s/d/*/m.onnx");
  EXPECT_EQ(parse("rel.onnx").text, "rel.onnx");
}

TEST(SuiteModelEntryTest, RejectsWhatNamesNoModel) {
  for (const char* bad : {"resnet81", "", "models/kws.pb", "models/", "zoo:", "ZOO:resnet18"}) {
    const Expected<ModelEntry> entry = ParseModelEntry(bad, "/s", "models[3]");
    ASSERT_FALSE(entry.ok()) << bad;
    EXPECT_THAT(entry.status().message(), HasSubstr(std::string("models[3]: '") + bad + "' is")) << bad;
  }
  EXPECT_THAT(ParseModelEntry("zoo:resnet", "/s", "m").status().message(),
              HasSubstr("'zoo:resnet' is not a zoo model (zoo models: mobilenet_v2, resnet18, "));
}

TEST(SuiteModelEntryTest, CanName) {
  const auto entry = [](const std::string& text) { return *ParseModelEntry(text, "/s", "m"); };
  EXPECT_TRUE(ModelEntryCanName(entry("zoo:resnet18"), "resnet18"));
  EXPECT_FALSE(ModelEntryCanName(entry("zoo:resnet18"), "resnet"));
  EXPECT_TRUE(ModelEntryCanName(entry("d/kws.v2.onnx"), "kws.v2"));
  EXPECT_TRUE(ModelEntryCanName(entry("d/*.onnx"), "anything"));
  EXPECT_TRUE(ModelEntryCanName(entry("d/kws_*.onnx"), "kws_ds"));
  EXPECT_FALSE(ModelEntryCanName(entry("d/kws_*.onnx"), "resnet"));
  EXPECT_TRUE(ModelEntryCanName(entry("*/model.onnx"), "model"));
}

class SuiteResolveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("eb_suite_models_");
    fs::create_directories(dir_ + "/models/sub");
    fs::create_directories(dir_ + "/models/not_a_model.onnx");  // a folder matching the glob
    fs::create_directories(dir_ + "/suites");
    fs::create_directories(dir_ + "/data/kws");
    for (const char* file : {"models/a.onnx", "models/b.onnx", "models/sub/c.onnx", "models/sub/a.onnx"}) {
      testing::WriteFile(dir_ + "/" + file, "not parsed here");
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A suite file in <dir>/suites with these models and overrides.
  Expected<Suite> Load(const nlohmann::json& models, const nlohmann::json& overrides = nlohmann::json::object()) {
    const nlohmann::json suite = {
        {"schema", kSuiteSchema}, {"name", "t"}, {"models", models}, {"overrides", overrides}};
    testing::WriteFile(dir_ + "/suites/t.json", suite.dump());
    return LoadSuite(dir_ + "/suites/t.json");
  }
  Expected<std::vector<ModelRef>> Resolve(const nlohmann::json& models,
                                          const nlohmann::json& overrides = nlohmann::json::object()) {
    Expected<Suite> suite = Load(models, overrides);
    if (!suite.ok()) return suite.status();
    return ResolveModels(*suite, dir_ + "/zoo");
  }

  std::string dir_;
};

TEST_F(SuiteResolveTest, ZooPathsAndGlobs) {
  Expected<std::vector<ModelRef>> refs =
      Resolve({"zoo:mlp_autoencoder", "../models/*.onnx", "../models/sub/c.onnx", "gru_kws"});
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  ASSERT_EQ(refs->size(), 5u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"mlp_autoencoder", dir_ + "/zoo/mlp_autoencoder.onnx"},
      {"a", dir_ + "/models/a.onnx"},
      {"b", dir_ + "/models/b.onnx"},
      {"c", dir_ + "/models/sub/c.onnx"},
      {"gru_kws", dir_ + "/zoo/gru_kws.onnx"},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*refs)[i].name, expected[i].first);
    EXPECT_EQ((*refs)[i].path, expected[i].second);
    EXPECT_EQ((*refs)[i].zoo, i == 0 || i == 4);
  }
  EXPECT_EQ((*refs)[1].entry, "../models/*.onnx");
}

TEST_F(SuiteResolveTest, AFileReachedTwiceIsListedOnce) {
  Expected<std::vector<ModelRef>> refs = Resolve({"../models/a.onnx", "../models/*.onnx", "resnet18", "zoo:resnet18"});
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  ASSERT_EQ(refs->size(), 3u);
  EXPECT_EQ((*refs)[0].name, "a");
  EXPECT_EQ((*refs)[0].entry, "../models/a.onnx");
  EXPECT_EQ((*refs)[1].name, "b");
  EXPECT_EQ((*refs)[2].name, "resnet18");
}

TEST_F(SuiteResolveTest, WhatNamesNothingIsAnError) {
  const std::string suite = dir_ + "/suites/t.json";
  EXPECT_EQ(
      Resolve({"resnet18", "../models/none_*.onnx"}).status().message(),
      suite + ": models[1]: '../models/none_*.onnx' matches no file (looked for " + dir_ + "/models/none_*.onnx)");
  EXPECT_EQ(
      Resolve({"../models/missing.onnx"}).status().message(),
      suite + ": models[0]: '../models/missing.onnx' is not a file (looked for " + dir_ + "/models/missing.onnx)");
  EXPECT_EQ(Resolve({"../models/not_a_model.onnx"}).status().message(),
            suite + ": models[0]: '../models/not_a_model.onnx' is not a file (looked for " + dir_ +
                "/models/not_a_model.onnx)");
}

TEST_F(SuiteResolveTest, TwoFilesWithOneNameAreAnError) {
  const Status status = Resolve({"../models/a.onnx", "../models/sub/*.onnx"}).status();
  EXPECT_THAT(status.message(),
              HasSubstr("models[1]: '../models/sub/*.onnx' gives a second model named 'a' (" + dir_ +
                        "/models/sub/a.onnx, and " + dir_ + "/models/a.onnx from '../models/a.onnx')"));
}

TEST_F(SuiteResolveTest, OverridesAttachByName) {
  const nlohmann::json overrides = {{"b", {{"input_shapes", {{"x", {1, 16}}}}}},
                                    {"gru_kws", {{"dataset", "../data/kws"}}}};
  Expected<std::vector<ModelRef>> refs = Resolve({"../models/[ab].onnx", "gru_kws"}, overrides);
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  ASSERT_EQ(refs->size(), 3u);
  EXPECT_TRUE((*refs)[0].overrides.input_shapes.empty());
  EXPECT_EQ((*refs)[1].overrides.input_shapes.at("x"), (std::vector<int64_t>{1, 16}));
  EXPECT_EQ((*refs)[2].overrides.dataset, dir_ + "/data/kws") << "relative to the suite's folder";
  // A key no entry could give is a typo, found when loading.
  EXPECT_THAT(Load({"../models/[ab].onnx"}, {{"c", {{"dataset", "d"}}}}).status().message(),
              HasSubstr("overrides.c: no entry of models gives a model named 'c'"));
}

}  // namespace
}  // namespace edgebench
