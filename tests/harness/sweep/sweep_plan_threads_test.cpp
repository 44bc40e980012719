// The sweep plan's thread rule: threads > 1 only on a multithreaded backend.
#include <gtest/gtest.h>

#include "harness/sweep/sweep_plan.h"
#include "runtime/backends/backend.h"

namespace edgebench {
namespace {

TEST(SweepPlanThreadsTest, MoreThanOneThreadNeedsAMultithreadedBackend) {
  for (const std::string& name : BackendNames()) {
    const Backend* backend = FindBackend(name).value();
    RunConfig c;
    c.backend = name;
    c.threads = 1;
    EXPECT_EQ(UnsupportedReason(c).find("single-threaded"), std::string::npos) << name;
    for (int threads : {2, 4}) {
      c.threads = threads;
      const std::string reason = UnsupportedReason(c);
      if (backend->multithreaded()) {
        EXPECT_EQ(reason.find("single-threaded"), std::string::npos) << name << ": " << reason;
      } else {
        EXPECT_NE(reason.find("backend '" + name + "' is single-threaded"), std::string::npos) << name << ": " << reason;
      }
    }
  }
}

TEST(SweepPlanThreadsTest, RefWithTwoThreadsIsPlannedAsUnsupported) {
  ModelRef model;
  model.name = "m";
  model.path = "/m/m.onnx";
  SweepAxes axes;
  axes.backends = {"ref"};
  axes.threads = {1, 2};
  const auto plan = PlanSweep({model}, axes);
  ASSERT_EQ(plan.size(), 2u);
  for (const auto& p : plan) {
    EXPECT_EQ(p.unsupported_reason.empty(), p.config.threads == 1) << p.config.threads << ": " << p.unsupported_reason;
  }
}

}  // namespace
}  // namespace edgebench
