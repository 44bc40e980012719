// Session::Create's thread options: a pool only where the backend uses one.
#include <gtest/gtest.h>

#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

std::shared_ptr<const Model> LoadChain() {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel({1, 8})), "/tmp", "chain.onnx");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? *model : nullptr;
}

// The name of a registered backend that uses the pool, or "" when none is.
std::string AMultithreadedBackend() {
  for (const std::string& name : BackendNames()) {
    if (FindBackend(name).value()->multithreaded()) return name;
  }
  return "";
}

TEST(SessionThreadsTest, OneThreadHasNoPool) {
  bool hook_called = false;
  SessionOptions options;
  options.on_worker_start = [&](int) -> Expected<std::string> {
    hook_called = true;
    return std::string("nowhere");
  };
  auto session = Session::Create(LoadChain(), options);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ((*session)->thread_pool(), nullptr);
  EXPECT_FALSE(hook_called);
}

TEST(SessionThreadsTest, RefIsRefusedMoreThanOneThread) {
  ASSERT_FALSE(RefBackend().multithreaded());
  SessionOptions options;
  options.threads = 2;
  const Status s = Session::Create(LoadChain(), options).status();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  EXPECT_NE(s.message().find("backend 'ref' is single-threaded"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("threads 2"), std::string::npos) << s.message();
}

TEST(SessionThreadsTest, FewerThanOneThreadIsRefused) {
  SessionOptions options;
  options.threads = 0;
  const Status s = Session::Create(LoadChain(), options).status();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("threads must be at least 1"), std::string::npos) << s.message();
}

TEST(SessionThreadsTest, MultithreadedBackendGetsAPoolWithPlacementAndMatchesRef) {
  const std::string name = AMultithreadedBackend();
  if (name.empty()) GTEST_SKIP() << "no multithreaded backend in this build";
  SessionOptions options;
  options.backend = name;
  options.threads = 3;
  options.on_worker_start = [](int t) -> Expected<std::string> { return "test PU " + std::to_string(t); };
  auto session = Session::Create(LoadChain(), options);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const ThreadPool* pool = (*session)->thread_pool();
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->num_threads(), 3);
  EXPECT_EQ(pool->worker_placement(), (std::vector<std::string>{"", "test PU 1", "test PU 2"}));

  auto ref = Session::Create(LoadChain()).value();
  Tensor x = Tensor::Allocate(DType::kFloat32, {1, 8}).value();
  for (int i = 0; i < 8; ++i) x.data<float>()[i] = static_cast<float>(i) - 3.5f;
  ASSERT_TRUE((*session)->Run({x}).ok());
  ASSERT_TRUE(ref->Run({x}).ok());
  for (int i = 0; i < 8; ++i) EXPECT_EQ((*session)->output(0).data<float>()[i], ref->output(0).data<float>()[i]);
}

TEST(SessionThreadsTest, AFailingWorkerStartFailsCreate) {
  const std::string name = AMultithreadedBackend();
  if (name.empty()) GTEST_SKIP() << "no multithreaded backend in this build";
  SessionOptions options;
  options.backend = name;
  options.threads = 2;
  options.on_worker_start = [](int) -> Expected<std::string> { return Unsupported("no PU to bind to"); };
  const Status s = Session::Create(LoadChain(), options).status();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("no PU to bind to"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace edgebench
