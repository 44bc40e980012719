// The CLI end to end: exit codes (0 ok, 2 bad input or usage, 1 internal)
// and the files `infer` writes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include "runtime/io/npy.h"
#include "runtime/onnx/tensor_proto.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("eb_cli_");
    model_ = dir_ + "/chain.onnx";
    testing::WriteFile(model_, testing::Serialize(testing::MakeChainModel({1, 8})));
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_, model_;
};

TEST_F(CliTest, HelpAndUsage) {
  EXPECT_EQ(RunEdgebench("--help"), 0);
  for (const char* cmd : {"inspect", "infer", "zoo"}) EXPECT_EQ(RunEdgebench(std::string(cmd) + " --help"), 0) << cmd;
  EXPECT_EQ(RunEdgebench("frobnicate"), 2);
  EXPECT_EQ(RunEdgebench("inspect"), 2);
  EXPECT_EQ(RunEdgebench("infer " + model_ + " --batch 0"), 2);
}

TEST_F(CliTest, BadModelFilesExitTwo) {
  EXPECT_EQ(RunEdgebench("inspect " + dir_ + "/missing.onnx"), 2);
  testing::WriteFile(dir_ + "/noise.onnx", std::string("\x08\x96\x01 this is not a model", 24));
  EXPECT_EQ(RunEdgebench("inspect " + dir_ + "/noise.onnx"), 2);
  EXPECT_EQ(RunEdgebench("infer " + dir_ + "/noise.onnx"), 2);
  const std::string bytes = testing::Serialize(testing::MakeChainModel({1, 8}));
  testing::WriteFile(dir_ + "/truncated.onnx", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(RunEdgebench("infer " + dir_ + "/truncated.onnx"), 2);
}

TEST_F(CliTest, InspectPrintsJson) { EXPECT_EQ(RunEdgebench("inspect --json " + model_), 0); }

TEST_F(CliTest, InferWritesOutputsAsTensorProtos) {
  Tensor x = Tensor::Allocate(DType::kFloat32, {1, 8}).value();
  for (int i = 0; i < 8; ++i) x.data<float>()[i] = static_cast<float>(i) - 4.0f;
  ASSERT_TRUE(WriteNpyFile(x, dir_ + "/x.npy").ok());
  ASSERT_EQ(RunEdgebench("infer " + model_ + " --input x=" + dir_ + "/x.npy --output-dir " + dir_ + "/out"), 0);
  std::string name;
  auto y = ReadTensorProtoFile(dir_ + "/out/y.pb", &name);
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  EXPECT_EQ(name, "y");
  for (int i = 0; i < 8; ++i) {
    const float v = static_cast<float>(i) - 4.0f;
    EXPECT_FLOAT_EQ(y->data<float>()[i], std::max(0.0f, std::max(0.0f, v) + v));
  }
}

TEST_F(CliTest, InferRejectsAnInputOfTheWrongShape) {
  Tensor x = Tensor::Allocate(DType::kFloat32, {1, 9}).value();
  ASSERT_TRUE(WriteNpyFile(x, dir_ + "/x.npy").ok());
  EXPECT_EQ(RunEdgebench("infer " + model_ + " --input x=" + dir_ + "/x.npy"), 2);
  EXPECT_EQ(RunEdgebench("infer " + model_ + " --input nosuch=" + dir_ + "/x.npy"), 2);
}

}  // namespace
}  // namespace edgebench
