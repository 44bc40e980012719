// The native Gemm and MatMul against ref: single rows (the GEMV tile), MR and
// NR tails, transposes, alpha/beta and every broadcast of C.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/native/op_runner.h"

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

TEST(NativeGemmTest, MatchesRefOnEveryLevel) {
  const std::vector<GemmCase> cases = {
      {1, 1000, 129, false, true, {1000}, 1.0f, 1.0f},  // classifier GEMV
      {1, 10, 64, false, true, {1, 10}, 1.0f, 1.0f},
      {1, 33, 5, false, false, {}, 1.0f, 1.0f},
      {2, 65, 17, false, true, {65}, 0.5f, 2.0f},  // batch 2
      {7, 17, 33, true, false, {7, 1}, 1.0f, -1.0f},
      {9, 31, 12, true, true, {9, 31}, 1.5f, 0.5f},
      {13, 70, 3, false, false, {1}, 1.0f, 1.0f},
      {16, 48, 40, false, true, {}, 1.0f, 0.0f},
  };
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const GemmCase& g : cases) ExpectMatchesRef(MakeGemm(g, seed++), isa, Label(g));
  }
}

TEST(NativeMatMulTest, ConstantSecondOperandMatchesRefOnEveryLevel) {
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{1, 96}, {96, 12}}, {{5, 17}, {17, 33}}, {{2, 3, 10}, {10, 65}}, {{1, 1, 9, 7}, {7, 1}}};
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 50;
    for (const auto& [a, b] : cases) {
      NodeCase c;
      c.node.name = "matmul";
      c.node.op_type = "MatMul";
      c.node.inputs = {0, 1};
      c.node.outputs = {2};
      c.inputs = {RandomTensor(a, seed), RandomTensor(b, seed + 1)};
      c.known = {false, true};
      seed += 2;
      ExpectMatchesRef(c, isa, "A" + ShapeToString(a) + " B" + ShapeToString(b));
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
