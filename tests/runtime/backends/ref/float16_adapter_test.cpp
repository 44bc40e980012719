// The float16 adapter: float32 ref ops run on float16 tensors, giving the
// float32 kernel's result on the widened inputs, rounded to half.
#include "runtime/backends/ref/float16_adapter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/float16.h"
#include "runtime/ops/op_registry.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

Tensor FloatTensor(const Shape& shape, const std::vector<double>& values) {
  return MakeTensor(DType::kFloat32, shape, values);
}

// `t` rounded to half, as a float16 tensor.
Tensor ToHalf(const Tensor& t) {
  Tensor half = Tensor::Allocate(DType::kFloat16, t.shape()).value();
  Float32ToFloat16(t.data<float>(), half.data<uint16_t>(), static_cast<size_t>(t.num_elements()));
  return half;
}

// A float16 tensor widened back to float32.
Tensor ToFloat(const Tensor& half) {
  EXPECT_EQ(half.dtype(), DType::kFloat16);
  Tensor t = Tensor::Allocate(DType::kFloat32, half.shape()).value();
  Float16ToFloat32(half.data<uint16_t>(), t.data<float>(), static_cast<size_t>(half.num_elements()));
  return t;
}

std::unique_ptr<Session> CreateSession(const onnx::ModelProto& proto) {
  auto model = LoadModelFromBytes(Serialize(proto), "", "adapter_test");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return nullptr;
  auto session = Session::Create(*model);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return session.ok() ? std::move(*session) : nullptr;
}

// Runs twice, the second time counting heap allocations (none allowed), and
// returns a copy of output 0.
Tensor RunTwice(Session& session, const std::vector<Tensor>& inputs) {
  EXPECT_TRUE(session.Run(inputs).ok());
  {
    AllocationCounter counter;
    const Status s = session.Run(inputs);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(counter.count(), 0) << "Run allocated";
  }
  return session.output(0).Clone().value();
}

// x -> Conv(w, b) -> y, all of `dtype`, with a 3x3 stride-2 padded kernel.
onnx::ModelProto ConvModel(DType dtype, const Tensor& w, const Tensor& b) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", dtype, {1, 3, 9, 9});
  AddInitializer(model, "w", w);
  AddInitializer(model, "b", b);
  auto* conv = AddNode(model, "Conv", {"x", "w", "b"}, {"y"});
  auto* pads = AddAttribute(conv, "pads", onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  auto* strides = AddAttribute(conv, "strides", onnx::AttributeProto::INTS);
  strides->add_ints(2);
  strides->add_ints(2);
  AddOutput(model, "y", dtype, {1, 4, 5, 5});
  return model;
}

TEST(Float16AdapterTest, ConvIsTheFloat32ConvOfTheWidenedValuesRounded) {
  const Tensor x = FloatTensor({1, 3, 9, 9}, RandomValues(243, 1));
  const Tensor w = FloatTensor({4, 3, 3, 3}, RandomValues(108, 2));
  const Tensor b = FloatTensor({4}, RandomValues(4, 3));
  // float32 on exactly the values float16 holds: the adapter runs the same
  // kernel on them, so its output is this one rounded, bit for bit.
  auto f32_rounded = CreateSession(ConvModel(DType::kFloat32, ToFloat(ToHalf(w)), ToFloat(ToHalf(b))));
  auto f32 = CreateSession(ConvModel(DType::kFloat32, w, b));
  auto f16 = CreateSession(ConvModel(DType::kFloat16, ToHalf(w), ToHalf(b)));
  ASSERT_TRUE(f32_rounded && f32 && f16);
  const Tensor expected = RunTwice(*f32_rounded, {ToFloat(ToHalf(x))});
  const Tensor reference = RunTwice(*f32, {x});
  const Tensor actual = RunTwice(*f16, {ToHalf(x)});
  ASSERT_EQ(actual.dtype(), DType::kFloat16);
  ASSERT_EQ(actual.shape(), (Shape{1, 4, 5, 5}));
  const Tensor rounded = ToHalf(expected);
  double err2 = 0, ref2 = 0;
  for (int64_t i = 0; i < actual.num_elements(); ++i) {
    ASSERT_EQ(actual.data<uint16_t>()[i], rounded.data<uint16_t>()[i]) << i;
    const double d = Float16ToFloat32(actual.data<uint16_t>()[i]) - reference.data<float>()[i];
    err2 += d * d;
    ref2 += double{reference.data<float>()[i]} * reference.data<float>()[i];
  }
  // Against true float32: inputs and weights rounded (2^-11 relative each),
  // 27-term dot products, and the output rounded.
  EXPECT_LT(std::sqrt(err2 / ref2), 2e-3);

  // Weights stay float16 (half the bytes); the scratch holds float32 copies
  // of x, w, b and y, widened on every run.
  EXPECT_EQ(f16->weight_bytes() * 2, f32->weight_bytes());
  const size_t widened = (243 + 108 + 4 + 100) * sizeof(float);
  EXPECT_GE(f16->node_reports()[0].scratch_bytes, widened + f32->node_reports()[0].scratch_bytes);
  EXPECT_EQ(f16->node_reports()[0].cost.macs, f32->node_reports()[0].cost.macs);
}

// x -> Neg -> a -> Relu -> r -> Neg -> y: Relu may write over its input.
TEST(Float16AdapterTest, ReluRunsInPlaceAndWritesOverItsInputCopy) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat16, {2, 50});
  AddNode(model, "Neg", {"x"}, {"a"});
  AddNode(model, "Relu", {"a"}, {"r"});
  AddNode(model, "Neg", {"r"}, {"y"});
  AddOutput(model, "y", DType::kFloat16, {2, 50});
  auto session = CreateSession(model);
  ASSERT_TRUE(session);
  const Tensor x = FloatTensor({2, 50}, RandomValues(100, 4));
  const Tensor y = ToFloat(RunTwice(*session, {ToHalf(x)}));
  const Tensor x_half = ToFloat(ToHalf(x));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(y.data<float>()[i], std::min(x_half.data<float>()[i], 0.0f)) << i;

  const Graph& g = session->graph();
  int a_buffer = -1, r_buffer = -2;
  for (const ArenaValue& av : session->arena_values()) {
    if (av.value == g.FindValue("a")) a_buffer = av.buffer;
    if (av.value == g.FindValue("r")) r_buffer = av.buffer;
  }
  EXPECT_EQ(a_buffer, r_buffer) << "Relu did not run in place";
  // One float32 copy: the output is staged over the input's.
  EXPECT_EQ(session->node_reports()[1].scratch_bytes, 100 * sizeof(float) + 48);  // 400 rounded up to 64
}

// Clip (opset 13) with float16 min and max initializers.
TEST(Float16AdapterTest, ClipTakesFloat16Bounds) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat16, {6});
  AddInitializer(model, "lo", ToHalf(FloatTensor({}, {-1})));
  AddInitializer(model, "hi", ToHalf(FloatTensor({}, {1.5})));
  AddNode(model, "Clip", {"x", "lo", "hi"}, {"y"});
  AddOutput(model, "y", DType::kFloat16, {6});
  auto session = CreateSession(model);
  ASSERT_TRUE(session);
  const Tensor y = ToFloat(RunTwice(*session, {ToHalf(FloatTensor({6}, {-3, -0.5, 0.25, 1.5, 2, 7}))}));
  ExpectNear(y, {6}, {-1, -0.5, 0.25, 1.5, 1.5, 1.5}, 0.0);
}

// Range reads its inputs' values at infer (the output size): the adapter
// widens known float16 values for it, and the node folds at creation.
TEST(Float16AdapterTest, RangeReadsWidenedKnownValuesAndFolds) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInitializer(model, "start", ToHalf(FloatTensor({}, {0})));
  AddInitializer(model, "limit", ToHalf(FloatTensor({}, {2})));
  AddInitializer(model, "delta", ToHalf(FloatTensor({}, {0.5})));
  AddInput(model, "x", DType::kFloat16, {4});
  AddNode(model, "Range", {"start", "limit", "delta"}, {"r"});
  AddNode(model, "Add", {"x", "r"}, {"y"});
  AddOutput(model, "y", DType::kFloat16, {4});
  auto session = CreateSession(model);
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->node_reports()[0].folded);
  const Tensor y = ToFloat(RunTwice(*session, {ToHalf(FloatTensor({4}, {1, 1, 1, 1}))}));
  ExpectNear(y, {4}, {1, 1.5, 2, 2.5}, 0.0);
}

// ArgMax on float16 gives int64 indices, passed through unconverted; Mul(x, x)
// widens x once.
TEST(Float16AdapterTest, NonFloatOutputsPassThroughAndRepeatedInputsWidenOnce) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat16, {2, 3});
  AddNode(model, "Mul", {"x", "x"}, {"sq"});
  auto* argmax = AddNode(model, "ArgMax", {"sq"}, {"i"});
  AddAttribute(argmax, "axis", onnx::AttributeProto::INT)->set_i(1);
  AddOutput(model, "i", DType::kInt64, {2, 1});
  auto session = CreateSession(model);
  ASSERT_TRUE(session);
  const Tensor i = RunTwice(*session, {ToHalf(FloatTensor({2, 3}, {0.5, -2, 1, 3, 0, -4}))});
  ExpectTensor(i, DType::kInt64, {2, 1}, {1, 2});
  // Mul: x once and sq over it (Mul is in place): 6 floats, one 64-byte block.
  EXPECT_EQ(session->node_reports()[0].scratch_bytes, 64u);
}

// The ops run natively accept float16 in their own infer, so no adapter is
// needed; every other op gets one.
TEST(Float16AdapterTest, NativeOpsAcceptFloat16AndOthersAreWrapped) {
  Node transpose;
  transpose.op_type = "Transpose";
  EXPECT_TRUE(RunsNativelyOnFloat16(transpose, 13));
  Node pad;
  pad.op_type = "Pad";
  EXPECT_TRUE(RunsNativelyOnFloat16(pad, 11));
  EXPECT_FALSE(RunsNativelyOnFloat16(pad, 10));
  Node add;
  add.op_type = "Add";
  EXPECT_FALSE(RunsNativelyOnFloat16(add, 13));

  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat16, {2, 3});
  AddNode(model, "Transpose", {"x"}, {"t"});
  AddNode(model, "Sigmoid", {"t"}, {"y"});
  AddOutput(model, "y", DType::kFloat16, {3, 2});
  auto session = CreateSession(model);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->node_reports()[0].scratch_bytes, 0u);  // no float32 copies: native
  EXPECT_GT(session->node_reports()[1].scratch_bytes, 0u);  // wrapped
  const Tensor y = ToFloat(RunTwice(*session, {ToHalf(FloatTensor({2, 3}, {0, 1, 2, -1, -2, 3}))}));
  const std::vector<double> t = {0, -1, 1, -2, 2, 3};
  std::vector<double> expected;
  for (double v : t) expected.push_back(Float16ToFloat32(Float32ToFloat16(static_cast<float>(1 / (1 + std::exp(-v))))));
  ExpectNear(y, {3, 2}, expected, 1e-3);

  for (const OpDef* op : AllRefOps()) {
    const OpDef* adapter = Float16AdapterFor(op);
    ASSERT_NE(adapter, nullptr) << op->op_type;
    EXPECT_STREQ(adapter->op_type, op->op_type);
    EXPECT_EQ(adapter->in_place, op->in_place) << op->op_type;
  }
}

}  // namespace
}  // namespace edgebench::testing
