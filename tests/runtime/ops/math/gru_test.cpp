// GRU against a double-precision reference written from the ONNX equations:
// every direction, both linear_before_reset forms, sequence_lens, clip and
// both layouts.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/runtime/ops/math/rnn_test_runner.h"

namespace edgebench::testing {
namespace {

TEST(GruTest, ForwardWithoutOptionalInputs) {
  RunRnnCase("GRU", MakeRnnProblem(3, 3, 2, 3, 4, 1, false, 40), 0);
}

TEST(GruTest, BidirectionalBothResetForms) {
  RnnProblem p = MakeRnnProblem(3, 4, 3, 2, 3, 2, true, 50);
  p.lens = {1, 4, 0};
  for (bool linear_before_reset : {false, true}) {
    for (int64_t layout : {0, 1}) {
      SCOPED_TRACE("linear_before_reset " + std::to_string(linear_before_reset) + " layout " +
                   std::to_string(layout));
      p.linear_before_reset = linear_before_reset;
      RunRnnCase("GRU", p, layout);
    }
  }
}

TEST(GruTest, ReverseWithClip) {
  RnnProblem p = MakeRnnProblem(3, 5, 2, 3, 2, 1, true, 60);
  p.reverse = true;
  p.lens = {5, 2};
  p.clip = 0.3;
  RunRnnCase("GRU", p, 0);
}

TEST(GruTest, DefaultActivationsOneStep) {
  // Zero state and R: z = sigmoid(x wz), h~ = tanh(x wh), H = (1 - z) h~.
  OpTester t("GRU", 7);
  t.Attr("hidden_size", int64_t{1});
  t.Input(DType::kFloat32, {1, 1, 1}, {2}).Input(DType::kFloat32, {1, 3, 1}, {0.25, 0.5, 0.75});
  t.Input(DType::kFloat32, {1, 3, 1}, {0, 0, 0}).Output(DType::kFloat32);
  ExpectNear(t.Run(), {1, 1, 1, 1}, {(1.0 - RefSigmoid(0.5)) * std::tanh(1.5)});
}

TEST(GruTest, ActivationListWithParameters) {
  // f = Affine(alpha 0.5, beta 0.1), g = Relu; zero state and R:
  // z = 0.5 * (2 * 0.25) + 0.1 = 0.35, h~ = relu(2 * 0.75) = 1.5,
  // H = (1 - 0.35) * 1.5. Relu takes no parameter, so it consumes none.
  OpTester t("GRU", 7);
  t.Attr("hidden_size", int64_t{1}).Strings("activations", {"Affine", "relu"});
  t.Floats("activation_alpha", {0.5f}).Floats("activation_beta", {0.1f});
  t.Input(DType::kFloat32, {1, 1, 1}, {2}).Input(DType::kFloat32, {1, 3, 1}, {0.25, 0.5, 0.75});
  t.Input(DType::kFloat32, {1, 3, 1}, {0, 0, 0}).Output(DType::kFloat32).Output(DType::kFloat32);
  ExpectNear(t.Run(0), {1, 1, 1, 1}, {0.65 * 1.5});
  ExpectNear(t.Run(1), {1, 1, 1}, {0.65 * 1.5});
}

}  // namespace
}  // namespace edgebench::testing
