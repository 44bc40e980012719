// What ran: each backend's kernel variant, and the nodes of a session that
// fell back to ref, counted from the session's own node reports.
#include "harness/sweep/backend_kernels.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "runtime/backends/native/native_backend.h"
#include "runtime/onnx/model_loader.h"
#include "tests/support/zoo_files.h"

namespace edgebench {
namespace {



TEST(BackendKernelsTest, VariantPerBackend) {
  EXPECT_EQ(DescribeBackendKernels(RefBackend()).variant, "ref");
  EXPECT_FALSE(DescribeBackendKernels(RefBackend()).multithreaded);
  const BackendKernels eigen = DescribeBackendKernels(**FindBackend("eigen"));
  EXPECT_EQ(eigen.variant.rfind("eigen 3.", 0), 0u) << eigen.variant;
  EXPECT_NE(eigen.variant.find("EIGEN_DONT_PARALLELIZE"), std::string::npos);
  EXPECT_TRUE(eigen.multithreaded);
  const BackendKernels native = DescribeBackendKernels(**FindBackend("native"));
  EXPECT_EQ(native.variant.rfind(std::string(NativeIsaName()) + " (int8: ", 0), 0u) << native.variant;
  EXPECT_TRUE(native.multithreaded);
}

TEST(BackendKernelsTest, FallbacksMatchTheSessionsNodeReports) {
  auto model = LoadModel(testing::ZooModelFile("ds_cnn_kws"));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  for (const char* backend : {"ref", "eigen", "native"}) {
    SessionOptions options;
    options.backend = backend;
    auto session = Session::Create(*model, options);
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    int expected = 0;
    std::set<std::string> types;
    for (int s = 0; s < (*session)->num_steps(); ++s) {
      const int n = (*session)->step_node(s);
      if ((*session)->node_reports()[n].fallback) {
        ++expected;
        types.insert((*session)->graph().nodes[n].op_type);
      }
    }
    const nlohmann::json kernels = KernelsJson(**session);
    EXPECT_EQ(kernels["backend"], backend);
    EXPECT_EQ(kernels["fallback_nodes"], expected) << backend;
    EXPECT_EQ(kernels["fallback_op_types"].get<std::set<std::string>>(), types) << backend;
    // Eigen runs Conv, Gemm and MatMul only: the DS-CNN's pools and the like fall back.
    if (std::string(backend) == "eigen") {
      EXPECT_GT(expected, 0);
    }
    if (std::string(backend) == "ref") {
      EXPECT_EQ(expected, 0);
    }
  }
}

}  // namespace
}  // namespace edgebench
