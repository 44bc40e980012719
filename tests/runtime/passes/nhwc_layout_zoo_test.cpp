// The zoo through level all with the NHWC layout pass, as a native session
// gets it: ResNet-18's 20 convolutions run in NHWC between two Transposes,
// every one on native's own kernel, and every zoo model computes what it
// computes as loaded, within a relative L2 of 1e-5.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <string>
#include <vector>

#include "harness/zoo/zoo.h"
#include "runtime/backends/backend.h"
#include "runtime/passes/graph_optimizer.h"
#include "tests/runtime/passes/pass_test_util.h"

namespace edgebench::testing {
namespace {

TEST(NhwcLayoutZooTest, NativeSessionsOfTheZooMatchTheModelAsLoaded) {
  const GraphPassOptions options = PassOptionsFor("native");
  if (!options.nhwc_layout) GTEST_SKIP() << "native's kernel level here has no pixel tile: no NHWC layout";
  for (const zoo::ZooModel& entry : zoo::Models()) {
    SCOPED_TRACE(entry.name);
    auto proto = entry.build(42);
    ASSERT_TRUE(proto.ok()) << proto.status().ToString();
    const std::vector<float> loaded = RunOutputs(*proto, 7, "native");
    ASSERT_TRUE(OptimizeModel(*proto, OptLevel::kAll, nullptr, options).ok());
    std::vector<std::string> fallbacks;
    const std::vector<float> moved = RunOutputs(*proto, 7, "native", &fallbacks);
    EXPECT_LT(RelL2(loaded, moved), 1e-5);
    EXPECT_EQ(std::count(fallbacks.begin(), fallbacks.end(), "NhwcFusedConv"), 0);
    if (std::string(entry.name) == "resnet18") {
      EXPECT_EQ(CountOps(*proto, "NhwcFusedConv"), 19);  // all but the first, which a MaxPool follows
      EXPECT_EQ(CountOps(*proto, "Transpose"), 2);
    }
  }
}

TEST(NhwcLayoutZooTest, OnlyBackendsThatAskGetTheLayout) {
  EXPECT_FALSE(PassOptionsFor("ref").nhwc_layout);
  EXPECT_FALSE(PassOptionsFor("eigen").nhwc_layout);
  EXPECT_FALSE(PassOptionsFor("no such backend").nhwc_layout);
}

}  // namespace
}  // namespace edgebench::testing
