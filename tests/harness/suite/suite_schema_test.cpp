// suites/schema/suite.schema.json and the C++ loader describe one format:
// every shipped suite passes both; Debian's python3-jsonschema rejects the bad
// files the loader rejects (but for the rules JSON Schema cannot express);
// the schema's defaults, enums and bounds are the loader's.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "harness/suite/suite.h"
#include "harness/zoo/zoo.h"
#include "runtime/core/file_io.h"
#include "tests/harness/suite/bad_suites.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;


std::string SourceDir() { return EDGEBENCH_SOURCE_DIR; }

json Schema() {
  Expected<std::string> text = ReadFileBytes(SourceDir() + "/suites/schema/suite.schema.json");
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? json::parse(*text) : json::object();
}

class SuiteSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::HaveJsonschema()) GTEST_SKIP() << "python3-jsonschema is not installed (scripts/install-deps.sh)";
    dir_ = testing::MakeTempDir("eb_suite_schema_");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name + ".json";
    testing::WriteFile(path, text);
    return path;
  }
  std::string dir_;
};

TEST_F(SuiteSchemaTest, EveryShippedSuiteValidatesAndLoads) {
  std::vector<std::string> files;
  for (const auto& file : fs::directory_iterator(SourceDir() + "/suites")) {
    if (file.path().extension() == ".json") files.push_back(file.path().string());
  }
  ASSERT_GE(files.size(), 5u);
  // What a sweep records (ToJson: every default filled in) follows the schema too.
  std::vector<std::string> effective;
  for (const std::string& file : files) {
    Expected<Suite> suite = LoadSuite(file);
    ASSERT_TRUE(suite.ok()) << suite.status().ToString();
    effective.push_back(Write("effective_" + suite->name, ToJson(*suite).dump(2)));
  }
  const std::vector<std::string> all = [&] {
    std::vector<std::string> both = files;
    both.insert(both.end(), effective.begin(), effective.end());
    return both;
  }();
  for (const auto& [file, verdict] : testing::SchemaVerdicts(all, dir_)) EXPECT_EQ(verdict, "ok") << file;
}

TEST_F(SuiteSchemaTest, RejectsTheBadFilesTheLoaderRejects) {
  std::vector<std::string> files;
  std::map<std::string, testing::BadSuite> cases;
  for (const testing::BadSuite& bad : testing::BadSuites()) {
    files.push_back(Write(bad.name, bad.text));
    cases[files.back()] = bad;
  }
  for (const auto& [file, verdict] : testing::SchemaVerdicts(files, dir_)) {
    const testing::BadSuite& bad = cases.at(file);
    EXPECT_FALSE(LoadSuite(file).ok()) << bad.name;
    if (bad.schema_rejects) {
      EXPECT_EQ(verdict.rfind("invalid: ", 0), 0u) << bad.name << " passes the schema";
    } else {
      EXPECT_EQ(verdict, "ok") << bad.name << ": a rule only the loader checks, yet the schema says " << verdict;
    }
  }
}

TEST_F(SuiteSchemaTest, AcceptsWhatTheLoaderAccepts) {
  const std::vector<std::string> files = {
      Write("full", R"({
        "schema": "edgebench.suite/1", "name": "all-fields.v1", "description": "d",
        "models": ["zoo:resnet18", "gru_kws", "../models/kws.onnx", "more/*.onnx"],
        "axes": {"precisions": ["int8", "fp32"], "backends": ["native", "ref"],
                 "threads": [1, "2-3", "4..8", "2-max", "1..max", "max", "16"],
                 "batch": [1, 4096], "opt_levels": ["none", "basic", "all"],
                 "scenarios": ["single_stream", "offline", "duty_cycle"]},
        "run": {"warmup_iterations": 0, "warmup_min_time_ms": 0, "min_iterations": 1, "min_time_ms": 0,
                "max_time_ms": 0.5, "repetitions": 7, "timeout_s": 0.5, "duty_cycle_period_ms": 20,
                "interleave": true, "seed": 18446744073709551615},
        "overrides": {"resnet18": {"input_shapes": {"input": [1, 3, 160, 160], "scalar": []}, "dataset": "d"},
                      "kws": {"dataset": "/data/kws"}}})"),
      Write("minimal", R"({"schema": "edgebench.suite/1", "name": "m", "models": ["resnet18"]})"),
  };
  for (const std::string& file : files) {
    Expected<Suite> suite = LoadSuite(file);
    EXPECT_TRUE(suite.ok()) << suite.status().ToString();
  }
  for (const auto& [file, verdict] : testing::SchemaVerdicts(files, dir_)) EXPECT_EQ(verdict, "ok") << file;
}

// The numeric bounds of the run rules: each schema minimum and maximum is
// where the loader starts and stops accepting too.
TEST_F(SuiteSchemaTest, RunRuleBoundsAreTheLoaders) {
  const json schema = Schema();
  const json& run = schema["properties"]["run"]["properties"];
  std::vector<std::string> files;
  std::map<std::string, bool> valid;  // file -> the schema's bounds say valid
  for (const auto& [key, property] : run.items()) {
    if (property["type"] != "integer" && property["type"] != "number") continue;
    const double step = property["type"] == "integer" ? 1 : 0.5;
    std::vector<std::pair<double, bool>> probes;
    if (property.contains("minimum")) {
      probes.push_back({property["minimum"].get<double>(), true});
      probes.push_back({property["minimum"].get<double>() - step, false});
    }
    if (property.contains("exclusiveMinimum")) {
      probes.push_back({property["exclusiveMinimum"].get<double>(), false});
      probes.push_back({property["exclusiveMinimum"].get<double>() + step, true});
    }
    if (property.contains("maximum") && key != "seed") {  // seed's maximum is UINT64_MAX, probed elsewhere
      probes.push_back({property["maximum"].get<double>(), true});
      probes.push_back({property["maximum"].get<double>() + step, false});
    }
    ASSERT_FALSE(probes.empty()) << key << " has no bounds in the schema";
    for (size_t i = 0; i < probes.size(); ++i) {
      // Room for each value under the cross-field rules (min_time_ms <=
      // max_time_ms; timeout_s covers warm-up and every repetition).
      json rules = {{"timeout_s", 86400}, {"min_time_ms", 0}, {"max_time_ms", 60000}};
      if (key == "min_time_ms") rules["max_time_ms"] = 3600000;
      if (key == "timeout_s") rules["max_time_ms"] = 0.5;
      rules[key] = property["type"] == "integer" ? json(static_cast<int64_t>(probes[i].first)) : json(probes[i].first);
      json suite = {{"schema", kSuiteSchema}, {"name", "b"}, {"models", {"resnet18"}}, {"run", rules}};
      files.push_back(Write("bound_" + key + "_" + std::to_string(i), suite.dump()));
      valid[files.back()] = probes[i].second;
    }
  }
  for (const auto& [file, verdict] : testing::SchemaVerdicts(files, dir_)) {
    const Expected<Suite> suite = LoadSuite(file);
    EXPECT_EQ(verdict == "ok", valid.at(file)) << file << ": " << verdict;
    EXPECT_EQ(suite.ok(), valid.at(file)) << file << ": " << suite.status().ToString();
  }
}

TEST(SuiteSchemaFileTest, DefaultsAreTheLoaders) {
  const json schema = Schema();
  Expected<Suite> minimal = ParseSuite(json::parse(R"({"schema": "edgebench.suite/1", "name": "m",
                                                       "models": ["resnet18"]})"),
                                       "m.json");
  ASSERT_TRUE(minimal.ok());
  const json effective = ToJson(*minimal);
  // Every field the loader fills in is in the schema, with the loader's
  // default; an object's default is checked field by field.
  const auto expect_defaults = [](const json& properties, const json& filled, const std::string& group,
                                  const auto& recurse) -> void {
    size_t optional_objects = 0;  // in the schema without a default (run.profile.cooldown)
    for (const auto& [key, property] : properties.items()) {
      if (!property.contains("default")) ++optional_objects;
    }
    EXPECT_EQ(properties.size(), filled.size() + optional_objects) << group;
    for (const auto& [key, value] : filled.items()) {
      ASSERT_TRUE(properties.contains(key)) << group << "." << key << " is not in the schema";
      if (value.is_object()) {
        recurse(properties[key]["properties"], value, group + "." + key, recurse);
      } else {
        EXPECT_EQ(properties[key]["default"], value) << group << "." << key;
      }
    }
  };
  for (const char* group : {"axes", "run"}) {
    expect_defaults(schema["properties"][group]["properties"], effective[group], group, expect_defaults);
  }
  EXPECT_EQ(schema["properties"]["description"]["default"], effective["description"]);
  EXPECT_EQ(schema["properties"]["schema"]["const"], kSuiteSchema);
}

TEST(SuiteSchemaFileTest, EnumsAreTheLoaders) {
  const json schema = Schema();
  const json& axes = schema["properties"]["axes"]["properties"];
  EXPECT_EQ(axes["precisions"]["items"]["enum"], json(SuitePrecisions()));
  EXPECT_EQ(axes["opt_levels"]["items"]["enum"], json(SuiteOptLevels()));
  EXPECT_EQ(axes["scenarios"]["items"]["enum"], json(SuiteScenarios()));
  json zoo_names = json::array();
  for (const zoo::ZooModel& model : zoo::Models()) {
    zoo_names.push_back(model.name);
    zoo_names.push_back(std::string("zoo:") + model.name);
  }
  EXPECT_EQ(schema["$defs"]["zooModel"]["enum"], zoo_names) << "the zoo changed: update the schema's zooModel";
}

}  // namespace
}  // namespace edgebench
