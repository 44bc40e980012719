// edgebench devices list | show | detect end to end: exit codes (0 ok, 2 bad
// input) and what they print or write.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
};

CliRun RunEdgebench(const std::string& args) {
  CliRun run;
  const std::string cmd = std::string(EDGEBENCH_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Dir() { return std::string(" --dir ") + EDGEBENCH_SOURCE_DIR + "/devices/profiles"; }

TEST(DevicesCommandTest, ListShowsEveryProfile) {
  const CliRun table = RunEdgebench("devices list" + Dir());
  ASSERT_EQ(table.exit_code, 0);
  for (const char* id : {"rpi4", "stm32h7", "hailo8-host", "intel-i5-ipc"}) {
    EXPECT_NE(table.out.find(id), std::string::npos) << id;
  }
  const CliRun json = RunEdgebench("devices list --json" + Dir());
  ASSERT_EQ(json.exit_code, 0);
  const nlohmann::json all = nlohmann::json::parse(json.out);
  ASSERT_TRUE(all.is_array());
  EXPECT_GE(all.size(), 10u);
}

TEST(DevicesCommandTest, ShowPrintsSourcesAndJson) {
  const CliRun text = RunEdgebench("devices show rpi4" + Dir());
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Cortex-A72"), std::string::npos);
  EXPECT_NE(text.out.find("estimated: "), std::string::npos);
  const CliRun json = RunEdgebench("devices show stm32h7 --json" + Dir());
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(json.out)["flash_bytes"]["value"], 2097152);
}

TEST(DevicesCommandTest, BadInputExitsTwo) {
  EXPECT_EQ(RunEdgebench("devices show nosuch" + Dir()).exit_code, 2);
  EXPECT_EQ(RunEdgebench("devices").exit_code, 2);
  const std::string dir = testing::MakeTempDir("eb_devices_cli_");
  testing::WriteFile(dir + "/broken.json", R"({"schema": "edgebench.device/1", "id": "broken"})");
  EXPECT_EQ(RunEdgebench("devices list --dir " + dir).exit_code, 2);
  EXPECT_EQ(RunEdgebench("devices list --dir " + dir + "/missing").exit_code, 2);
  EXPECT_EQ(RunEdgebench("devices detect --quick --id 'Not An Id'").exit_code, 2);
  fs::remove_all(dir);
}

TEST(DevicesCommandTest, DetectWritesALoadableProfile) {
  const std::string dir = testing::MakeTempDir("eb_devices_cli_");
  const CliRun run = RunEdgebench("devices detect --quick --json --out " + dir + "/host.json");
  ASSERT_EQ(run.exit_code, 0);
  const nlohmann::json printed = nlohmann::json::parse(run.out);
  std::ifstream in(dir + "/host.json");
  EXPECT_EQ(nlohmann::json::parse(in), printed);
  EXPECT_EQ(printed["id"], "host");
  // The written file is a profile folder of its own: list and show read it.
  EXPECT_EQ(RunEdgebench("devices show host --dir " + dir).exit_code, 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
