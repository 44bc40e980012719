#include "harness/sweep/device_context.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

DeviceProfile Board(const std::string& name, const std::string& device_tree_model) {
  DeviceProfile profile;
  profile.id = "rpi4";
  profile.name = name;
  profile.device_tree_model = device_tree_model;
  return profile;
}

TEST(DeviceContextTest, TheDeviceTreeModelIdentifiesABoard) {
  const DeviceProfile rpi4 = Board("Raspberry Pi 4 Model B (4 GB)", "Raspberry Pi 4 Model B");
  EXPECT_EQ(WhyNotThisMachine(rpi4, "Raspberry Pi 4 Model B Rev 1.4"), "");
  EXPECT_EQ(WhyNotThisMachine(rpi4, "raspberry pi 4 model b rev 1.5"), "") << "case does not matter";
  EXPECT_EQ(WhyNotThisMachine(rpi4, "Raspberry Pi 400 Rev 1.0"),
            "this machine is 'Raspberry Pi 400 Rev 1.0', not Raspberry Pi 4 Model B (4 GB)");
  EXPECT_NE(WhyNotThisMachine(rpi4, "").find("no device-tree model"), std::string::npos);
  const DeviceProfile nano = Board("NVIDIA Jetson Orin Nano 8GB Developer Kit", "Jetson Orin Nano");
  EXPECT_EQ(WhyNotThisMachine(nano, "NVIDIA Jetson Orin Nano Developer Kit"), "") << "contained, not a prefix";
  EXPECT_NE(WhyNotThisMachine(Board("Some board", ""), "Some board").find("has no device_tree_model"),
            std::string::npos)
      << "a profile without the field is never taken for this machine";
}

TEST(DeviceContextTest, AnUnknownDeviceNamesTheKnownOnes) {
  DeviceOptions options;
  options.device_id = "rpi9";
  options.profile_dir = std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles";
  // A saved host profile keeps the test from measuring this machine's peaks.
  options.host_profile_path = std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles/intel-i5-ipc.json";
  const Expected<DeviceContext> context = PrepareDevices(options, HostInfo{});
  ASSERT_FALSE(context.ok());
  EXPECT_NE(context.status().message().find("unknown device 'rpi9'"), std::string::npos) << context.status().ToString();
  EXPECT_NE(context.status().message().find("rpi4"), std::string::npos);
}

TEST(DeviceContextTest, AKnownDeviceElsewhereIsProjected) {
  DeviceOptions options;
  options.device_id = "stm32h7";
  options.profile_dir = std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles";
  options.host_profile_path = std::string(EDGEBENCH_SOURCE_DIR) + "/devices/profiles/intel-i5-ipc.json";
  const Expected<DeviceContext> context = PrepareDevices(options, HostInfo{});
  ASSERT_TRUE(context.ok()) << context.status().ToString();
  EXPECT_EQ(context->mode, "projected");
  EXPECT_EQ(context->host.id, "intel-i5-ipc");
  const nlohmann::json json = ToJson(*context);
  EXPECT_EQ(json["id"], "stm32h7");
  EXPECT_NE(json["mode_reason"].get<std::string>().find("projected onto stm32h7"), std::string::npos);
  EXPECT_GE(json["projected_on"].size(), 10u);
}

}  // namespace
}  // namespace edgebench
