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

}  // namespace
}  // namespace edgebench
