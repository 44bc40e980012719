// Guards against the GCC 12.2 AVX-512 SLP miscompilation worked around in
// cmake/CompilerFlags.cmake: if the flag is lost, this fails.
#include <gtest/gtest.h>

#include <vector>

namespace {

__attribute__((noinline)) std::vector<double> MakeMixedVector() { return std::vector<double>{1, 1, 0, 0}; }

TEST(CompilerSanityTest, VectorInitializerKeepsItsValues) {
  EXPECT_EQ(MakeMixedVector(), (std::vector<double>{1.0, 1.0, 0.0, 0.0}));
}

}  // namespace
