#include "profilers/per_op/op_profiler.h"

#include <gtest/gtest.h>

#include "profilers/counters/counter_values.h"
#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

std::unique_ptr<Session> ChainSession(int64_t width) {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel({1, width})), "", "chain");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return std::move(session).value();
}

std::vector<Tensor> Input(const Session& session) {
  Expected<Tensor> x = Tensor::Allocate(DType::kFloat32, session.input_info(0).shape());
  EXPECT_TRUE(x.ok());
  return {std::move(x).value()};
}

// Counts how the session calls its observer.
class CallLog final : public StepObserver {
 public:
  void BeforeStep(int step) override { calls.push_back(step); }
  void AfterStep(int step) override { calls.push_back(-1 - step); }
  std::vector<int> calls;
};

TEST(OpProfilerTest, TheSessionCallsTheObserverAroundEveryStepInOrder) {
  auto session = ChainSession(8);
  const std::vector<Tensor> inputs = Input(*session);
  CallLog log;
  ASSERT_TRUE(session->Run(inputs, &log).ok());
  ASSERT_EQ(session->num_steps(), 3);
  EXPECT_EQ(log.calls, (std::vector<int>{0, -1, 1, -2, 2, -3}));
  for (int s = 0; s < session->num_steps(); ++s) EXPECT_FALSE(session->node_reports()[session->step_node(s)].folded);
}

TEST(OpProfilerTest, TimesEveryStepOfEveryIterationAndAccumulatesCounts) {
  auto session = ChainSession(1 << 16);
  const std::vector<Tensor> inputs = Input(*session);
  Expected<PerfCounters> counters = PerfCounters::Open({});
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  constexpr int kIterations = 4;
  OpProfiler profiler(session->num_steps(), kIterations, &*counters);
  ASSERT_TRUE(counters->Enable().ok());
  for (int i = 0; i < kIterations; ++i) {
    profiler.BeginIteration(i);
    ASSERT_TRUE(session->Run(inputs, &profiler).ok());
  }
  ASSERT_TRUE(counters->Disable().ok());
  ASSERT_TRUE(profiler.counter_status().ok()) << profiler.counter_status().ToString();
  for (int s = 0; s < session->num_steps(); ++s) {
    double sum_ns = 0;
    for (int i = 0; i < kIterations; ++i) {
      EXPECT_GT(profiler.step_ns(s, i), 0) << "step " << s << " iteration " << i;
      sum_ns += static_cast<double>(profiler.step_ns(s, i));
    }
    // task-clock is this thread's CPU time inside the steps: no more than
    // their wall time plus the clock reads around them.
    const Known<double> task_clock =
        FindCounterValue(*counters, CounterValues(*counters, profiler.step_counts(s)), "task-clock");
    ASSERT_TRUE(task_clock.known()) << task_clock.reason;
    EXPECT_GT(*task_clock.value, 0);
    EXPECT_LT(*task_clock.value, sum_ns + 1e6);
  }
}

TEST(OpProfilerTest, WorksWithoutCounters) {
  auto session = ChainSession(8);
  const std::vector<Tensor> inputs = Input(*session);
  OpProfiler profiler(session->num_steps(), 1, nullptr);
  ASSERT_TRUE(session->Run(inputs, &profiler).ok());
  for (int s = 0; s < session->num_steps(); ++s) EXPECT_GE(profiler.step_ns(s, 0), 0);
}

}  // namespace
}  // namespace edgebench
