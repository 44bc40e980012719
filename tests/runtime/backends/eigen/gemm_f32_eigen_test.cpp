// The eigen Gemm against ref (fixed seeds): transA/transB, alpha, beta
// (including 0, which ignores C), every C shape that broadcasts to [M, N],
// no C, M or N of 1 (the matrix-vector path) and sizes that leave tails of
// the 256-wide tiles, each at 1 and 2 threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/eigen/node_case.h"

namespace edgebench::testing {
namespace {

struct GemmCase {
  std::string label;
  int64_t m, n, k;
  bool trans_a, trans_b;
  float alpha, beta;
  std::vector<int64_t> c_shape;  // {-1}: no C
};

std::vector<GemmCase> Grid() {
  return {
      {"plain", 17, 33, 7, false, false, 1.0f, 1.0f, {17, 33}},
      {"trans_a", 17, 33, 7, true, false, 1.0f, 1.0f, {33}},
      {"trans_b", 17, 33, 7, false, true, 1.0f, 1.0f, {1, 33}},
      {"trans_both", 33, 17, 9, true, true, 0.5f, 2.0f, {33, 1}},
      {"alpha_beta", 7, 9, 33, false, true, -1.5f, 0.25f, {1}},
      {"beta_zero", 7, 9, 5, false, false, 2.0f, 0.0f, {7, 9}},
      {"scalar_c", 3, 5, 7, false, false, 1.0f, -1.0f, {}},
      {"no_c", 17, 3, 33, true, false, 1.0f, 1.0f, {-1}},
      {"classifier_m1", 1, 1000, 1280, false, true, 1.0f, 1.0f, {1000}},
      {"classifier_m1_b_kn", 1, 300, 129, false, false, 1.0f, 1.0f, {1, 300}},
      {"n1", 65, 1, 33, true, false, 1.0f, 1.0f, {65, 1}},
      {"tails", 300, 517, 65, false, true, 1.0f, 1.0f, {517}},
      {"tails_trans_a", 259, 261, 33, true, true, 0.75f, 1.0f, {259, 261}},
      {"tiny", 2, 2, 1, false, false, 1.0f, 1.0f, {2, 2}},
  };
}

class EigenGemmTest : public ::testing::TestWithParam<std::tuple<GemmCase, int>> {};

TEST_P(EigenGemmTest, MatchesRef) {
  const auto& [c, threads] = GetParam();
  NodeCase node("Gemm");
  node.Input(c.trans_a ? Shape{c.k, c.m} : Shape{c.m, c.k}, 3);
  node.Weight(c.trans_b ? Shape{c.n, c.k} : Shape{c.k, c.n}, 4);
  if (c.c_shape != std::vector<int64_t>{-1}) node.Weight(c.c_shape, 5);
  node.Int("transA", c.trans_a ? 1 : 0).Int("transB", c.trans_b ? 1 : 0).Float("alpha", c.alpha).Float("beta", c.beta);
  const NodeRun run = node.ExpectMatchesRef("eigen", threads);
  EXPECT_EQ(run.report.backend, "eigen");
  EXPECT_FALSE(run.report.fallback);
}

INSTANTIATE_TEST_SUITE_P(Grid, EigenGemmTest, ::testing::Combine(::testing::ValuesIn(Grid()), ::testing::Values(1, 2)),
                         [](const auto& p) {
                           return std::get<0>(p.param).label + "_threads" +
                                  std::to_string(std::get<1>(p.param));
                         });

}  // namespace
}  // namespace edgebench::testing
