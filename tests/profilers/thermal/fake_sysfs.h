// A throw-away directory tree standing in for /sys in reader tests.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

namespace edgebench {

class FakeSysfs {
 public:
  FakeSysfs() {
    std::string pattern = (std::filesystem::temp_directory_path() / "edgebench_sysfs_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) root_ = pattern;
  }
  ~FakeSysfs() {
    std::error_code ec;
    if (!root_.empty()) std::filesystem::remove_all(root_, ec);
  }
  FakeSysfs(const FakeSysfs&) = delete;
  FakeSysfs& operator=(const FakeSysfs&) = delete;

  const std::string& root() const { return root_; }

  // Writes root/relative_path, creating its folders.
  void Write(const std::string& relative_path, const std::string& content) const {
    const std::filesystem::path path = std::filesystem::path(root_) / relative_path;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  void MakeDir(const std::string& relative_path) const {
    std::filesystem::create_directories(std::filesystem::path(root_) / relative_path);
  }

  // cpuN's cpufreq files, frequencies in kHz as the kernel writes them.
  void WriteCpu(int cpu, const std::string& governor, long cur_khz, long max_khz) const {
    const std::string dir = "devices/system/cpu/cpu" + std::to_string(cpu) + "/cpufreq/";
    Write(dir + "scaling_governor", governor + "\n");
    Write(dir + "scaling_cur_freq", std::to_string(cur_khz) + "\n");
    Write(dir + "cpuinfo_max_freq", std::to_string(max_khz) + "\n");
  }
  void WriteZone(int zone, const std::string& type, long millidegrees) const {
    const std::string dir = "class/thermal/thermal_zone" + std::to_string(zone) + "/";
    Write(dir + "type", type + "\n");
    Write(dir + "temp", std::to_string(millidegrees) + "\n");
  }
  void WritePiThrottled(const std::string& text) const {
    Write("devices/platform/soc/soc:firmware/get_throttled", text);
  }

 private:
  std::string root_;
};

// EXPECT_TRUE(Contains(reason, "cpufreq")) prints both strings when it fails.
inline ::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

// Every "<field>": "unknown" in `json`, at any depth, has a non-empty "<field>_reason".
inline void ExpectUnknownsHaveReasons(const nlohmann::json& json, const std::string& where = "") {
  if (json.is_array()) {
    for (const nlohmann::json& item : json) ExpectUnknownsHaveReasons(item, where + "[]");
    return;
  }
  if (!json.is_object()) return;
  for (const auto& [key, value] : json.items()) {
    if (value == "unknown") {
      const auto reason = json.find(key + "_reason");
      ASSERT_NE(reason, json.end()) << where << "." << key << " is unknown without a reason";
      ASSERT_TRUE(reason->is_string());
      EXPECT_FALSE(reason->get<std::string>().empty()) << where << "." << key;
    }
    ExpectUnknownsHaveReasons(value, where + "." + key);
  }
}

}  // namespace edgebench
