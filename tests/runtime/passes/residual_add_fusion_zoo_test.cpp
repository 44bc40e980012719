// Every zoo model after the level-all passes (residual Adds fused into
// FusedConv's Z, activations after them) computes what it computed as loaded,
// on ref, native and eigen: the same backend at level none and level all,
// within a relative L2 of 1e-5. On native and eigen, every non-depthwise
// FusedConv with Z runs on the backend itself, not on ref.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/passes/graph_optimizer.h"
#include "runtime/session/session.h"
#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

struct ZooRun {
  std::vector<float> outputs;
  int fused_with_z = 0;     // FusedConv nodes with a Z
  int z_on_backend = 0;     // of those, run by the backend asked for
  int z_depthwise = 0;      // of those, depthwise (left to ref on native)
};

ZooRun RunZoo(const zoo::ZooModel& entry, OptLevel level, const std::string& backend) {
  ZooRun result;
  auto proto = entry.build(42);
  EXPECT_TRUE(proto.ok()) << proto.status().ToString();
  if (!proto.ok()) return result;
  const Status optimized = OptimizeModel(*proto, level, nullptr);
  EXPECT_TRUE(optimized.ok()) << optimized.ToString();
  auto model = LoadModelFromBytes(Serialize(*proto), "/tmp", std::string(entry.name) + ".onnx");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return result;
  SessionOptions options;
  options.backend = backend;
  auto session = Session::Create(*model, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return result;
  std::vector<Tensor> inputs;
  for (int i = 0; i < (*session)->num_inputs(); ++i) {
    const Tensor& info = (*session)->input_info(i);
    inputs.push_back(MakeSyntheticInput(info.dtype(), info.shape(), 7 + i).value());
  }
  const Status run = (*session)->Run(inputs);
  EXPECT_TRUE(run.ok()) << run.ToString();
  if (!run.ok()) return result;
  for (int o = 0; o < (*session)->num_outputs(); ++o) {
    const Tensor& t = (*session)->output(o);
    if (t.dtype() != DType::kFloat32) continue;
    result.outputs.insert(result.outputs.end(), t.data<float>(), t.data<float>() + t.num_elements());
  }
  for (const NodeReport& r : (*session)->node_reports()) {
    const Node& node = (*session)->graph().nodes[r.node];
    if (node.op_type != "FusedConv" || node.inputs.size() < 4 || node.inputs[3] == kNoValue) continue;
    ++result.fused_with_z;
    result.z_on_backend += r.backend == backend && !r.fallback;
    result.z_depthwise += node.attributes.GetInt("group", 1) > 1;
  }
  return result;
}

class ResidualAddFusionZooTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ResidualAddFusionZooTest, EveryZooModelAtAllMatchesNone) {
  const std::string backend = GetParam();
  int fused_with_z = 0;
  for (const zoo::ZooModel& entry : zoo::Models()) {
    SCOPED_TRACE(entry.name);
    const ZooRun none = RunZoo(entry, OptLevel::kNone, backend);
    const ZooRun all = RunZoo(entry, OptLevel::kAll, backend);
    ASSERT_FALSE(none.outputs.empty());
    EXPECT_LT(RelL2(none.outputs, all.outputs), 1e-5);
    EXPECT_EQ(none.fused_with_z, 0);
    fused_with_z += all.fused_with_z;
    if (backend != "ref") {
      EXPECT_EQ(all.z_on_backend + all.z_depthwise, all.fused_with_z);
    }
    if (std::string(entry.name) == "resnet18" || std::string(entry.name) == "mobilenet_v2") {
      EXPECT_GT(all.fused_with_z, 0);
    }
  }
  EXPECT_GT(fused_with_z, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResidualAddFusionZooTest, ::testing::Values("ref", "native", "eigen"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace edgebench::testing
