#include "runtime/session/session.h"

#include <gtest/gtest.h>

#include "tests/support/allocation_counter.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

std::shared_ptr<const Model> LoadChain(const std::vector<int64_t>& dims) {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel(dims)), "/tmp", "chain.onnx");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? *model : nullptr;
}

Tensor Filled(const Shape& shape, float start) {
  Tensor t = Tensor::Allocate(DType::kFloat32, shape).value();
  for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = start + static_cast<float>(i) * 0.5f - 2.0f;
  return t;
}

TEST(SessionTest, ComputesAndRepeatsExactly) {
  auto session = Session::Create(LoadChain({1, 8})).value();
  std::vector<Tensor> inputs = {Filled({1, 8}, 0.0f)};
  ASSERT_TRUE(session->Run(inputs).ok());
  const Tensor& y = session->output(0);
  ASSERT_EQ(y.shape(), (Shape{1, 8}));
  std::vector<float> first(y.data<float>(), y.data<float>() + 8);
  for (int i = 0; i < 8; ++i) {
    const float x = inputs[0].data<float>()[i];
    EXPECT_FLOAT_EQ(first[i], std::max(0.0f, std::max(0.0f, x) + x));
  }
  ASSERT_TRUE(session->Run(inputs).ok());
  EXPECT_EQ(std::vector<float>(y.data<float>(), y.data<float>() + 8), first);
}

TEST(SessionTest, RunAllocatesNothing) {
  auto session = Session::Create(LoadChain({2, 64})).value();
  std::vector<Tensor> inputs = {Filled({2, 64}, 1.0f)};
  ASSERT_TRUE(session->Run(inputs).ok());
  testing::AllocationCounter counter;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(session->Run(inputs).ok());
  EXPECT_EQ(counter.count(), 0);
}

TEST(SessionTest, BindsTheSymbolicBatch) {
  SessionOptions options;
  options.batch = 4;
  auto session = Session::Create(LoadChain({-1, 8}), options).value();
  EXPECT_EQ(session->input_info(0).shape(), (Shape{4, 8}));
  EXPECT_EQ(session->output(0).shape(), (Shape{4, 8}));
}

TEST(SessionTest, WrongInputShapeOrTypeIsAnError) {
  auto session = Session::Create(LoadChain({1, 8})).value();
  std::vector<Tensor> wrong_shape = {Filled({1, 9}, 0.0f)};
  Status s = session->Run(wrong_shape);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("must be float32[1, 8], got float32[1, 9]"), std::string::npos) << s.message();

  std::vector<Tensor> wrong_type = {Tensor::Allocate(DType::kInt64, {1, 8}).value()};
  s = session->Run(wrong_type);
  EXPECT_NE(s.message().find("got int64[1, 8]"), std::string::npos) << s.message();

  EXPECT_FALSE(session->Run({}).ok());
}

TEST(SessionTest, GivenShapeMustMatchFixedDims) {
  SessionOptions options;
  options.input_shapes["x"] = {1, 9};
  const Status s = Session::Create(LoadChain({1, 8}), options).status();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("fixed at 8"), std::string::npos) << s.message();
}

TEST(SessionTest, MemoryLimitIsEnforcedBeforeAllocating) {
  SessionOptions options;
  options.batch = int64_t{1} << 40;
  options.max_memory_bytes = size_t{1} << 30;
  const Status s = Session::Create(LoadChain({-1, 1024}), options).status();
  EXPECT_EQ(s.code(), ErrorCode::kResourceExhausted) << s.ToString();
}

TEST(SessionTest, ElementwiseChainRunsInPlace) {
  auto session = Session::Create(LoadChain({1, 8})).value();
  const Graph& g = session->graph();
  int buffer_a = -1, buffer_b = -1;
  for (const ArenaValue& av : session->arena_values()) {
    if (g.values[av.value].name == "a") buffer_a = av.buffer;
    if (g.values[av.value].name == "b") buffer_b = av.buffer;
  }
  EXPECT_NE(buffer_a, -1);
  EXPECT_EQ(buffer_a, buffer_b) << "Add may overwrite 'a', whose last use it is";
  EXPECT_TRUE(VerifyMemoryPlan(session->buffer_requests(), session->memory_plan()).ok());
  EXPECT_LE(session->memory_plan().lower_bound_bytes, session->memory_plan().arena_bytes);
}

TEST(SessionTest, UnknownBackendListsKnownOnes) {
  SessionOptions options;
  options.backend = "tpu";
  const Status s = Session::Create(LoadChain({1, 8}), options).status();
  EXPECT_NE(s.message().find("known: ref"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace edgebench
