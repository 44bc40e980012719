// The eigen Conv against ref over a shape grid (fixed seeds): odd channel
// counts, kernels 1/3/5/7, strides, explicit and asymmetric pads, auto_pad,
// dilations, groups, 1-D, batch 2 and pixel counts that leave a tail of the
// 256-pixel tiling, each at 1 and 2 threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/eigen/node_case.h"

namespace edgebench::testing {
namespace {

struct ConvCase {
  std::string label;
  int64_t batch, channels, filters, group;
  std::vector<int64_t> spatial;  // input H, W (or W for 1-D)
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;
  std::vector<int64_t> pads;  // empty: none
  std::vector<int64_t> dilations;
  std::string auto_pad;  // empty: NOTSET
  bool bias;
};

// W an initializer (packed once at creation) or, with `weights_at_run`, a
// graph input read in place.
NodeCase MakeConv(const ConvCase& c, uint32_t seed, bool weights_at_run = false) {
  Shape x = {c.batch, c.channels};
  Shape w = {c.filters, c.channels / c.group};
  for (int64_t s : c.spatial) x.push_back(s);
  for (int64_t k : c.kernel) w.push_back(k);
  NodeCase node("Conv");
  node.Input(x, seed);
  if (weights_at_run) {
    node.Input(w, seed + 1);
  } else {
    node.Weight(w, seed + 1);
  }
  if (c.bias) node.Weight({c.filters}, seed + 2);
  node.Int("group", c.group).Ints("strides", c.strides).Ints("dilations", c.dilations);
  if (!c.pads.empty()) node.Ints("pads", c.pads);
  if (!c.auto_pad.empty()) node.String("auto_pad", c.auto_pad);
  return node;
}

std::vector<ConvCase> Grid() {
  std::vector<ConvCase> cases = {
      {"1x1_direct", 1, 17, 33, 1, {9, 11}, {1, 1}, {1, 1}, {}, {1, 1}, "", true},
      {"1x1_stride2", 1, 7, 3, 1, {9, 11}, {1, 1}, {2, 2}, {}, {1, 1}, "", true},
      {"1x1_padded", 1, 3, 7, 1, {5, 6}, {1, 1}, {1, 1}, {1, 0, 0, 1}, {1, 1}, "", false},
      {"3x3_pad1", 1, 3, 17, 1, {13, 15}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true},
      {"3x3_stride2_first_layer", 1, 3, 33, 1, {31, 29}, {3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, "", true},
      {"3x3_stride3", 2, 7, 7, 1, {17, 16}, {3, 3}, {3, 3}, {1, 1, 1, 1}, {1, 1}, "", true},
      {"5x5_asymmetric_pads", 1, 7, 17, 1, {12, 14}, {5, 5}, {1, 2}, {2, 1, 0, 3}, {1, 1}, "", true},
      {"7x7_stride2", 1, 3, 17, 1, {23, 23}, {7, 7}, {2, 2}, {3, 3, 3, 3}, {1, 1}, "", true},
      {"3x3_dilation2", 1, 7, 17, 1, {15, 15}, {3, 3}, {1, 1}, {2, 2, 2, 2}, {2, 2}, "", true},
      {"3x3_dilation_2x1", 1, 3, 7, 1, {11, 13}, {3, 3}, {2, 1}, {0, 1, 2, 1}, {2, 1}, "", false},
      {"same_upper", 1, 7, 17, 1, {12, 13}, {4, 3}, {2, 2}, {}, {1, 1}, "SAME_UPPER", true},
      {"same_lower", 1, 7, 17, 1, {12, 13}, {4, 3}, {2, 2}, {}, {1, 1}, "SAME_LOWER", true},
      {"valid", 1, 3, 7, 1, {10, 9}, {3, 5}, {1, 2}, {}, {1, 1}, "VALID", true},
      {"group2", 1, 34, 18, 2, {9, 10}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true},
      {"group4_1x1", 2, 28, 36, 4, {7, 9}, {1, 1}, {1, 1}, {}, {1, 1}, "", true},
      {"group4_stride2", 1, 16, 12, 4, {11, 11}, {3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, "", false},
      // 23 * 23 = 529 pixels: two full tiles of 256 and a tail of 17.
      {"tiling_tail_direct", 1, 33, 17, 1, {23, 23}, {1, 1}, {1, 1}, {}, {1, 1}, "", true},
      {"tiling_tail_im2col", 2, 17, 33, 1, {23, 23}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true},
      // Few pixels, many filters: the filters are split into blocks for the threads.
      {"late_layer", 1, 64, 129, 1, {4, 4}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true},
      {"1d_k5", 1, 7, 17, 1, {40}, {5}, {1}, {2, 2}, {1}, "", true},
      {"1d_stride2_dilation2", 2, 3, 7, 1, {33}, {3}, {2}, {1, 0}, {2}, "", true},
      {"1d_group2_same", 1, 6, 10, 2, {19}, {4}, {3}, {}, {1}, "SAME_UPPER", true},
      {"single_channel", 1, 1, 1, 1, {6, 7}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true},
  };
  return cases;
}

class EigenConvTest : public ::testing::TestWithParam<std::tuple<ConvCase, int>> {};

TEST_P(EigenConvTest, MatchesRef) {
  const auto& [c, threads] = GetParam();
  const NodeRun run = MakeConv(c, 11).ExpectMatchesRef("eigen", threads);
  EXPECT_EQ(run.report.backend, "eigen");
  EXPECT_FALSE(run.report.fallback);
}

INSTANTIATE_TEST_SUITE_P(Grid, EigenConvTest, ::testing::Combine(::testing::ValuesIn(Grid()), ::testing::Values(1, 2)),
                         [](const auto& p) {
                           return std::get<0>(p.param).label + "_threads" +
                                  std::to_string(std::get<1>(p.param));
                         });

// Weights that arrive at run time cannot be packed at creation: the kernel
// reads W in place and Eigen packs it per product.
TEST(EigenConvWeightsAtRun, MatchRef) {
  for (const ConvCase& c : Grid()) {
    if (c.label != "group2" && c.label != "late_layer" && c.label != "tiling_tail_im2col") continue;
    for (int threads : {1, 2}) {
      const NodeRun run = MakeConv(c, 13, /*weights_at_run=*/true).ExpectMatchesRef("eigen", threads);
      EXPECT_EQ(run.report.backend, "eigen") << c.label;
    }
  }
}

// Depthwise is not GEMM-shaped: the eigen backend leaves it to ref, and the
// session records the fallback.
TEST(EigenConvFallback, DepthwiseRunsOnRef) {
  for (int64_t multiplier : {1, 2}) {
    const ConvCase c{"depthwise", 1, 8, 8 * multiplier, 8, {9, 9}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, "", true};
    const NodeRun run = MakeConv(c, 5).ExpectMatchesRef("eigen", 2);
    EXPECT_EQ(run.report.backend, "ref") << "multiplier " << multiplier;
    EXPECT_TRUE(run.report.fallback) << "multiplier " << multiplier;
  }
}

// 3-D convolutions are not among the shapes this backend runs.
TEST(EigenConvFallback, ThreeDimensionalRunsOnRef) {
  NodeCase node("Conv");
  node.Input({1, 3, 4, 5, 6}, 1).Weight({4, 3, 3, 3, 3}, 2).Ints("pads", {1, 1, 1, 1, 1, 1});
  const NodeRun run = node.ExpectMatchesRef("eigen", 1);
  EXPECT_TRUE(run.report.fallback);
}

}  // namespace
}  // namespace edgebench::testing
