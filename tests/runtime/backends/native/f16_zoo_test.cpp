// Zoo models converted to float16 on the native backend against the same
// models on ref (its float16 adapter): every Conv (depthwise too), Gemm and
// MatMul runs on native, the outputs agree within a relative L2 of 1e-3, and
// the weights stay half of the float32 model's.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/passes/graph_optimizer.h"
#include "runtime/precision/float16_converter.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

// The zoo model, converted to float16 when asked, then through the passes of
// `level` (which fold BN into the Convs and fuse Relu/Clip into FusedConv).
std::unique_ptr<Session> MakeSession(const std::string& model_name, bool fp16, OptLevel level,
                                     const std::string& backend, int threads) {
  const zoo::ZooModel* entry = zoo::FindModel(model_name);
  EXPECT_NE(entry, nullptr) << model_name;
  if (!entry) return nullptr;
  auto proto = entry->build(42);
  EXPECT_TRUE(proto.ok()) << proto.status().ToString();
  if (!proto.ok()) return nullptr;
  if (fp16) {
    Float16ConversionReport report;
    const Status converted = ConvertToFloat16(*proto, &report);
    EXPECT_TRUE(converted.ok()) << converted.ToString();
  }
  const Status optimized = OptimizeModel(*proto, level, nullptr);
  EXPECT_TRUE(optimized.ok()) << optimized.ToString();
  auto model = LoadModelFromBytes(Serialize(*proto), "/tmp", model_name + ".onnx");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return nullptr;
  SessionOptions options;
  options.backend = backend;
  options.threads = threads;
  auto session = Session::Create(*model, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return session.ok() ? std::move(session).value() : nullptr;
}

double RelativeL2(const Tensor& got, const Tensor& want) {
  double diff = 0.0, norm = 0.0;
  for (int64_t i = 0; i < want.num_elements(); ++i) {
    const double d = static_cast<double>(got.data<float>()[i]) - want.data<float>()[i];
    diff += d * d;
    norm += static_cast<double>(want.data<float>()[i]) * want.data<float>()[i];
  }
  return std::sqrt(diff / std::max(norm, 1e-30));
}

class F16ZooTest : public ::testing::TestWithParam<std::tuple<std::string, OptLevel, int>> {};

TEST_P(F16ZooTest, NativeMatchesRefAndKeepsHalfWeights) {
  const auto& [name, level, threads] = GetParam();
  auto ref = MakeSession(name, true, level, "ref", 1);
  auto native = MakeSession(name, true, level, "native", threads);
  auto native32 = MakeSession(name, false, level, "native", threads);
  ASSERT_TRUE(ref && native && native32);
  std::vector<Tensor> inputs;
  for (int i = 0; i < ref->num_inputs(); ++i) {
    inputs.push_back(MakeSyntheticInput(ref->input_info(i).dtype(), ref->input_info(i).shape(), 7 + i).value());
  }
  ASSERT_TRUE(ref->Run(inputs).ok());
  const Status run = native->Run(inputs);
  ASSERT_TRUE(run.ok()) << run.ToString();

  int on_native = 0;
  for (const NodeReport& r : native->node_reports()) {
    const Node& node = native->graph().nodes[r.node];
    if (r.backend == "native") ++on_native;
    const bool conv = node.op_type == "Conv" || node.op_type == "FusedConv";
    if (conv) {
      EXPECT_EQ(r.backend, "native") << node.Describe();
    }
    const bool dense = node.op_type == "Gemm" || node.op_type == "MatMul";
    if (dense && !r.folded) {
      EXPECT_EQ(r.backend, "native") << node.Describe();
    }
  }
  EXPECT_GT(on_native, 0);

  for (int o = 0; o < ref->num_outputs(); ++o) {
    ASSERT_EQ(native->output(o).shape(), ref->output(o).shape());
    ASSERT_EQ(native->output(o).dtype(), DType::kFloat32) << "graph outputs stay float32 (Casts)";
    const double rel = RelativeL2(native->output(o), ref->output(o));
    EXPECT_LE(rel, 1e-3) << name << " output " << o;
    std::printf("  %s native fp16 vs ref fp16: relative L2 %.2e\n", name.c_str(), rel);
  }
  const double ratio = static_cast<double>(native->weight_bytes()) / static_cast<double>(native32->weight_bytes());
  std::printf("  %s native weight bytes fp16/fp32 %zu/%zu = %.3f\n", name.c_str(), native->weight_bytes(),
              native32->weight_bytes(), ratio);
  EXPECT_NEAR(ratio, 0.5, 0.02);
}

INSTANTIATE_TEST_SUITE_P(Zoo, F16ZooTest,
                         ::testing::Values(std::make_tuple("mobilenet_v2", OptLevel::kNone, 1),
                                           std::make_tuple("mobilenet_v2", OptLevel::kAll, 2),
                                           std::make_tuple("resnet18", OptLevel::kAll, 1)),
                         [](const auto& p) {
                           return std::get<0>(p.param) + "_" + OptLevelName(std::get<1>(p.param)) + "_threads" +
                                  std::to_string(std::get<2>(p.param));
                         });

}  // namespace
}  // namespace edgebench::testing
