#include "bench/kernels/single_node_model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace edgebench::bench {
namespace {

constexpr uint64_t kSeed = 42;

std::unique_ptr<Session> RefSession(const LayerCase& layer, LayerPrecision precision) {
  auto model = MakeSingleNodeModel(layer, precision, kSeed);
  EXPECT_TRUE(model.ok()) << layer.Label() << ": " << model.status().ToString();
  if (!model.ok()) return nullptr;
  auto session = Session::Create(*model);
  EXPECT_TRUE(session.ok()) << layer.Label() << ": " << session.status().ToString();
  return session.ok() ? std::move(*session) : nullptr;
}

const LayerCase& CaseOf(const std::string& family) {
  for (const LayerCase& c : LayerCases()) {
    if (c.family == family) return c;
  }
  ADD_FAILURE() << "no layer case of family " << family;
  return LayerCases().front();
}

TEST(SingleNodeModelTest, EveryLayerBindsOnRefWithTheCostOfItsGeometry) {
  for (const LayerCase& layer : LayerCases()) {
    for (LayerPrecision precision : {LayerPrecision::kFp32, LayerPrecision::kInt8}) {
      SCOPED_TRACE(layer.Label() + "/" + LayerPrecisionName(precision));
      auto session = RefSession(layer, precision);
      ASSERT_NE(session, nullptr);
      ASSERT_EQ(session->node_reports().size(), 1u);
      EXPECT_FALSE(session->node_reports()[0].fallback);
      EXPECT_EQ(session->total_cost().macs, layer.Macs());
      // Two FLOPs per MAC, plus the float ops' element-wise work per output
      // (Conv's bias add; Gemm's alpha, beta and C), which the cost model
      // counts too; MaxPool counts one comparison per tap.
      const int64_t outputs = session->output(0).num_elements();
      const int64_t per_output = layer.op == LayerOp::kMaxPool ? layer.kernel * layer.kernel : 3;
      EXPECT_GE(session->total_cost().flops, 2 * layer.Macs());
      EXPECT_LE(session->total_cost().flops, 2 * layer.Macs() + per_output * outputs);
      const DType activation = precision == LayerPrecision::kInt8 ? DType::kUInt8 : DType::kFloat32;
      EXPECT_EQ(session->input_info(0).dtype(), activation);
      EXPECT_EQ(session->output(0).dtype(), activation);
    }
  }
}

TEST(SingleNodeModelTest, StridedConvHalvesTheOutput) {
  auto session = RefSession(CaseOf("conv_first"), LayerPrecision::kFp32);
  ASSERT_NE(session, nullptr);
  EXPECT_EQ(session->output(0).shape(), (Shape{1, 32, 112, 112}));
}

// SqueezeNet's ceil_mode pool (111 -> 55) and ResNet's padded one (112 -> 56),
// as the runtime's shape inference has them.
TEST(SingleNodeModelTest, MaxPoolCasesTakeTheirModelsOutputSizes) {
  std::vector<Shape> shapes;
  for (const LayerCase& layer : LayerCases()) {
    if (layer.op != LayerOp::kMaxPool) continue;
    auto session = RefSession(layer, LayerPrecision::kFp32);
    ASSERT_NE(session, nullptr);
    shapes.push_back(session->output(0).shape());
  }
  EXPECT_EQ(shapes, (std::vector<Shape>{{1, 64, 55, 55}, {1, 64, 56, 56}}));
}

// The MatMul layer computes A x B with the weights the model carries.
TEST(SingleNodeModelTest, MatMulComputesTheProductOfItsWeights) {
  const LayerCase& layer = CaseOf("matmul");
  auto session = RefSession(layer, LayerPrecision::kFp32);
  ASSERT_NE(session, nullptr);
  auto inputs = MakeRandomInputs(*session, kSeed);
  ASSERT_TRUE(inputs.ok()) << inputs.status().ToString();
  ASSERT_TRUE(session->Run(*inputs).ok());
  const Tensor* b = nullptr;
  for (size_t v = 0; v < session->graph().values.size(); ++v) {
    if (session->graph().values[v].name == "b") b = &session->value(static_cast<int>(v));
  }
  ASSERT_NE(b, nullptr);
  const float* a = (*inputs)[0].data<float>();
  const float* y = session->output(0).data<float>();
  for (int64_t j = 0; j < layer.n; j += 97) {
    double expected = 0.0;
    for (int64_t i = 0; i < layer.k; ++i) expected += double{a[i]} * b->data<float>()[i * layer.n + j];
    EXPECT_NEAR(y[j], expected, 1e-4) << "column " << j;
  }
}

TEST(SingleNodeModelTest, RandomInputsFollowTheSeedAndTheBoundType) {
  auto session = RefSession(CaseOf("matmul"), LayerPrecision::kInt8);
  ASSERT_NE(session, nullptr);
  auto first = MakeRandomInputs(*session, kSeed);
  auto again = MakeRandomInputs(*session, kSeed);
  auto other = MakeRandomInputs(*session, kSeed + 1);
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  const Tensor& x = (*first)[0];
  EXPECT_EQ(x.dtype(), DType::kUInt8);
  EXPECT_EQ(x.shape(), session->input_info(0).shape());
  EXPECT_EQ(std::memcmp(x.raw_data(), (*again)[0].raw_data(), x.num_bytes()), 0);
  EXPECT_NE(std::memcmp(x.raw_data(), (*other)[0].raw_data(), x.num_bytes()), 0);
  EXPECT_TRUE(session->Run(*first).ok());
}

}  // namespace
}  // namespace edgebench::bench
