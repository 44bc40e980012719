// `edgebench infer` and `edgebench inspect` at an opt level: the graph passes
// change the graph (inspect shows fewer layers at all on a model with
// BatchNormalization/Relu to fuse) but not what infer computes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "runtime/onnx/tensor_proto.h"
#include "tests/support/zoo_files.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;



// The command's stdout; empty when it did not exit with 0.
std::string EdgebenchStdout(const std::string& args) {
  const std::string cmd = std::string(EDGEBENCH_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof(buf), pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? out : "";
}

TEST(InferOptLevelTest, InferGivesTheSameOutputsAtEveryOptLevel) {
  const std::string model = testing::ZooModelFile("ds_cnn_kws");
  const std::string dir = testing::MakeTempDir("eb_infer_opt_");
  for (const char* level : {"none", "all"}) {
    ASSERT_EQ(RunEdgebench("infer " + model + " --backend native --threads 2 --opt-level " + level +
                           " --output-dir " + dir + "/" + level),
              0)
        << level;
  }
  for (const auto& entry : fs::directory_iterator(dir + "/none")) {
    auto none = ReadTensorProtoFile(entry.path().string());
    auto all = ReadTensorProtoFile(dir + "/all/" + entry.path().filename().string());
    ASSERT_TRUE(none.ok() && all.ok()) << entry.path();
    ASSERT_EQ(none->shape(), all->shape());
    double diff = 0, norm = 0;
    for (int64_t i = 0; i < none->num_elements(); ++i) {
      const double a = none->data<float>()[i], b = all->data<float>()[i];
      diff += (a - b) * (a - b);
      norm += a * a;
    }
    EXPECT_LT(std::sqrt(diff / norm), 1e-5) << entry.path();
  }
  EXPECT_EQ(RunEdgebench("infer " + model + " --opt-level fastest"), 2);
  fs::remove_all(dir);
}

TEST(InferOptLevelTest, InspectShowsTheGraphAfterThePasses) {
  const std::string model = testing::ZooModelFile("ds_cnn_kws");
  const auto none = nlohmann::json::parse(EdgebenchStdout("inspect --json " + model), nullptr, false);
  const auto all = nlohmann::json::parse(EdgebenchStdout("inspect --json --opt-level all " + model), nullptr, false);
  ASSERT_FALSE(none.is_discarded() || all.is_discarded());
  // Without the flag, inspect shows the file as written.
  EXPECT_TRUE(none["op_histogram"].contains("BatchNormalization")) << none["op_histogram"].dump();
  EXPECT_FALSE(all["op_histogram"].contains("BatchNormalization")) << all["op_histogram"].dump();
  EXPECT_LT(all["layers"].size(), none["layers"].size());
}

}  // namespace
}  // namespace edgebench
