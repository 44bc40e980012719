// Zoo models quantized to int8 as `edgebench run` does (PrepareModel: static
// QDQ, fused at opt level all) on the native backend: every QLinearConv,
// depthwise ones included, runs on native, and the outputs equal ref's on
// the same quantized model (both backends' integer kernels are exact).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "harness/sweep/precision_model.h"
#include "harness/zoo/zoo.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

std::unique_ptr<Session> MakeSession(std::shared_ptr<const Model> model, const std::string& backend, int threads) {
  SessionOptions options;
  options.backend = backend;
  options.threads = threads;
  auto session = Session::Create(model, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return session.ok() ? std::move(session).value() : nullptr;
}

class Int8ZooTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Int8ZooTest, EveryQLinearConvOnNativeAndOutputsEqualRef) {
  const std::string name = GetParam();
  const std::string dir = MakeTempDir("eb_int8_zoo_");
  auto built = zoo::BuildZoo(dir, {name});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  RunConfig config;
  config.model = name;
  config.model_path = built->at(0);
  config.precision = "int8";
  config.opt_level = "all";
  auto prepared = PrepareModel(config, PrecisionRules{}, 1);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  auto ref = MakeSession(prepared->model, "ref", 1);
  auto native = MakeSession(prepared->model, "native", 2);
  ASSERT_TRUE(ref && native);

  int depthwise = 0;
  for (const NodeReport& r : native->node_reports()) {
    const Node& node = native->graph().nodes[r.node];
    if (node.op_type != "QLinearConv") continue;
    EXPECT_EQ(r.backend, "native") << node.Describe();
    depthwise += node.attributes.GetInt("group", 1) > 1;
  }
  if (name == "mobilenet_v2") {
    EXPECT_EQ(depthwise, 17);
  }

  std::vector<Tensor> inputs;
  for (int i = 0; i < ref->num_inputs(); ++i) {
    inputs.push_back(MakeSyntheticInput(ref->input_info(i).dtype(), ref->input_info(i).shape(), 7 + i).value());
  }
  ASSERT_TRUE(ref->Run(inputs).ok());
  const Status run = native->Run(inputs);
  ASSERT_TRUE(run.ok()) << run.ToString();
  for (int o = 0; o < ref->num_outputs(); ++o) {
    const Tensor& got = native->output(o);
    const Tensor& want = ref->output(o);
    ASSERT_EQ(got.shape(), want.shape());
    ASSERT_EQ(got.dtype(), want.dtype());
    ASSERT_EQ(got.num_bytes(), want.num_bytes());
    EXPECT_EQ(std::memcmp(got.raw_data(), want.raw_data(), want.num_bytes()), 0) << name << " output " << o;
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Zoo, Int8ZooTest, ::testing::Values("mobilenet_v2", "ds_cnn_kws"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace edgebench::testing
