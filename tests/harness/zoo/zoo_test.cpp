// The model zoo: every model passes the ONNX checker, has the architecture's
// shapes, parameter count and MACs, is deterministic in its seed, and gives
// outputs of a realistic scale through the runtime.
#include "harness/zoo/zoo.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <filesystem>
#include <ostream>
#include <set>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/graph_builder.h"
#include "runtime/core/file_io.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  const char* name;
  std::vector<int64_t> input;   // -1: the symbolic "batch" dim
  std::vector<int64_t> output;
  int64_t params;  // float initializer elements, BN running statistics and scalar constants excluded
  double macs;     // the architecture's multiply-accumulates at batch 1
};

// Parameter counts follow torchvision's `sum(p.numel() for p in m.parameters())`
// (BN gamma and beta count; running mean and variance are buffers, not parameters):
// - resnet18 11,689,512 and squeezenet1_1 1,235,496 equal torchvision's exactly.
// - mobilenet_v2 is 3,504,872 in torchvision; its BNs (17,056 channels) are folded
//   here, as torch.onnx.export does, so each channel's gamma and beta become one
//   conv bias: 3,504,872 - 17,056 = 3,487,816.
// - ds_cnn_kws: conv 1*64*10*4+64, BN 2*64, 4 x (dw 64*9+64, BN 128, pw 64*64+64, BN 128), fc 64*12+12.
// - accel_cnn1d: 3*32*5+32 + 32*64*5+64 + 64*64*3+64 + 64*6+6.
// - gru_kws: GRU W/R/B (3H*in + 3H*H + 6H) for in = 10 and 64, H = 64, plus fc 64*12+12;
//   the same count as torch.nn.GRU (b_ih + b_hh).
// - mlp_autoencoder: the six Linear layers of 64-32-16-8-16-32-64.
// - transformer_encoder: per layer q/k/v/out 4*(64*64+64), FFN 64*256+256 + 256*64+64, 2 LN * 128.
// MACs: published figures (MobileNetV2 paper table 4: 300 M; torchvision: ResNet-18
// 1.81 G, SqueezeNet 1.1 0.35 G) and, for the small models, sums of the layers above.
const std::vector<Expectation>& Expectations() {
  static const std::vector<Expectation> kExpectations = {
      {"mobilenet_v2", {-1, 3, 224, 224}, {-1, 1000}, 3487816, 300e6},
      {"resnet18", {-1, 3, 224, 224}, {-1, 1000}, 11689512, 1.81e9},
      {"squeezenet1_1", {-1, 3, 224, 224}, {-1, 1000}, 1235496, 0.35e9},
      // 25x5 after the strided conv: 320,000 + 4 x (72,000 + 512,000) + 768.
      {"ds_cnn_kws", {-1, 1, 49, 10}, {-1, 12}, 23756, 2656768},
      // 128*32*15 + 64*64*160 + 32*64*192 + 384.
      {"accel_cnn1d", {-1, 3, 128}, {-1, 6}, 23558, 1110400},
      // 49 steps x (3*64*(10+64) + 3*64*(64+64)) + 768.
      {"gru_kws", {-1, 49, 10}, {-1, 12}, 40332, 1900416},
      {"mlp_autoencoder", {-1, 64}, {-1, 64}, 5544, 5376},
      // 2 x (4 projections 64*64*64 + QK^T and PV 2*4*64*64*16 + FFN 2*64*64*256).
      {"transformer_encoder", {-1, 64, 64}, {-1, 64, 64}, 99968, 7340032},
  };
  return kExpectations;
}

void PrintTo(const Expectation& e, std::ostream* os) { *os << e.name; }

std::vector<int64_t> Dims(const onnx::ValueInfoProto& info) {
  std::vector<int64_t> dims;
  for (const auto& dim : info.type().tensor_type().shape().dim()) {
    dims.push_back(dim.has_dim_param() ? (dim.dim_param() == "batch" ? -1 : -2) : dim.dim_value());
  }
  return dims;
}

int64_t CountParams(const onnx::ModelProto& model) {
  int64_t count = 0;
  for (const onnx::TensorProto& tensor : model.graph().initializer()) {
    const std::string& name = tensor.name();
    const bool bn_statistic = name.size() > 12 && (name.rfind(".running_mean") == name.size() - 13 ||
                                                   name.rfind(".running_var") == name.size() - 12);
    if (tensor.data_type() != onnx::TensorProto::FLOAT || tensor.dims_size() == 0 || bn_statistic) continue;
    int64_t elements = 1;
    for (int64_t d : tensor.dims()) elements *= d;
    count += elements;
  }
  return count;
}

class ZooTest : public ::testing::TestWithParam<Expectation> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::MakeTempDir("eb_zoo_test_"));
    auto paths = zoo::BuildZoo(*dir_);
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    ASSERT_EQ(paths->size(), zoo::Models().size());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return *dir_ + "/" + name + ".onnx"; }

  static onnx::ModelProto Load(const std::string& name) {
    onnx::ModelProto model;
    auto bytes = ReadFileBytes(Path(name));
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    EXPECT_TRUE(bytes.ok() && model.ParseFromString(*bytes)) << name;
    return model;
  }

  static std::string* dir_;
};
std::string* ZooTest::dir_ = nullptr;

TEST_P(ZooTest, PassesCheckerWithArchitectureShapesAndParams) {
  const Expectation& e = GetParam();
  const onnx::ModelProto model = Load(e.name);
  const Status checked = zoo::CheckModel(model);
  EXPECT_TRUE(checked.ok()) << checked.ToString();

  EXPECT_EQ(model.producer_name(), "edgebench-zoo");
  EXPECT_FALSE(model.doc_string().empty());
  const int64_t opset = model.opset_import(0).version();
  EXPECT_EQ(opset, std::string(e.name) == "transformer_encoder" ? 17 : 13);

  ASSERT_EQ(model.graph().input_size(), 1);
  ASSERT_EQ(model.graph().output_size(), 1);
  EXPECT_EQ(model.graph().input(0).name(), "input");
  EXPECT_EQ(model.graph().output(0).name(), "output");
  EXPECT_EQ(Dims(model.graph().input(0)), e.input);
  EXPECT_EQ(Dims(model.graph().output(0)), e.output);
  EXPECT_EQ(CountParams(model), e.params);
}

TEST_P(ZooTest, UsesOnlyListedOps) {
  static const std::set<std::string> kAllowed = {
      "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Erf", "Tanh",
      "Sigmoid", "Relu", "LeakyRelu", "Elu", "PRelu", "Clip", "HardSigmoid", "HardSwish", "Softplus", "Max",
      "Min", "Sum", "Mean", "Where", "Equal", "Less", "Greater", "Not", "Cast", "Identity", "Dropout",
      "Constant", "ConstantOfShape", "Shape", "Size", "Range", "Gather", "Slice", "Concat", "Split", "Reshape",
      "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Expand", "Tile", "Pad", "Conv", "ConvTranspose",
      "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization",
      "LayerNormalization", "InstanceNormalization", "Gemm", "MatMul", "Softmax", "LogSoftmax", "ReduceMean",
      "ReduceSum", "ReduceMax", "ReduceMin", "ArgMax", "TopK", "Resize", "LSTM", "GRU"};
  const onnx::ModelProto model = Load(GetParam().name);
  for (const onnx::NodeProto& node : model.graph().node()) {
    EXPECT_EQ(kAllowed.count(node.op_type()), 1u) << node.name() << ": " << node.op_type();
  }
}

TEST_P(ZooTest, IsDeterministicInItsSeed) {
  const zoo::ZooModel* entry = zoo::FindModel(GetParam().name);
  ASSERT_NE(entry, nullptr);
  auto rebuilt = entry->build(42);
  auto other_seed = entry->build(7);
  ASSERT_TRUE(rebuilt.ok() && other_seed.ok());
  auto written = ReadFileBytes(Path(GetParam().name));
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(rebuilt->SerializeAsString(), *written) << "seed 42 gave different bytes";
  EXPECT_NE(other_seed->SerializeAsString(), *written) << "the seed changed nothing";
}

// The runtime's accounting agrees with the architecture's MACs, and weights
// keep a random input's signal alive: a finite output, neither collapsed nor
// exploded. Models with ops the runtime lacks are skipped.
TEST_P(ZooTest, RunsWithArchitectureMacsAndRealisticOutputs) {
  const Expectation& e = GetParam();
  auto model = LoadModel(Path(e.name));
  if (!model.ok() && model.status().code() == ErrorCode::kUnsupported) GTEST_SKIP() << model.status().ToString();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  if (!session.ok() && session.status().code() == ErrorCode::kUnsupported) {
    GTEST_SKIP() << session.status().ToString();
  }
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_NEAR(static_cast<double>((*session)->total_cost().macs), e.macs, 0.01 * e.macs);

  const Tensor& info = (*session)->input_info(0);
  auto input = MakeSyntheticInput(info.dtype(), info.shape(), 1);
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  const Status ran = (*session)->Run({*input});
  ASSERT_TRUE(ran.ok()) << ran.ToString();

  const Tensor& out = (*session)->output(0);
  double sum = 0.0, sum_sq = 0.0;
  for (int64_t i = 0; i < out.num_elements(); ++i) {
    const double v = out.data<float>()[i];
    ASSERT_TRUE(std::isfinite(v)) << "element " << i;
    sum += v;
    sum_sq += v * v;
  }
  const double n = static_cast<double>(out.num_elements());
  const double stddev = std::sqrt(std::max(0.0, sum_sq / n - (sum / n) * (sum / n)));
  EXPECT_GT(stddev, 0.05) << "outputs nearly constant";
  EXPECT_LT(stddev, 20.0) << "outputs blew up";
}

INSTANTIATE_TEST_SUITE_P(Zoo, ZooTest, ::testing::ValuesIn(Expectations()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(ZooListTest, EveryModelHasOneExpectationAndOneName) {
  std::set<std::string> names;
  for (const zoo::ZooModel& m : zoo::Models()) {
    EXPECT_TRUE(names.insert(m.name).second) << "duplicate " << m.name;
    EXPECT_EQ(zoo::FindModel(m.name), &m);
    EXPECT_NE(std::string(m.task), "");
    EXPECT_NE(std::string(m.description), "");
  }
  EXPECT_EQ(zoo::FindModel("alexnet"), nullptr);
  std::set<std::string> expected;
  for (const Expectation& e : Expectations()) expected.insert(e.name);
  EXPECT_EQ(names, expected);
}

TEST(ZooBuildTest, SelectsModelsAndRejectsUnknownNames) {
  const std::string dir = testing::MakeTempDir("eb_zoo_select_");
  auto paths = zoo::BuildZoo(dir + "/nested", {"mlp_autoencoder"}, 3);
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  EXPECT_EQ(*paths, std::vector<std::string>{dir + "/nested/mlp_autoencoder.onnx"});

  auto unknown = zoo::BuildZoo(dir + "/unknown", {"mlp_autoencoder", "alexnet"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("alexnet"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir + "/unknown")) << "nothing is written when a name is wrong";
  fs::remove_all(dir);
}

TEST(ZooBuildTest, CheckModelReportsBrokenGraphs) {
  zoo::GraphBuilder g("broken", 1, 13);
  const zoo::Value x = g.Input("input", {zoo::kBatch, 4});
  g.Output(g.Op("Relu", "relu", {x, "no_such_tensor"}), {zoo::kBatch, 4});
  auto model = g.Finish("broken on purpose");
  ASSERT_TRUE(model.ok());
  const Status checked = zoo::CheckModel(*model);
  EXPECT_EQ(checked.code(), ErrorCode::kInvalidArgument);
}

TEST(ZooBuildTest, DuplicateInitializerFailsFinish) {
  zoo::GraphBuilder g("duplicate", 1, 13);
  g.Fill("w", {2}, 1.0f);
  g.Fill("w", {2}, 2.0f);
  auto model = g.Finish("");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("'w'"), std::string::npos);
}

TEST(ZooRngTest, MatchesTheSplitmix64Reference) {
  zoo::Rng rng(0);
  EXPECT_EQ(rng.NextU64(), 0xe220a8397b1dcdafULL);  // Vigna's splitmix64.c seeded with 0
  EXPECT_EQ(rng.NextU64(), 0x6e789e6aa1b965f4ULL);
}

TEST(ZooRngTest, NormalsHaveUnitMomentsAndDependOnTheTensorName) {
  zoo::Rng rng(zoo::TensorSeed(42, "model", "a.weight"));
  double sum = 0.0, sum_sq = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double v = rng.NextNormal();
    sum += v;
    sum_sq += v * v;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.02);
  EXPECT_NEAR(sum_sq / n, 1.0, 0.02);
  EXPECT_NE(zoo::TensorSeed(42, "model", "a.weight"), zoo::TensorSeed(42, "model", "b.weight"));
  EXPECT_NE(zoo::TensorSeed(42, "model", "a.weight"), zoo::TensorSeed(42, "other", "a.weight"));
  EXPECT_NE(zoo::TensorSeed(42, "model", "a.weight"), zoo::TensorSeed(43, "model", "a.weight"));
}

}  // namespace
}  // namespace edgebench
