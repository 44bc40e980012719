// Whole zoo models through the eigen backend match ref: every Conv, Gemm and
// MatMul the backend takes, composed over a real network, at 1 and 2 threads,
// as loaded (opt level none) and after the graph passes of level all, which
// fold BatchNormalization into the Convs and fuse activations into
// com.microsoft FusedConv / FusedGemm. Depthwise convolutions fall back to
// ref and are reported as such.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/passes/graph_optimizer.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

std::unique_ptr<Session> MakeSession(const std::string& model_name, OptLevel level, const std::string& backend,
                                     int threads) {
  const zoo::ZooModel* entry = zoo::FindModel(model_name);
  EXPECT_NE(entry, nullptr) << model_name;
  if (!entry) return nullptr;
  auto proto = entry->build(42);
  EXPECT_TRUE(proto.ok()) << proto.status().ToString();
  if (!proto.ok()) return nullptr;
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

std::vector<Tensor> Inputs(const Session& session) {
  std::vector<Tensor> inputs;
  for (int i = 0; i < session.num_inputs(); ++i) {
    inputs.push_back(MakeSyntheticInput(session.input_info(i).dtype(), session.input_info(i).shape(), 7 + i).value());
  }
  return inputs;
}

class EigenZooTest : public ::testing::TestWithParam<std::tuple<std::string, OptLevel, int>> {};

TEST_P(EigenZooTest, MatchesRef) {
  const auto& [name, level, threads] = GetParam();
  auto ref = MakeSession(name, level, "ref", 1);
  auto eigen = MakeSession(name, level, "eigen", threads);
  ASSERT_TRUE(ref && eigen);
  const std::vector<Tensor> inputs = Inputs(*ref);
  ASSERT_TRUE(ref->Run(inputs).ok());
  const Status run = eigen->Run(inputs);
  ASSERT_TRUE(run.ok()) << run.ToString();

  int on_eigen = 0, depthwise_fallbacks = 0;
  for (const NodeReport& r : eigen->node_reports()) {
    const Node& node = eigen->graph().nodes[r.node];
    if (r.backend == "eigen") ++on_eigen;
    const bool conv = node.op_type == "Conv" || node.op_type == "FusedConv";
    if (conv && node.attributes.GetInt("group", 1) > 1 && r.fallback) ++depthwise_fallbacks;
    if (conv && node.attributes.GetInt("group", 1) == 1) {
      EXPECT_EQ(r.backend, "eigen") << node.Describe();
    }
    const bool dense = node.op_type == "Gemm" || node.op_type == "FusedGemm" || node.op_type == "MatMul";
    if (dense && !r.folded) {
      EXPECT_EQ(r.backend, "eigen") << node.Describe();
    }
  }
  EXPECT_GT(on_eigen, 0);
  if (name == "mobilenet_v2") {
    EXPECT_GT(depthwise_fallbacks, 0);
  }

  // The networks are not linear, so the per-element bound of the kernel tests
  // does not carry over; the whole output is held to a relative L2 error.
  for (int o = 0; o < ref->num_outputs(); ++o) {
    const Tensor& want = ref->output(o);
    const Tensor& got = eigen->output(o);
    ASSERT_EQ(want.shape(), got.shape());
    double diff = 0.0, norm = 0.0;
    for (int64_t i = 0; i < want.num_elements(); ++i) {
      const double d = static_cast<double>(got.data<float>()[i]) - want.data<float>()[i];
      diff += d * d;
      norm += static_cast<double>(want.data<float>()[i]) * want.data<float>()[i];
    }
    EXPECT_LE(std::sqrt(diff), 1e-4 * std::sqrt(norm) + 1e-6) << name << " output " << o;
  }
}

INSTANTIATE_TEST_SUITE_P(Zoo, EigenZooTest,
                         ::testing::Combine(::testing::Values("mobilenet_v2", "resnet18"),
                                            ::testing::Values(OptLevel::kNone, OptLevel::kAll), ::testing::Values(1, 2)),
                         [](const auto& p) {
                           return std::get<0>(p.param) + "_" + OptLevelName(std::get<1>(p.param)) + "_threads" +
                                  std::to_string(std::get<2>(p.param));
                         });

}  // namespace
}  // namespace edgebench::testing
