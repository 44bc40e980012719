// LSTM against a double-precision reference written from the ONNX equations:
// every direction, optional inputs present and absent, sequence_lens with
// short and empty sequences, peepholes, clip, input_forget, both layouts.
#include <gtest/gtest.h>

#include <string>

#include "tests/runtime/ops/math/rnn_test_runner.h"

namespace edgebench::testing {
namespace {

TEST(LstmTest, ForwardWithoutOptionalInputs) {
  RunRnnCase("LSTM", MakeRnnProblem(4, 3, 2, 3, 4, 1, false, 10), 0);
}

TEST(LstmTest, BidirectionalWithEveryOptionalInput) {
  RnnProblem p = MakeRnnProblem(4, 4, 3, 2, 3, 2, true, 20);
  p.lens = {4, 2, 0};
  for (int64_t layout : {0, 1}) {
    SCOPED_TRACE("layout " + std::to_string(layout));
    RunRnnCase("LSTM", p, layout);
  }
}

TEST(LstmTest, ReverseWithClipAndInputForget) {
  RnnProblem p = MakeRnnProblem(4, 5, 2, 3, 2, 1, true, 30);
  p.reverse = true;
  p.lens = {3, 5};
  p.clip = 0.5;
  p.input_forget = true;
  RunRnnCase("LSTM", p, 0);
}

TEST(LstmTest, HiddenSizeDefaultsToRecurrenceWidth) {
  // No hidden_size attribute: R's last dim gives it.
  OpTester t("LSTM", 7);
  t.Input(DType::kFloat32, {1, 1, 1}, {1}).Input(DType::kFloat32, {1, 8, 1}, RandomValues(8, 1));
  t.Input(DType::kFloat32, {1, 8, 2}, RandomValues(16, 2)).NoOutput().Output(DType::kFloat32);
  EXPECT_EQ(t.Run(0).shape(), (Shape{1, 1, 2}));  // Y_h, the only graph output
}

TEST(LstmTest, Errors) {
  Attributes attrs;
  attrs.Set("hidden_size", IntAttribute(2));
  // W of the wrong gate count.
  Status s = InferOp("LSTM", 14,
                     {Info(DType::kFloat32, {1, 1, 3}), Info(DType::kFloat32, {1, 6, 3}),
                      Info(DType::kFloat32, {1, 8, 2})},
                     attrs, 3);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // Unknown activation.
  attrs.Set("activations", StringsAttribute({"Sigmoid", "Tanh", "Gelu"}));
  s = InferOp("LSTM", 14,
              {Info(DType::kFloat32, {1, 1, 3}), Info(DType::kFloat32, {1, 8, 3}), Info(DType::kFloat32, {1, 8, 2})},
              attrs, 3);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

TEST(LstmTest, SequenceLengthOutOfRangeFailsTheRun) {
  OpTester t("LSTM", 14);
  t.Attr("hidden_size", int64_t{1});
  t.Input(DType::kFloat32, {2, 1, 1}, {1, 2}).Input(DType::kFloat32, {1, 4, 1}, RandomValues(4, 3));
  t.Input(DType::kFloat32, {1, 4, 1}, RandomValues(4, 4)).NoInput().Input(DType::kInt32, {1}, {3});
  t.Output(DType::kFloat32);
  const Status s = t.TryRun();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
}

}  // namespace
}  // namespace edgebench::testing
