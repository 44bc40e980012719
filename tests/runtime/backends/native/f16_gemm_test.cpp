// The native float16 Gemm and MatMul against ref's float16 adapter: single
// rows (the GEMV tile), MR and NR tails, transposes, alpha/beta and C
// broadcasts, batched MatMul, on every kernel level this host runs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/native/f16_op_runner.h"

namespace edgebench::native::testing {
namespace {

struct GemmCase {
  int64_t m, n, k;
  bool trans_a, trans_b;
  Shape c_shape;  // empty: no C
  float alpha, beta;
};

NodeCase MakeGemm(const GemmCase& g, uint32_t seed) {
  NodeCase c;
  c.node.name = "gemm";
  c.node.op_type = "Gemm";
  c.node.inputs = {0, 1};
  c.node.outputs = {3};
  c.node.attributes.Set("transA", Int(g.trans_a));
  c.node.attributes.Set("transB", Int(g.trans_b));
  c.node.attributes.Set("alpha", Float(g.alpha));
  c.node.attributes.Set("beta", Float(g.beta));
  c.inputs.push_back(RandomTensor(g.trans_a ? Shape{g.k, g.m} : Shape{g.m, g.k}, seed));
  c.inputs.push_back(RandomTensor(g.trans_b ? Shape{g.n, g.k} : Shape{g.k, g.n}, seed + 1));
  c.known = {false, true};
  if (!g.c_shape.empty()) {
    c.node.inputs.push_back(2);
    c.inputs.push_back(RandomTensor(g.c_shape, seed + 2));
    c.known.push_back(true);
  }
  return c;
}

std::string Label(const GemmCase& g) {
  return "M" + std::to_string(g.m) + " N" + std::to_string(g.n) + " K" + std::to_string(g.k) +
         (g.trans_a ? " tA" : "") + (g.trans_b ? " tB" : "") + " C" + ShapeToString(g.c_shape);
}

TEST(F16GemmTest, MatchesRefOnEveryLevel) {
  const std::vector<GemmCase> cases = {
      {1, 1000, 129, false, true, {1000}, 1.0f, 1.0f},  // classifier GEMV
      {1, 33, 5, false, false, {}, 0.5f, 1.0f},
      {2, 65, 17, false, true, {65}, 0.5f, 2.0f},
      {7, 17, 33, true, false, {7, 1}, 1.0f, -1.0f},
      {9, 31, 12, true, true, {9, 31}, 1.5f, 0.5f},
      {13, 70, 3, false, false, {1}, 1.0f, 1.0f},
      {16, 48, 40, false, true, {}, 1.0f, 0.0f},
  };
  auto pool = MakePool(3);
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const GemmCase& g : cases) {
      const NodeCase c = MakeGemm(g, seed++);
      ExpectF16MatchesRef(c, isa, Label(g));
      ExpectF16MatchesRef(c, isa, Label(g) + " 3 threads", 3, pool.get());
    }
  }
}

TEST(F16MatMulTest, MatchesRefOnEveryLevel) {
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{1, 1280}, {1280, 1000}},  // classifier at batch 1
      {{3, 5, 17}, {17, 33}},     // batched A, 2-D B
      {{2, 7, 9, 4}, {4, 65}},
  };
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 11;
    for (const auto& [a, b] : cases) {
      NodeCase c;
      c.node.name = "matmul";
      c.node.op_type = "MatMul";
      c.node.inputs = {0, 1};
      c.node.outputs = {2};
      c.inputs = {RandomTensor(a, seed), RandomTensor(b, seed + 1)};
      c.known = {false, true};
      seed += 2;
      ExpectF16MatchesRef(c, isa, "MatMul " + ShapeToString(a) + " x " + ShapeToString(b));
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
