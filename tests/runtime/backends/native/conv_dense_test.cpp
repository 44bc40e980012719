// Which GEMM tile a dense Conv plan packs for: SmallPlaneKernelsFor's on
// small output planes when its taller panels pad the filters by little, the
// level's main tile otherwise. (The numbers they compute are checked against
// ref in native_conv_test.cpp and native_conv_residual_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/backends/native/conv_plan.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

// A square, padded (kernel / 2), stride-1 Conv of one image.
ConvParams SquareConv(int64_t channels, int64_t filters, int64_t size, int64_t kernel) {
  ConvParams p;
  p.batch = 1;
  p.channels = channels;
  p.in_h = p.in_w = p.out_h = p.out_w = size;
  p.filters = filters;
  p.kernel_h = p.kernel_w = kernel;
  const int64_t pad = kernel / 2;
  for (int64_t& side : p.pads) side = pad;
  return p;
}

const NativeKernels* TableOf(const ConvParams& p, const NativeKernels& kernels) {
  const std::vector<float> w(static_cast<size_t>(p.filters * p.channels * p.kernel_h * p.kernel_w), 0.5f);
  return MakeDenseConvPlan(p, kernels, w.data(), nullptr).kernels;
}

TEST(ConvDenseTest, SmallPlanesPackForTheSmallPlaneTile) {
  for (native::Isa isa : HostIsas()) {
    const NativeKernels& main = KernelsFor(isa);
    const NativeKernels& small = SmallPlaneKernelsFor(isa);
    SCOPED_TRACE(static_cast<int>(isa));
    // ResNet-18 layer4 (63 wide columns) and MobileNetV2's last 1x1 (49).
    EXPECT_EQ(TableOf(SquareConv(64, 512, 7, 3), main), &small);
    EXPECT_EQ(TableOf(SquareConv(32, 1280, 7, 1), main), &small);
    // Planes of more than two column tiles keep the main tile.
    EXPECT_EQ(TableOf(SquareConv(16, 64, 56, 3), main), &main);
    EXPECT_EQ(TableOf(SquareConv(16, 96, 14, 3), main), &main);
  }
}

TEST(ConvDenseTest, FilterCountsTheTallerTileWouldPadKeepTheMainTile) {
  for (native::Isa isa : HostIsas()) {
    const NativeKernels& main = KernelsFor(isa);
    const NativeKernels& small = SmallPlaneKernelsFor(isa);
    if (&small == &main || small.gemm.mr <= main.gemm.mr) continue;
    SCOPED_TRACE(static_cast<int>(isa));
    // Whole main panels the small tile would round up by a third of a panel
    // or more (AVX-512: 64 -> 72 rows, 16 -> 24).
    for (int64_t filters : {2 * main.gemm.mr, 8 * main.gemm.mr}) {
      if (filters % small.gemm.mr == 0) continue;
      EXPECT_EQ(TableOf(SquareConv(8, filters, 7, 3), main), &main) << filters << " filters";
    }
    EXPECT_EQ(TableOf(SquareConv(8, small.gemm.mr, 7, 3), main), &small);
  }
}

}  // namespace
}  // namespace edgebench::native::testing
