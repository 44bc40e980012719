// The native backend in a session: the nodes it takes run on it, the ones it
// does not fall back to ref with the fallback recorded, and Run allocates nothing.
#include "runtime/backends/native/native_backend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/runtime/backends/native/op_runner.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tiny_models.h"

namespace edgebench::native::testing {
namespace {

using edgebench::testing::AddAttribute;
using edgebench::testing::AddInitializer;
using edgebench::testing::AddInput;
using edgebench::testing::AddNode;
using edgebench::testing::AddOutput;
using edgebench::testing::AllocationCounter;
using edgebench::testing::MakeEmptyModel;
using edgebench::testing::Serialize;

// x [1,4,6,6] -> Conv 3x3 (native) -> Relu (native) -> y, and
// x1d [1,4,10] -> 1-D Conv (native runs only 2-D: falls back) -> y1d.
onnx::ModelProto MixedModel() {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat32, {1, 4, 6, 6});
  AddInput(model, "x1d", DType::kFloat32, {1, 4, 10});
  AddInitializer(model, "w", RandomTensor({5, 4, 3, 3}, 1));
  AddInitializer(model, "b", RandomTensor({5}, 2));
  AddInitializer(model, "w1d", RandomTensor({3, 4, 3}, 3));
  auto* conv = AddNode(model, "Conv", {"x", "w", "b"}, {"c"}, "conv2d");
  auto* pads = AddAttribute(conv, "pads", onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  AddNode(model, "Relu", {"c"}, {"y"}, "relu");
  AddNode(model, "Conv", {"x1d", "w1d"}, {"y1d"}, "conv1d");
  AddOutput(model, "y", DType::kFloat32, {1, 5, 6, 6});
  AddOutput(model, "y1d", DType::kFloat32, {1, 3, 8});
  return model;
}

std::unique_ptr<Session> Create(const std::string& backend) {
  auto model = LoadModelFromBytes(Serialize(MixedModel()), "", "native_backend_test");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return nullptr;
  SessionOptions options;
  options.backend = backend;
  auto session = Session::Create(*model, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return session.ok() ? std::move(*session) : nullptr;
}

TEST(NativeBackendTest, RegisteredUnderItsName) {
  auto found = FindBackend("native");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_STREQ((*found)->name(), "native");
  EXPECT_TRUE((*found)->multithreaded());
  EXPECT_FALSE(std::string(NativeIsaName()).empty());
}

TEST(NativeBackendTest, UnsupportedNodesFallBackToRefAndAreRecorded) {
  auto native = Create("native");
  auto ref = Create("ref");
  ASSERT_TRUE(native && ref);
  for (const NodeReport& r : native->node_reports()) {
    const std::string& name = native->graph().nodes[r.node].name;
    if (name == "conv2d" || name == "relu") {
      EXPECT_EQ(r.backend, "native");
      EXPECT_FALSE(r.fallback);
    } else {
      EXPECT_EQ(r.backend, "ref") << name;
      EXPECT_TRUE(r.fallback) << name;
    }
  }

  const std::vector<Tensor> inputs = {RandomTensor({1, 4, 6, 6}, 4), RandomTensor({1, 4, 10}, 5)};
  ASSERT_TRUE(ref->Run(inputs).ok());
  ASSERT_TRUE(native->Run(inputs).ok());
  {
    AllocationCounter counter;
    ASSERT_TRUE(native->Run(inputs).ok());
    EXPECT_EQ(counter.count(), 0) << "Run allocated";
  }
  for (int o = 0; o < 2; ++o) {
    const Tensor& want = ref->output(o);
    const Tensor& got = native->output(o);
    ASSERT_EQ(got.shape(), want.shape());
    for (int64_t i = 0; i < want.num_elements(); ++i) {
      EXPECT_NEAR(got.data<float>()[i], want.data<float>()[i], 1e-4f) << "output " << o << " element " << i;
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
