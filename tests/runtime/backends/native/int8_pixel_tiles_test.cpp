// QLinearConv's INT8 pixel tile (filters as the vector dimension), forced on
// every shape and compared byte for byte with ref, for every INT8 level this
// host runs that has one: filter tails, pixel counts that split into uneven
// tiles and tasks, depth tails, strides, pads, dilation, groups, batch 2,
// every zero-point kind (per-channel weight zero points need the column
// sums), int8 and uint8 types, and two threads. Which shapes take it by
// itself is checked at the end.
#include <gtest/gtest.h>

#include <vector>

#include "runtime/backends/native/int8_ops.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/qconv_case.h"

namespace edgebench::native::testing {
namespace {

constexpr DType kU8 = DType::kUInt8;
constexpr DType kS8 = DType::kInt8;

std::vector<Int8Isa> LevelsWithPixelTiles() {
  std::vector<Int8Isa> levels;
  for (Int8Isa isa : HostInt8Isas()) {
    if (Int8KernelsFor(isa).pixel_tile.tile) levels.push_back(isa);
  }
  return levels;
}

void ExpectPixelTilesMatchRef(const QConvCase& c, uint32_t seed, ThreadPool* pool = nullptr) {
  const NodeCase n = MakeQConv(c, seed);
  const Tensor want = RunOp(*FindRefOp("", "QLinearConv"), n);
  for (Int8Isa isa : LevelsWithPixelTiles()) {
    ExpectSameBytes(RunOp(NativeQLinearConvOp(isa, Int8Tile::kPixel), n, pool ? 2 : 1, pool), want,
                    Label(c) + " [" + Int8IsaName(isa) + " pixel tile]");
  }
}

TEST(Int8PixelTiles, ShapeGridMatchesRefExactly) {
  if (LevelsWithPixelTiles().empty()) GTEST_SKIP() << "no INT8 level with a pixel tile on this host";
  uint32_t seed = 1;
  // Filters: under one register, one register and one more, a whole panel,
  // a panel and a tail, two panels and a tail. Planes: 7x7 (49 = 5 + 6 x 4 +
  // ...), one pixel, 11x13 (143: tasks of 48 or less, uneven tiles).
  for (int64_t filters : {1, 17, 64, 67, 130}) {
    for (int64_t hw : {7, 1, 11}) {
      for (int64_t channels : {3, 64}) {
        const int64_t kernel = hw == 1 ? 1 : 3;
        QConvCase c{1, channels, filters, 1, hw, hw + (hw == 11 ? 2 : 0), kernel, 1, 1, {1, 1, 1, 1},
                    kU8, kS8, kU8, 128, 0, 128, true, true};
        if (hw == 1) c.pads = {0, 0, 0, 0};
        ExpectPixelTilesMatchRef(c, seed++);
      }
    }
  }
}

TEST(Int8PixelTiles, GeometryZeroPointsAndTypesMatchRefExactly) {
  if (LevelsWithPixelTiles().empty()) GTEST_SKIP() << "no INT8 level with a pixel tile on this host";
  uint32_t seed = 100;
  const std::vector<QConvCase> cases = {
      {1, 33, 20, 1, 9, 10, 3, 2, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 129, -1, 3, true, true},      // per-channel w zp, s2
      {1, 17, 70, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kU8, kU8, 128, -1, 128, true, true},    // uint8 w, per-channel zp
      {1, 17, 20, 1, 9, 10, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 77, 5, 131, false, true},     // odd zero points
      {1, 17, 20, 1, 9, 10, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kU8, -7, 0, 120, true, true},      // int8 x
      {1, 33, 9, 1, 8, 9, 1, 1, 1, {0, 0, 0, 0}, kS8, kU8, kS8, 5, -1, -3, true, false},        // int8 y, no bias
      {1, 8, 9, 1, 9, 10, 3, 2, 1, {1, 0, 0, 2}, kU8, kS8, kU8, 61, 0, 128, false, false},      // asymmetric pads
      {1, 6, 70, 1, 12, 12, 3, 1, 2, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},     // dilation 2
      {1, 16, 40, 2, 10, 11, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},    // 2 groups
      {2, 64, 64, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},      // batch 2
      {1, 515, 64, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},     // deep, depth tail
  };
  for (const QConvCase& c : cases) ExpectPixelTilesMatchRef(c, seed++);
}

TEST(Int8PixelTiles, TwoThreadsMatchRefExactly) {
  if (LevelsWithPixelTiles().empty()) GTEST_SKIP() << "no INT8 level with a pixel tile on this host";
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  ExpectPixelTilesMatchRef({1, 64, 130, 1, 14, 14, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, -1, 128, true, true},
                           300, pool->get());
  ExpectPixelTilesMatchRef({1, 32, 64, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true}, 301,
                           pool->get());
}

Int8ConvParams ResNetLayer(int64_t channels, int64_t hw, int64_t kernel, int64_t stride) {
  Int8ConvParams p;
  p.batch = 1;
  p.channels = channels;
  p.filters = channels;
  p.in_h = p.in_w = hw * stride;
  p.kernel_h = p.kernel_w = kernel;
  p.out_h = p.out_w = hw;
  return p;
}

// k x k layers take the pixel tile wherever the level has one; 1x1s take it
// where the gemm tile's columns go to waste (deep layers on small planes).
TEST(Int8PixelTiles, CostRuleChoosesThemWhereTheGemmTileWastesWork) {
  if (LevelsWithPixelTiles().empty()) GTEST_SKIP() << "no INT8 level with a pixel tile on this host";
  const Int8Kernels& kernels = Int8KernelsFor(LevelsWithPixelTiles().back());
  // Every k x k layer: the gemm tile would need an im2col.
  EXPECT_TRUE(Int8PixelTilesPay(ResNetLayer(512, 7, 3, 1), kernels));
  EXPECT_TRUE(Int8PixelTilesPay(ResNetLayer(256, 14, 3, 1), kernels));
  EXPECT_TRUE(Int8PixelTilesPay(ResNetLayer(64, 56, 3, 1), kernels));
  // 1x1s by the share of each tile's work that is wasted.
  EXPECT_TRUE(Int8PixelTilesPay(ResNetLayer(512, 7, 1, 1), kernels));
  EXPECT_FALSE(Int8PixelTilesPay(ResNetLayer(64, 28, 1, 2), kernels));
  Int8ConvParams expand = ResNetLayer(24, 56, 1, 1);
  expand.filters = 144;
  EXPECT_FALSE(Int8PixelTilesPay(expand, kernels));
  for (Int8Isa isa : HostInt8Isas()) {
    if (!Int8KernelsFor(isa).pixel_tile.tile) {
      EXPECT_FALSE(Int8PixelTilesPay(ResNetLayer(512, 7, 3, 1), Int8KernelsFor(isa)));
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
