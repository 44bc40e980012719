#include "devices/host/proc_info.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

constexpr char kX86CpuInfo[] =
    "processor\t: 0\n"
    "vendor_id\t: AuthenticAMD\n"
    "model name\t: AMD EPYC 9R14 96-Core Processor\n"
    "flags\t\t: fpu sse2 avx f16c avx2 fma avx512f avx512bw avx512_vnni avx512_bf16\n"
    "\n"
    "processor\t: 1\n"
    "model name\t: AMD EPYC 9R14 96-Core Processor\n";

constexpr char kArm64CpuInfo[] =
    "processor\t: 0\n"
    "BogoMIPS\t: 108.00\n"
    "Features\t: fp asimd evtstrm crc32 cpuid\n"
    "CPU implementer\t: 0x41\n"
    "CPU part\t: 0xd08\n";

TEST(ProcInfoTest, ModelNameFromX86) {
  EXPECT_EQ(ParseCpuInfoModel(kX86CpuInfo).value, "AMD EPYC 9R14 96-Core Processor");
}

TEST(ProcInfoTest, Arm64HasNoModelName) {
  const Known<std::string> model = ParseCpuInfoModel(kArm64CpuInfo);
  EXPECT_FALSE(model.known());
  EXPECT_EQ(model.reason, "no 'model name' in /proc/cpuinfo");
}

TEST(ProcInfoTest, X86FeaturesUseKernelFlagNames) {
  const auto features = ParseCpuInfoFeatures(kX86CpuInfo, "x86_64");
  ASSERT_TRUE(features.known()) << features.reason;
  const std::map<std::string, bool> expected = {
      {"avx2", true},         {"fma", true},       {"f16c", true},         {"avx512f", true},       {"avx512bw", true},
      {"avx512_vnni", true},  {"avx_vnni", false}, {"avx512_bf16", true},  {"avx512_fp16", false},
  };
  EXPECT_EQ(*features.value, expected);
}

TEST(ProcInfoTest, Arm64FeaturesComeFromFeaturesLine) {
  const auto features = ParseCpuInfoFeatures(kArm64CpuInfo, "aarch64");
  ASSERT_TRUE(features.known()) << features.reason;
  const std::map<std::string, bool> expected = {
      {"asimd", true}, {"asimddp", false}, {"fphp", false}, {"asimdhp", false}, {"i8mm", false}};
  EXPECT_EQ(*features.value, expected);
}

TEST(ProcInfoTest, FeaturesUnknownWithReason) {
  EXPECT_EQ(ParseCpuInfoFeatures(kArm64CpuInfo, "x86_64").reason, "no 'flags' line in /proc/cpuinfo");
  EXPECT_EQ(ParseCpuInfoFeatures(kX86CpuInfo, "riscv64").reason,
            "no list of kernel-relevant CPU features for riscv64");
}

TEST(ProcInfoTest, MemTotal) {
  EXPECT_EQ(ParseMemInfoTotal("MemTotal:       24578432 kB\nMemFree: 1 kB\n").value, int64_t{24578432} * 1024);
  EXPECT_EQ(ParseMemInfoTotal("MemFree: 1 kB\n").reason, "no MemTotal in /proc/meminfo");
  EXPECT_EQ(ParseMemInfoTotal("MemTotal: lots\n").reason, "/proc/meminfo MemTotal is 'lots', not '<n> kB'");
}

}  // namespace
}  // namespace edgebench
