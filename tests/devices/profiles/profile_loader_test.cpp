// The shipped profiles load; bad profiles fail with errors that name the file
// and field; ToJson round-trips; and devices/schema/device.schema.json agrees
// with the loader on all of it (Debian's python3-jsonschema).
#include "devices/profiles/profile_loader.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "devices/profiles/profile_json.h"
#include "devices/profiles/profile_vocabulary.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ProfileDir() { return std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles"; }
std::string SchemaPath() { return std::string(EDGEBENCH_SOURCE_DIR) + "/devices/schema/device.schema.json"; }

json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

json Rpi4() { return ReadJson(ProfileDir() + "/rpi4.json"); }

// A mutation of rpi4.json and the words its error must contain.
struct BadProfile {
  std::string name;
  std::function<void(json&)> mutate;
  std::string expected;     // in the loader's message, after "<file>: "
  bool schema_rejects = true;  // false: a rule only the loader checks
};

std::vector<BadProfile> BadProfiles() {
  return {
      {"missing_name", [](json& p) { p.erase("name"); }, "the required field 'name' is missing"},
      {"missing_ram", [](json& p) { p.erase("ram_bytes"); }, "the required field 'ram_bytes' is missing"},
      {"bare_number", [](json& p) { p["typical_w"] = 3.0; }, "typical_w: the bare number 3.0 has no source"},
      {"no_source", [](json& p) { p["idle_w"].erase("source"); }, "idle_w: the required field 'source' is missing"},
      {"empty_source", [](json& p) { p["max_w"]["source"] = " "; }, "max_w.source: must not be empty"},
      {"string_value", [](json& p) { p["price_usd"]["value"] = "55"; }, "price_usd.value: must be a number"},
      {"wrong_type_cores", [](json& p) { p["cpu"]["cores"] = "4"; }, "cpu.cores: must be a whole number"},
      {"zero_cores", [](json& p) { p["cpu"]["cores"] = 0; }, "cpu.cores: must be a whole number from 1"},
      {"negative_ram", [](json& p) { p["ram_bytes"]["value"] = -1; }, "ram_bytes.value: -1 is out of range"},
      {"fractional_bytes", [](json& p) { p["ram_bytes"]["value"] = 1.5; }, "ram_bytes.value: must be a whole number"},
      {"zero_bandwidth", [](json& p) { p["memory_bandwidth_gbps"]["value"] = 0; },
       "memory_bandwidth_gbps.value: 0 is out of range: it must be > 0"},
      {"zero_peak", [](json& p) { p["units"][0]["peaks_gops"]["fp32"]["value"] = 0; },
       "units[0].peaks_gops.fp32.value: 0 is out of range"},
      {"frequency_in_hz", [](json& p) { p["cpu"]["max_freq_mhz"]["value"] = 1.5e9; },
       "cpu.max_freq_mhz.value: 1500000000 is out of range: it must be > 0 and <= 10000"},
      {"unknown_class", [](json& p) { p["class"] = "laptop"; }, "class: 'laptop' is not one of mcu, sbc"},
      {"unknown_precision", [](json& p) { p["units"][0]["peaks_gops"]["bf16"] = {{"value", 1}, {"source", "s"}}; },
       "units[0].peaks_gops.bf16: 'bf16' is not a precision; precisions are fp32, fp16, int8"},
      {"no_precision", [](json& p) { p["units"][0]["peaks_gops"] = json::object(); },
       "units[0].peaks_gops: lists no precision"},
      {"unknown_sensor", [](json& p) { p["sensors"].push_back("multimeter"); },
       "sensors[3]: 'multimeter' is not one of rapl"},
      {"unknown_kind", [](json& p) { p["units"][0]["kind"] = "fpga"; }, "units[0].kind: 'fpga' is not one of cpu"},
      {"accelerator_first",
       [](json& p) {
         json npu = {{"name", "npu"}, {"kind", "npu"}, {"peaks_gops", {{"int8", {{"value", 1}, {"source", "s"}}}}}};
         p["units"].insert(p["units"].begin(), npu);
       },
       "units[0].kind: the first unit must be the CPU"},
      {"no_units", [](json& p) { p["units"] = json::array(); }, "units: must be a non-empty list"},
      {"unknown_field", [](json& p) { p["colour"] = "green"; }, "colour: unknown field"},
      {"wrong_schema", [](json& p) { p["schema"] = "edgebench.device/2"; }, "schema: 'edgebench.device/2' is not"},
      {"bad_id", [](json& p) { p["id"] = "Rpi 4"; }, "id: 'Rpi 4' is not a device id"},
      {"idle_above_typical", [](json& p) { p["idle_w"]["value"] = 100; }, "idle_w: 100 W exceeds typical_w",
       /*schema_rejects=*/false},
      {"duplicate_unit_name",
       [](json& p) { p["units"].push_back(p["units"][0]); p["units"][1]["kind"] = "gpu"; },
       "units[1].name: 'cpu' is listed twice", /*schema_rejects=*/false},
  };
}

class ProfileFilesTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("eb_profiles_"); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& stem, const json& document) {
    const std::string path = dir_ + "/" + stem + ".json";
    testing::WriteFile(path, document.dump(2));
    return path;
  }
  std::string dir_;
};

TEST(DeviceProfilesTest, EveryShippedProfileLoads) {
  Expected<std::vector<DeviceProfile>> profiles = LoadDeviceProfiles(ProfileDir());
  ASSERT_TRUE(profiles.ok()) << profiles.status().message();
  std::vector<std::string> ids;
  for (const DeviceProfile& profile : *profiles) ids.push_back(profile.id);
  for (const char* id : {"rpi4", "rpi5", "jetson-orin-nano", "jetson-agx-orin", "coral-devboard", "imx8mp", "rk3588",
                         "stm32h7", "intel-i5-ipc", "hailo8-host"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const DeviceProfile& profile : *profiles) {
    EXPECT_EQ(profile.units.front().kind, "cpu") << profile.id;
    EXPECT_NE(BestPeak(profile, "int8"), nullptr) << profile.id;
  }
}

TEST(DeviceProfilesTest, TheMcuHasFlashAndTheCoralTpuOnlyInt8) {
  Expected<DeviceProfile> mcu = FindDeviceProfile(ProfileDir(), "stm32h7");
  ASSERT_TRUE(mcu.ok()) << mcu.status().message();
  ASSERT_TRUE(mcu->flash_bytes.has_value());
  EXPECT_EQ(mcu->flash_bytes->value, 2 * 1024 * 1024);
  EXPECT_EQ(mcu->ram_bytes.value, 1024 * 1024);
  Expected<DeviceProfile> coral = FindDeviceProfile(ProfileDir(), "coral-devboard");
  ASSERT_TRUE(coral.ok()) << coral.status().message();
  ASSERT_EQ(coral->units.size(), 2u);
  ASSERT_EQ(coral->units[1].peaks.size(), 1u);
  EXPECT_EQ(coral->units[1].peaks[0].precision, "int8");
  EXPECT_EQ(coral->units[1].peaks[0].gops.value, 4000);
}

TEST(DeviceProfilesTest, UnknownIdListsTheKnownOnes) {
  Expected<DeviceProfile> profile = FindDeviceProfile(ProfileDir(), "rpi9");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(profile.status().message().find("unknown device 'rpi9'; known: coral-devboard, hailo8-host"),
            std::string::npos)
      << profile.status().message();
}

TEST(DeviceProfilesTest, ToJsonRoundTrips) {
  Expected<std::vector<DeviceProfile>> profiles = LoadDeviceProfiles(ProfileDir());
  ASSERT_TRUE(profiles.ok()) << profiles.status().message();
  for (const DeviceProfile& profile : *profiles) {
    const json once = ToJson(profile);
    Expected<DeviceProfile> again = ParseDeviceProfile(once, profile.id);
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(ToJson(*again), once) << profile.id;
    // The file is what ToJson writes, key for key.
    EXPECT_EQ(once, ReadJson(ProfileDir() + "/" + profile.id + ".json")) << profile.id;
  }
}

TEST(DeviceProfilesTest, VocabularyIsTheSchemas) {
  const json schema = ReadJson(SchemaPath());
  EXPECT_EQ(schema["properties"]["class"]["enum"], json(DeviceClasses()));
  EXPECT_EQ(schema["properties"]["sensors"]["items"]["enum"], json(ProfileSensors()));
  EXPECT_EQ(schema["$defs"]["unit"]["properties"]["kind"]["enum"], json(ComputeUnitKinds()));
  std::vector<std::string> precisions;  // nlohmann keeps object keys sorted
  for (const auto& [name, unused] : schema["$defs"]["unit"]["properties"]["peaks_gops"]["properties"].items()) {
    precisions.push_back(name);
  }
  std::vector<std::string> loader = ProfilePrecisions();
  std::sort(loader.begin(), loader.end());
  EXPECT_EQ(precisions, loader);
  EXPECT_EQ(schema["properties"]["schema"]["const"], kDeviceProfileSchema);
}

TEST_F(ProfileFilesTest, BadProfilesGiveClearErrors) {
  for (const BadProfile& bad : BadProfiles()) {
    json profile = Rpi4();
    bad.mutate(profile);
    const std::string path = Write("rpi4", profile);
    Expected<DeviceProfile> loaded = LoadDeviceProfile(path);
    ASSERT_FALSE(loaded.ok()) << bad.name;
    EXPECT_EQ(loaded.status().message().rfind(path + ": ", 0), 0u) << bad.name << ": " << loaded.status().message();
    EXPECT_NE(loaded.status().message().find(bad.expected), std::string::npos)
        << bad.name << ": " << loaded.status().message();
  }
}

TEST_F(ProfileFilesTest, IdMustMatchTheFileName) {
  Expected<DeviceProfile> loaded = LoadDeviceProfile(Write("rpi-four", Rpi4()));
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("id: 'rpi4' does not match the file name"), std::string::npos)
      << loaded.status().message();
}

TEST_F(ProfileFilesTest, OneBadFileFailsTheFolderNamingIt) {
  Write("rpi4", Rpi4());
  json broken = Rpi4();
  broken["id"] = "rpi4b";
  broken["class"] = "toaster";
  Write("rpi4b", broken);
  Expected<std::vector<DeviceProfile>> all = LoadDeviceProfiles(dir_);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("rpi4b.json: class: 'toaster'"), std::string::npos) << all.status().message();
  testing::WriteFile(dir_ + "/rpi4b.json", "{\"id\": ");
  all = LoadDeviceProfiles(dir_);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("rpi4b.json: not valid JSON"), std::string::npos) << all.status().message();
  EXPECT_FALSE(LoadDeviceProfiles(dir_ + "/missing").ok());
}

TEST_F(ProfileFilesTest, SchemaAcceptsTheShippedProfilesAndRejectsTheBadOnes) {
  if (!testing::HaveJsonschema()) GTEST_SKIP() << "python3-jsonschema is not installed";
  std::vector<std::string> files;
  for (const std::string& id : ListDeviceProfileIds(ProfileDir())) files.push_back(ProfileDir() + "/" + id + ".json");
  std::map<std::string, const BadProfile*> bad_files;
  const std::vector<BadProfile> bad = BadProfiles();
  for (const BadProfile& profile : bad) {
    json document = Rpi4();
    profile.mutate(document);
    files.push_back(Write(profile.name, document));
    bad_files[files.back()] = &profile;
  }
  for (const auto& [file, verdict] : testing::SchemaVerdicts(files, dir_, SchemaPath())) {
    const auto it = bad_files.find(file);
    if (it == bad_files.end()) {
      EXPECT_EQ(verdict, "ok") << file;
    } else if (it->second->schema_rejects) {
      EXPECT_EQ(verdict.rfind("invalid: ", 0), 0u) << it->second->name << " passes the schema";
    } else {
      EXPECT_EQ(verdict, "ok") << it->second->name << ": a loader-only rule, yet the schema says " << verdict;
    }
  }
}

}  // namespace
}  // namespace edgebench
