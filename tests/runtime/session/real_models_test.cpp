// The zoo models and real PyTorch exports through the ref backend: the memory
// plan never overlaps live tensors, runs repeat bit-exactly without
// allocating, and exports match PyTorch's own outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "harness/inputs/synthetic_input.h"
#include "harness/zoo/zoo.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

std::vector<Tensor> SyntheticInputs(const Session& session) {
  std::vector<Tensor> inputs;
  for (int i = 0; i < session.num_inputs(); ++i) {
    inputs.push_back(MakeSyntheticInput(session.input_info(i).dtype(), session.input_info(i).shape(), 7 + i).value());
  }
  return inputs;
}

void ExpectPlanIsSound(const Session& session) {
  const Status verified = VerifyMemoryPlan(session.buffer_requests(), session.memory_plan());
  EXPECT_TRUE(verified.ok()) << verified.ToString();
  EXPECT_GE(session.memory_plan().arena_bytes, session.memory_plan().lower_bound_bytes);
}

class ZooModelTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::MakeTempDir("eb_zoo_"));
    auto built = zoo::BuildZoo(*dir_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string* dir_;
};
std::string* ZooModelTest::dir_ = nullptr;

TEST_P(ZooModelTest, PlansRunsAndRepeatsWithoutAllocating) {
  auto model = LoadModel(*dir_ + "/" + GetParam() + ".onnx");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  ExpectPlanIsSound(**session);

  const std::vector<Tensor> inputs = SyntheticInputs(**session);
  ASSERT_TRUE((*session)->Run(inputs).ok());
  std::vector<Tensor> first;
  for (int o = 0; o < (*session)->num_outputs(); ++o) first.push_back((*session)->output(o).Clone().value());

  testing::AllocationCounter counter;
  const Status second = (*session)->Run(inputs);
  EXPECT_EQ(counter.count(), 0) << "Run() allocated";
  ASSERT_TRUE(second.ok()) << second.ToString();

  for (int o = 0; o < (*session)->num_outputs(); ++o) {
    const Tensor& out = (*session)->output(o);
    ASSERT_EQ(out.num_bytes(), first[o].num_bytes());
    EXPECT_EQ(std::memcmp(out.raw_data(), first[o].raw_data(), out.num_bytes()), 0) << "runs differ";
    if (out.dtype() != DType::kFloat32) continue;
    const float* p = out.data<float>();
    bool all_equal = true;
    for (int64_t i = 0; i < out.num_elements(); ++i) {
      ASSERT_TRUE(std::isfinite(p[i])) << "output " << o << " element " << i;
      all_equal = all_equal && p[i] == p[0];
    }
    EXPECT_FALSE(all_equal && out.num_elements() > 1) << "degenerate output";
  }
}

std::vector<std::string> ZooNames() {
  std::vector<std::string> names;
  for (const zoo::ZooModel& m : zoo::Models()) names.push_back(m.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, ZooModelTest, ::testing::ValuesIn(ZooNames()),
                         [](const auto& param_info) { return param_info.param; });

// Real exports from tools/export_models.py (make exports), in ONNX test-data layout.
TEST(RealExportTest, MatchesPyTorch) {
  const char* dir = std::getenv("EDGEBENCH_EXPORTS_DIR");
  if (!dir || !fs::is_directory(dir)) {
    GTEST_SKIP() << "no real exports: run `make exports` (needs Debian's python3-torch) and set EDGEBENCH_EXPORTS_DIR";
  }
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!fs::exists(entry.path() / "model.onnx")) continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto model = LoadModel((entry.path() / "model.onnx").string());
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    const fs::path set = entry.path() / "test_data_set_0";
    auto input = ReadTensorProtoFile((set / "input_0.pb").string());
    ASSERT_TRUE(input.ok()) << input.status().ToString();
    SessionOptions options;
    options.input_shapes[(*model)->graph.values[(*model)->graph.inputs[0]].name] = input->shape();
    auto session = Session::Create(*model, options);
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    ExpectPlanIsSound(**session);
    ASSERT_TRUE((*session)->Run({*input}).ok());

    for (int o = 0; o < (*session)->num_outputs(); ++o) {
      auto expected = ReadTensorProtoFile((set / ("output_" + std::to_string(o) + ".pb")).string());
      ASSERT_TRUE(expected.ok()) << expected.status().ToString();
      const Tensor& actual = (*session)->output(o);
      ASSERT_EQ(actual.shape(), expected->shape());
      // Tolerance relative to the output's scale: 1e-4 of its largest magnitude (at least 1).
      double scale = 1.0, max_err = 0.0;
      for (int64_t i = 0; i < actual.num_elements(); ++i) {
        scale = std::max(scale, std::fabs(double(expected->data<float>()[i])));
        max_err = std::max(max_err, std::fabs(double(expected->data<float>()[i]) - actual.data<float>()[i]));
      }
      EXPECT_LE(max_err, 1e-4 * scale) << "output " << o << " max abs error " << max_err << " at scale " << scale;
      std::printf("  %-20s output %d: max abs error %.3g at output scale %.3g\n",
                  entry.path().filename().string().c_str(), o, max_err, scale);
    }
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no exported models found in " << dir;
}

}  // namespace
}  // namespace edgebench
