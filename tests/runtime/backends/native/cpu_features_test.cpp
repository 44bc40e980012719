// The ISA selection: the override only lowers the level, and the level's
// kernel table is the one asked for.
#include "runtime/backends/native/cpu_features.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/backends/native/kernels.h"

namespace edgebench::native {
namespace {

TEST(CpuFeaturesTest, OverrideOnlyLowersTheLevel) {
  const Isa best = BestIsa(HostCpuFeatures());
  EXPECT_EQ(SelectIsa(nullptr), best);
  EXPECT_EQ(SelectIsa(""), best);
  EXPECT_EQ(SelectIsa("scalar"), Isa::kScalar);
  std::string note;
  EXPECT_EQ(SelectIsa("avx512", &note), best);
#if defined(__x86_64__)
  if (best != Isa::kAvx512) {
    EXPECT_NE(note.find("above what this CPU runs"), std::string::npos) << note;
  }
  note.clear();
  EXPECT_EQ(SelectIsa("neon", &note), best);
  EXPECT_NE(note.find("another architecture"), std::string::npos) << note;
#endif
  note.clear();
  EXPECT_EQ(SelectIsa("sse9", &note), best);
  EXPECT_NE(note.find("unknown ISA 'sse9'"), std::string::npos) << note;
}

TEST(CpuFeaturesTest, NamesRoundTrip) {
  for (Isa isa : {Isa::kScalar, Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    auto parsed = ParseIsa(IsaName(isa));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, isa);
  }
  EXPECT_FALSE(ParseIsa("neon9").ok());
}

TEST(CpuFeaturesTest, LevelsFollowTheFeatures) {
  CpuFeatures f;
  EXPECT_EQ(BestIsa(f), Isa::kScalar);
#if defined(__x86_64__)
  f.os_avx = f.avx2 = f.fma = true;
  EXPECT_EQ(BestIsa(f), Isa::kScalar) << "without F16C";
  f.f16c = true;
  EXPECT_EQ(BestIsa(f), Isa::kAvx2);
  f.avx512f = f.avx512bw = f.avx512vl = f.avx512dq = true;
  EXPECT_EQ(BestIsa(f), Isa::kAvx2) << "without OS support for ZMM state";
  f.os_avx512 = true;
  EXPECT_EQ(BestIsa(f), Isa::kAvx512);
#elif defined(__aarch64__)
  f.asimd = true;
  EXPECT_EQ(BestIsa(f), Isa::kNeon);
#endif
}

TEST(CpuFeaturesTest, LevelsRunWithinTheirArchitecture) {
  EXPECT_TRUE(IsaRuns(Isa::kScalar, Isa::kNeon));
  EXPECT_TRUE(IsaRuns(Isa::kNeon, Isa::kNeon));
  EXPECT_FALSE(IsaRuns(Isa::kAvx2, Isa::kNeon));
  EXPECT_FALSE(IsaRuns(Isa::kNeon, Isa::kAvx512));
  EXPECT_FALSE(IsaRuns(Isa::kNeon, Isa::kScalar));
  EXPECT_TRUE(IsaRuns(Isa::kAvx2, Isa::kAvx512));
  EXPECT_FALSE(IsaRuns(Isa::kAvx512, Isa::kAvx2));
}

TEST(CpuFeaturesTest, NeonInt8UsesSdotWhereDotprodExistsElseSmlal) {
  CpuFeatures f;
  f.asimd = true;
  EXPECT_EQ(Int8IsaFor(Isa::kNeon, f), Int8Isa::kNeon);
  f.asimddp = true;
  EXPECT_EQ(Int8IsaFor(Isa::kNeon, f), Int8Isa::kNeonDot);
  EXPECT_STREQ(Int8IsaName(Int8Isa::kNeonDot), "neondot");
  EXPECT_STREQ(Int8IsaName(Int8Isa::kNeon), "neon");
  EXPECT_STREQ(IsaName(Isa::kNeon), "neon");
}

TEST(CpuFeaturesTest, EveryHostLevelHasItsOwnKernels) {
  const Isa best = BestIsa(HostCpuFeatures());
  for (Isa isa : {Isa::kScalar, Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (!IsaRuns(isa, best)) continue;
    EXPECT_EQ(KernelsFor(isa).isa, isa);
  }
}

}  // namespace
}  // namespace edgebench::native
