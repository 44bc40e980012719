// suites/digits.json and its fixtures (suites/data/digits, written by
// tools/train_digits.py): the suite loads, and the model, the labelled test
// set and the calibration set it names are there and fit each other, so the
// digits accuracy measurements (issue 6) run on what the README describes.
//
// Needs the loader to read the per-model "calibration" key (issue 6); until
// it does, LoadSuite rejects the file and these tests fail on that.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <vector>

#include "harness/suite/suite.h"
#include "runtime/io/npy.h"
#include "runtime/onnx/model_loader.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kTestSamples = 360;
constexpr int64_t kCalibrationSamples = 128;
constexpr int64_t kClasses = 10;
const Shape kImage = {1, 8, 8};  // one sample, after the batch dim

std::string SuitePath() { return std::string(EDGEBENCH_SOURCE_DIR) + "/suites/digits.json"; }

// The digits model as the suite resolves it, overrides attached.
Expected<ModelRef> DigitsModel() {
  EB_ASSIGN_OR_RETURN(const Suite suite, LoadSuite(SuitePath()));
  EB_ASSIGN_OR_RETURN(std::vector<ModelRef> models, ResolveModels(suite, /*zoo_dir=*/""));
  for (const ModelRef& m : models) {
    if (m.name == "digits_cnn") return m;
  }
  return InvalidArgument("the suite has no model digits_cnn");
}

// The calibration folder as the loader resolved it, read through ToJson so
// that this test does not depend on the C++ field's name.
Expected<std::string> CalibrationFolder() {
  EB_ASSIGN_OR_RETURN(const Suite suite, LoadSuite(SuitePath()));
  const nlohmann::json overrides = ToJson(suite)["overrides"];
  if (!overrides.contains("digits_cnn") || !overrides["digits_cnn"].contains("calibration")) {
    return InvalidArgument("the loaded suite has no calibration folder for digits_cnn: " + overrides.dump());
  }
  return overrides["digits_cnn"]["calibration"].get<std::string>();
}

// A float32 [samples, 1, 8, 8] image file with pixels in [0, 1].
void ExpectImages(const std::string& path, int64_t samples) {
  SCOPED_TRACE(path);
  Expected<Tensor> images = ReadNpyFile(path);
  ASSERT_TRUE(images.ok()) << images.status().ToString();
  EXPECT_EQ(images->dtype(), DType::kFloat32);
  ASSERT_EQ(images->rank(), 4);
  EXPECT_EQ(images->dim(0), samples);
  EXPECT_EQ(Shape(images->shape().begin() + 1, images->shape().end()), kImage);
  float low = 1, high = 0;
  const float* pixels = images->data<float>();
  for (int64_t i = 0; i < images->num_elements(); ++i) {
    low = std::min(low, pixels[i]);
    high = std::max(high, pixels[i]);
  }
  EXPECT_EQ(low, 0.0f);
  EXPECT_EQ(high, 1.0f);  // load_digits pixels are 0..16, divided by 16
}

TEST(DigitsSuiteTest, LoadsWithTheTrainedModelAndThreePrecisions) {
  Expected<Suite> suite = LoadSuite(SuitePath());
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  EXPECT_EQ(suite->name, "digits");
  EXPECT_EQ(suite->axes.precisions, (std::vector<std::string>{"fp32", "fp16", "int8"}));
  EXPECT_EQ(suite->axes.backends, std::vector<std::string>{"ref"});
  EXPECT_EQ(suite->axes.batch, std::vector<int64_t>{1});

  Expected<ModelRef> model = DigitsModel();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ(model->name, "digits_cnn");
  EXPECT_FALSE(model->zoo);
  EXPECT_TRUE(fs::is_regular_file(model->path)) << model->path;
}

TEST(DigitsSuiteTest, ModelTakesOneImageAndGivesTenLogits) {
  Expected<ModelRef> ref = DigitsModel();
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  Expected<std::shared_ptr<const Model>> model = LoadModel(ref->path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const Graph& graph = (*model)->graph;
  ASSERT_EQ(graph.inputs.size(), 1u);
  ASSERT_EQ(graph.outputs.size(), 1u);
  const Value& image = graph.values[graph.inputs[0]];
  const Value& logits = graph.values[graph.outputs[0]];
  EXPECT_EQ(image.name, "image");
  EXPECT_EQ(image.dtype, DType::kFloat32);
  EXPECT_EQ(image.shape, (Shape{-1, 1, 8, 8}));  // dynamic batch
  EXPECT_EQ(logits.name, "logits");
  EXPECT_EQ(logits.shape, (Shape{-1, kClasses}));
}

TEST(DigitsSuiteTest, TestSetHasOneLabelPerImageAndEveryDigit) {
  Expected<ModelRef> model = DigitsModel();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const std::string folder = model->overrides.dataset;
  ASSERT_TRUE(fs::is_directory(folder)) << folder;
  ExpectImages(folder + "/inputs.npy", kTestSamples);

  Expected<Tensor> labels = ReadNpyFile(folder + "/labels.npy");
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  EXPECT_EQ(labels->dtype(), DType::kInt64);
  ASSERT_EQ(labels->shape(), Shape{kTestSamples});
  std::set<int64_t> digits(labels->data<int64_t>(), labels->data<int64_t>() + kTestSamples);
  EXPECT_EQ(digits.size(), static_cast<size_t>(kClasses));
  EXPECT_EQ(*digits.begin(), 0);
  EXPECT_EQ(*digits.rbegin(), kClasses - 1);
}

TEST(DigitsSuiteTest, CalibrationSetIsSeparateFromTheTestSet) {
  Expected<ModelRef> model = DigitsModel();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Expected<std::string> folder = CalibrationFolder();
  ASSERT_TRUE(folder.ok()) << folder.status().ToString();
  ASSERT_TRUE(fs::is_directory(*folder)) << *folder;
  EXPECT_NE(fs::canonical(*folder), fs::canonical(model->overrides.dataset));
  ExpectImages(*folder + "/inputs.npy", kCalibrationSamples);

  // Calibrating on test images would flatter INT8: no calibration image is
  // also a test image.
  Expected<Tensor> calibration = ReadNpyFile(*folder + "/inputs.npy");
  Expected<Tensor> test = ReadNpyFile(model->overrides.dataset + "/inputs.npy");
  ASSERT_TRUE(calibration.ok() && test.ok());
  std::set<std::vector<float>> test_images;
  const int64_t pixels = NumElements(kImage);
  for (int64_t i = 0; i < test->dim(0); ++i) {
    const float* image = test->data<float>() + i * pixels;
    test_images.emplace(image, image + pixels);
  }
  for (int64_t i = 0; i < calibration->dim(0); ++i) {
    const float* image = calibration->data<float>() + i * pixels;
    EXPECT_EQ(test_images.count(std::vector<float>(image, image + pixels)), 0u) << "calibration image " << i;
  }
  // Calibration data has no labels: it only sets the INT8 ranges.
  EXPECT_FALSE(fs::exists(*folder + "/labels.npy"));
}

}  // namespace
}  // namespace edgebench
