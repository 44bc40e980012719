// The eigen MatMul against ref (fixed seeds): 2-D, batched, batch dims that
// broadcast either way, 1-D A and B, and sizes with tile tails, each at 1 and
// 2 threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/eigen/node_case.h"

namespace edgebench::testing {
namespace {

struct MatMulCase {
  std::string label;
  Shape a, b;
  bool b_known;  // B an initializer (weights) rather than an input
};

std::vector<MatMulCase> Grid() {
  return {
      {"plain", {17, 33}, {33, 7}, true},
      {"batched", {3, 17, 9}, {3, 9, 5}, false},
      {"broadcast_b", {2, 3, 17, 9}, {9, 33}, true},
      {"broadcast_a", {17, 9}, {4, 9, 5}, false},
      {"broadcast_both", {2, 1, 7, 9}, {1, 3, 9, 5}, false},
      {"a_1d", {33}, {2, 33, 17}, false},
      {"b_1d", {3, 17, 33}, {33}, false},
      {"both_1d", {65}, {65}, false},
      {"m1", {1, 1280}, {1280, 301}, true},
      {"tails", {300, 65}, {65, 517}, true},
      {"attention_like", {4, 49, 32}, {4, 32, 49}, false},
  };
}

class EigenMatMulTest : public ::testing::TestWithParam<std::tuple<MatMulCase, int>> {};

TEST_P(EigenMatMulTest, MatchesRef) {
  const auto& [c, threads] = GetParam();
  NodeCase node("MatMul");
  node.Input(c.a, 7);
  if (c.b_known) {
    node.Weight(c.b, 8);
  } else {
    node.Input(c.b, 8);
  }
  const NodeRun run = node.ExpectMatchesRef("eigen", threads);
  EXPECT_EQ(run.report.backend, "eigen");
  EXPECT_FALSE(run.report.fallback);
}

INSTANTIATE_TEST_SUITE_P(Grid, EigenMatMulTest,
                         ::testing::Combine(::testing::ValuesIn(Grid()), ::testing::Values(1, 2)),
                         [](const auto& p) {
                           return std::get<0>(p.param).label + "_threads" +
                                  std::to_string(std::get<1>(p.param));
                         });

}  // namespace
}  // namespace edgebench::testing
