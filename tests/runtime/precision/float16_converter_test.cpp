// FP32 -> FP16 conversion: converted models pass the ONNX checker and strict
// shape inference, keep float32 inputs and outputs, halve their weights, and
// run within a stated error of the float32 model.
#include "runtime/precision/float16_converter.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/core/float16.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

// Relative L2 error ||a - b|| / ||b|| of a float32 output against the float32 reference.
double RelativeL2(const Tensor& actual, const Tensor& reference) {
  double err = 0, norm = 0;
  for (int64_t i = 0; i < reference.num_elements(); ++i) {
    const double d = double{actual.data<float>()[i]} - reference.data<float>()[i];
    err += d * d;
    norm += double{reference.data<float>()[i]} * reference.data<float>()[i];
  }
  return std::sqrt(err / std::max(norm, 1e-30));
}

// Bound on the relative L2 error of a float16 model against float32. Half has
// an 11-bit significand (unit roundoff 2^-11 = 4.9e-4): every weight and
// activation is rounded once per layer, and with float32 accumulation those
// roundings add up over depth mostly in quadrature. For the 10-50 layers of
// these models that predicts a few 1e-3; 1e-2 leaves room for layers that
// amplify error (softmax, normalization) without hiding a wrong kernel,
// which shows as errors of order 1.
constexpr double kMaxRelativeL2 = 1e-2;

struct Comparison {
  double worst_rel_l2 = 0;
  size_t fp32_weight_bytes = 0;
  size_t fp16_weight_bytes = 0;
};

// Runs the float32 model and its float16 conversion on the same inputs.
void CompareWithFloat32(const std::string& path, const std::vector<Tensor>* given_inputs, Comparison* out) {
  auto fp32_model = LoadModel(path);
  ASSERT_TRUE(fp32_model.ok()) << fp32_model.status().ToString();
  Float16ConversionReport report;
  auto fp16_model = LoadModelAsFloat16(path, &report);
  ASSERT_TRUE(fp16_model.ok()) << fp16_model.status().ToString();
  EXPECT_GT(report.initializers_converted, 0);
  EXPECT_EQ(report.initializer_bytes_after * 2, report.initializer_bytes_before);

  SessionOptions options;
  if (given_inputs) {
    const Graph& g = (*fp32_model)->graph;
    for (size_t i = 0; i < given_inputs->size(); ++i) {
      options.input_shapes[g.values[g.inputs[i]].name] = (*given_inputs)[i].shape();
    }
  }
  auto fp32 = Session::Create(*fp32_model, options);
  ASSERT_TRUE(fp32.ok()) << fp32.status().ToString();
  auto fp16 = Session::Create(*fp16_model, options);
  ASSERT_TRUE(fp16.ok()) << fp16.status().ToString();

  ASSERT_EQ((*fp16)->num_inputs(), (*fp32)->num_inputs());
  std::vector<Tensor> inputs;
  for (int i = 0; i < (*fp32)->num_inputs(); ++i) {
    // Same names and types: users feed the float16 model as before.
    EXPECT_EQ((*fp16)->input_name(i), (*fp32)->input_name(i));
    EXPECT_EQ((*fp16)->input_info(i).dtype(), (*fp32)->input_info(i).dtype());
    inputs.push_back(given_inputs ? (*given_inputs)[i]
                                  : MakeSyntheticInput((*fp32)->input_info(i).dtype(), (*fp32)->input_info(i).shape(),
                                                       11 + i)
                                        .value());
  }
  ASSERT_TRUE((*fp32)->Run(inputs).ok());
  const Status ran = (*fp16)->Run(inputs);
  ASSERT_TRUE(ran.ok()) << ran.ToString();
  ASSERT_EQ((*fp16)->num_outputs(), (*fp32)->num_outputs());
  for (int o = 0; o < (*fp32)->num_outputs(); ++o) {
    const Tensor& reference = (*fp32)->output(o);
    const Tensor& actual = (*fp16)->output(o);
    EXPECT_EQ((*fp16)->output_name(o), (*fp32)->output_name(o));
    ASSERT_EQ(actual.dtype(), reference.dtype());
    ASSERT_EQ(actual.shape(), reference.shape());
    if (reference.dtype() != DType::kFloat32) continue;
    out->worst_rel_l2 = std::max(out->worst_rel_l2, RelativeL2(actual, reference));
  }
  out->fp32_weight_bytes = (*fp32)->weight_bytes();
  out->fp16_weight_bytes = (*fp16)->weight_bytes();
}

void ExpectHalfWeightsAndSmallError(const std::string& label, const Comparison& c) {
  const double weight_ratio = static_cast<double>(c.fp16_weight_bytes) / static_cast<double>(c.fp32_weight_bytes);
  std::printf("  %-22s fp16/fp32 weight bytes %zu/%zu = %.3f, worst relative L2 %.2e\n", label.c_str(),
              c.fp16_weight_bytes, c.fp32_weight_bytes, weight_ratio, c.worst_rel_l2);
  // Float weights halve; int64 shape constants (Reshape targets) do not.
  EXPECT_GE(weight_ratio, 0.5);
  EXPECT_LE(weight_ratio, 0.52);
  EXPECT_LT(c.worst_rel_l2, kMaxRelativeL2);
}

class Float16ZooTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::MakeTempDir("eb_fp16_zoo_"));
    auto built = zoo::BuildZoo(*dir_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string* dir_;
};
std::string* Float16ZooTest::dir_ = nullptr;

TEST_P(Float16ZooTest, ConvertsPassesOnnxChecksAndStaysClose) {
  const std::string path = *dir_ + "/" + GetParam() + ".onnx";
  auto proto = ReadModelProto(path);
  ASSERT_TRUE(proto.ok()) << proto.status().ToString();
  Float16ConversionReport report;
  const Status converted = ConvertToFloat16(*proto, &report);
  ASSERT_TRUE(converted.ok()) << converted.ToString();
  const Status checked = zoo::CheckModel(*proto);
  EXPECT_TRUE(checked.ok()) << checked.ToString();
  // A Cast after every float input and before every float output at least.
  EXPECT_GE(report.casts_inserted, proto->graph().input_size() + proto->graph().output_size() -
                                       static_cast<int>(report.kept_float32.size()));
  for (const auto& kept : report.kept_float32) std::printf("  kept float32: %s (%s)\n", kept.name.c_str(), kept.reason.c_str());
  Comparison comparison;
  CompareWithFloat32(path, nullptr, &comparison);
  ExpectHalfWeightsAndSmallError(GetParam(), comparison);
}

std::vector<std::string> ZooNames() {
  std::vector<std::string> names;
  for (const auto& m : zoo::Models()) names.push_back(m.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, Float16ZooTest, ::testing::ValuesIn(ZooNames()),
                         [](const auto& param_info) { return param_info.param; });

// Real PyTorch exports (make exports), on their recorded inputs.
TEST(Float16RealExportTest, ConvertedExportsStayClose) {
  const char* dir = std::getenv("EDGEBENCH_EXPORTS_DIR");
  if (!dir || !fs::is_directory(dir)) {
    GTEST_SKIP() << "no real exports: run `make exports` (needs Debian's python3-torch) and set EDGEBENCH_EXPORTS_DIR";
  }
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!fs::exists(entry.path() / "model.onnx")) continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto input = ReadTensorProtoFile((entry.path() / "test_data_set_0" / "input_0.pb").string());
    ASSERT_TRUE(input.ok()) << input.status().ToString();
    const std::vector<Tensor> inputs = {*input};
    Comparison comparison;
    CompareWithFloat32((entry.path() / "model.onnx").string(), &inputs, &comparison);
    ExpectHalfWeightsAndSmallError(entry.path().filename().string(), comparison);
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no exported models found in " << dir;
}

// Nothing float: nothing changes, byte for byte.
TEST(Float16ConverterTest, IntegerModelIsUnchanged) {
  onnx::ModelProto model = testing::MakeEmptyModel(13);
  testing::AddInput(model, "a", DType::kInt64, {4});
  testing::AddInitializer(model, "b", testing::MakeTensor(DType::kInt64, {4}, {1, 2, 3, 4}));
  testing::AddNode(model, "Add", {"a", "b"}, {"c"});
  testing::AddOutput(model, "c", DType::kInt64, {4});
  const std::string before = testing::Serialize(model);
  Float16ConversionReport report;
  ASSERT_TRUE(ConvertToFloat16(model, &report).ok());
  EXPECT_FALSE(report.changed());
  EXPECT_TRUE(report.kept_float32.empty());
  EXPECT_EQ(testing::Serialize(model), before);
}

// Float16 graph inputs and outputs stay float16 (no Casts); the float32
// initializer behind them converts.
TEST(Float16ConverterTest, Float16InputsAndOutputsStayFloat16) {
  onnx::ModelProto model = testing::MakeEmptyModel(13);
  testing::AddInput(model, "x", DType::kFloat16, {3});
  testing::AddFloatInitializer(model, "w", {3}, {0.5f, -1.0f, 2.0f});
  auto* cast = testing::AddNode(model, "Cast", {"w"}, {"w16"});
  testing::AddAttribute(cast, "to", onnx::AttributeProto::INT)->set_i(onnx::TensorProto::FLOAT16);
  testing::AddNode(model, "Mul", {"x", "w16"}, {"y"});
  testing::AddOutput(model, "y", DType::kFloat16, {3});
  Float16ConversionReport report;
  ASSERT_TRUE(ConvertToFloat16(model, &report).ok());
  EXPECT_EQ(report.initializers_converted, 1);
  EXPECT_EQ(report.casts_inserted, 0);
  EXPECT_EQ(report.casts_retargeted, 0);
  EXPECT_EQ(model.graph().input(0).type().tensor_type().elem_type(), onnx::TensorProto::FLOAT16);
  EXPECT_EQ(model.graph().output(0).type().tensor_type().elem_type(), onnx::TensorProto::FLOAT16);
  EXPECT_EQ(model.graph().initializer(0).data_type(), onnx::TensorProto::FLOAT16);
  // Converting again finds nothing left to do.
  const std::string once = testing::Serialize(model);
  ASSERT_TRUE(ConvertToFloat16(model, &report).ok());
  EXPECT_FALSE(report.changed());
  EXPECT_EQ(testing::Serialize(model), once);
}

// Resize's 'scales' allows only float32, and Range no float16 at all: they keep
// float32, with a Cast where Range's output meets float16; a Constant the
// float16 Mul reads converts.
TEST(Float16ConverterTest, KeepsFloat32WhereTheSchemaAllowsNoFloat16) {
  onnx::ModelProto model = testing::MakeEmptyModel(13);
  testing::AddInput(model, "x", DType::kFloat32, {1, 1, 2, 4});
  testing::AddFloatInitializer(model, "scales", {4}, {1, 1, 2, 2});
  testing::AddFloatInitializer(model, "start", {}, {0});
  testing::AddFloatInitializer(model, "limit", {}, {8});
  testing::AddFloatInitializer(model, "delta", {}, {1});
  auto* two = testing::AddNode(model, "Constant", {}, {"two"});
  auto* value = testing::AddAttribute(two, "value_float", onnx::AttributeProto::FLOAT);
  value->set_f(2.0f);
  testing::AddNode(model, "Resize", {"x", "", "scales"}, {"up"});
  testing::AddNode(model, "Range", {"start", "limit", "delta"}, {"ramp"});
  testing::AddNode(model, "Add", {"up", "ramp"}, {"sum"});
  testing::AddNode(model, "Mul", {"sum", "two"}, {"y"});
  testing::AddOutput(model, "y", DType::kFloat32, {1, 1, 4, 8});

  const std::string dir = testing::MakeTempDir("eb_fp16_resize_");
  const std::string path = dir + "/resize.onnx";
  testing::WriteFile(path, testing::Serialize(model));
  Float16ConversionReport report;
  ASSERT_TRUE(ConvertToFloat16(model, &report).ok());
  EXPECT_TRUE(zoo::CheckModel(model).ok());
  std::map<std::string, std::string> kept;
  for (const auto& k : report.kept_float32) kept[k.name] = k.reason;
  EXPECT_NE(kept["scales"].find("'scales' of Resize"), std::string::npos) << kept["scales"];
  EXPECT_NE(kept["start"].find("'start' of Range"), std::string::npos) << kept["start"];
  EXPECT_NE(kept["ramp"].find("allows no float16"), std::string::npos) << kept["ramp"];
  EXPECT_EQ(kept.count("two"), 0u);
  EXPECT_EQ(report.constants_converted, 1);
  EXPECT_EQ(report.initializers_converted, 0);
  EXPECT_EQ(report.casts_inserted, 3);  // after x, after ramp, before y

  // Both run; every step rounds to half at most twice (x, the sum), so each
  // output is within about 2^-10 of float32, relative above 1.
  auto fp32_model = LoadModel(path);
  auto fp16_model = LoadModelAsFloat16(path, nullptr);
  fs::remove_all(dir);
  ASSERT_TRUE(fp32_model.ok() && fp16_model.ok()) << fp16_model.status().ToString();
  auto fp32 = Session::Create(*fp32_model);
  auto fp16 = Session::Create(*fp16_model);
  ASSERT_TRUE(fp32.ok() && fp16.ok()) << fp16.status().ToString();
  const Tensor input = testing::MakeTensor(DType::kFloat32, {1, 1, 2, 4}, testing::RandomValues(8, 9));
  ASSERT_TRUE((*fp32)->Run({input}).ok());
  ASSERT_TRUE((*fp16)->Run({input}).ok());
  testing::ExpectNear((*fp16)->output(0), {1, 1, 4, 8}, testing::ValuesAsDoubles((*fp32)->output(0)), 2e-3);
}

}  // namespace
}  // namespace edgebench
