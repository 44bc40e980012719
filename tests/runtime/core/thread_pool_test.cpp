#include "runtime/core/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/allocation_counter.h"

namespace edgebench {
namespace {

std::unique_ptr<ThreadPool> MakePool(int threads, int64_t spin_microseconds = 50) {
  ThreadPoolOptions options;
  options.threads = threads;
  options.spin_microseconds = spin_microseconds;
  auto pool = ThreadPool::Create(options);
  EXPECT_TRUE(pool.ok()) << pool.status().ToString();
  return pool.ok() ? std::move(pool).value() : nullptr;
}

// Work large enough that ParallelFor / ParallelFor2D always hand it out.
constexpr double kBigCost = 1e6;

// 8 threads on this 2-core machine: most jobs end before some workers get a
// core, and the caller excuses them (thread_pool.cpp, slots).
TEST(ThreadPoolTest, EveryTaskRunsExactlyOnce) {
  constexpr int kMaxTasks = 100;
  for (int threads : {2, 3, 8}) {
    for (int64_t spin : {0, 50}) {
      auto pool = MakePool(threads, spin);
      ASSERT_NE(pool, nullptr);
      std::vector<std::atomic<int>> runs(kMaxTasks);
      // Every size from 1 to 100, twenty times over: 2000 jobs per pool.
      for (int rep = 0; rep < 2000; ++rep) {
        const int n = 1 + rep % kMaxTasks;
        for (auto& r : runs) r.store(0, std::memory_order_relaxed);
        pool->Run(n, [&](int64_t i) { runs[i].fetch_add(1, std::memory_order_relaxed); });
        for (int i = 0; i < kMaxTasks; ++i) {
          ASSERT_EQ(runs[i].load(), i < n ? 1 : 0)
              << "task " << i << " of " << n << ", rep " << rep << ", " << threads << " threads, spin " << spin;
        }
      }
    }
  }
}

TEST(ThreadPoolTest, CallerTakesPart) {
  auto pool = MakePool(2);
  ASSERT_NE(pool, nullptr);
  const std::thread::id caller = std::this_thread::get_id();
  for (int rep = 0; rep < 200; ++rep) {
    // A task on a worker waits until the caller has run one, so a pool whose
    // caller only waited would leave the worker stuck (and fail the bound).
    std::atomic<bool> caller_ran{false};
    std::atomic<bool> worker_gave_up{false};
    std::vector<std::thread::id> ran_on(2);
    pool->Run(2, [&](int64_t i) {
      ran_on[i] = std::this_thread::get_id();
      if (ran_on[i] == caller) {
        caller_ran.store(true);
        return;
      }
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!caller_ran.load()) {
        if (std::chrono::steady_clock::now() > deadline) {
          worker_gave_up.store(true);
          return;
        }
        std::this_thread::yield();
      }
    });
    ASSERT_FALSE(worker_gave_up.load()) << "rep " << rep;
    EXPECT_TRUE(caller_ran.load());
    EXPECT_TRUE(ran_on[0] == caller || ran_on[1] == caller);
  }
}

TEST(ThreadPoolTest, WorkersRunTasksOffTheCallingThread) {
  auto pool = MakePool(2);
  ASSERT_NE(pool, nullptr);
  const std::thread::id caller = std::this_thread::get_id();
  // The caller's task waits until a worker has run one, so a pool whose
  // workers never took work would time out here.
  std::atomic<bool> worker_ran{false};
  std::atomic<bool> caller_gave_up{false};
  pool->Run(2, [&](int64_t) {
    if (std::this_thread::get_id() != caller) {
      worker_ran.store(true);
      return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!worker_ran.load()) {
      if (std::chrono::steady_clock::now() > deadline) {
        caller_gave_up.store(true);
        return;
      }
      std::this_thread::yield();
    }
  });
  EXPECT_FALSE(caller_gave_up.load());
  EXPECT_TRUE(worker_ran.load());
}

TEST(ThreadPoolTest, ParallelForCoversTheRangeOnceInContiguousRanges) {
  auto pool = MakePool(2);
  ASSERT_NE(pool, nullptr);
  for (int64_t n : {2, 3, 7, 8, 9, 31, 64, 100, 1000, 4097}) {
    std::vector<std::pair<int64_t, int64_t>> ranges(static_cast<size_t>(n));
    std::atomic<int> num_ranges{0};
    std::vector<std::atomic<int>> covered(static_cast<size_t>(n));
    ParallelFor(pool.get(), n, kBigCost, [&](int64_t begin, int64_t end) {
      ranges[num_ranges.fetch_add(1)] = {begin, end};
      for (int64_t i = begin; i < end; ++i) covered[i].fetch_add(1);
    });
    ASSERT_GE(num_ranges.load(), 2) << "n " << n << ": big work was not split";
    ranges.resize(num_ranges.load());
    std::sort(ranges.begin(), ranges.end());
    int64_t next = 0;
    for (const auto& [begin, end] : ranges) {
      EXPECT_EQ(begin, next) << "n " << n;
      EXPECT_LT(begin, end) << "n " << n;
      next = end;
    }
    EXPECT_EQ(next, n);
    for (int64_t i = 0; i < n; ++i) ASSERT_EQ(covered[i].load(), 1) << "item " << i << " of " << n;
  }
}

TEST(ThreadPoolTest, ParallelFor2DCoversTheGridOnceWithTails) {
  auto pool = MakePool(3);
  ASSERT_NE(pool, nullptr);
  struct Grid {
    int64_t rows, cols, tile_rows, tile_cols;
  };
  for (const Grid& g : {Grid{16, 64, 4, 16}, Grid{17, 65, 4, 16}, Grid{1, 100, 8, 7}, Grid{100, 1, 3, 8},
                        Grid{5, 5, 8, 8}, Grid{33, 47, 1, 1}, Grid{64, 64, 0, -3}}) {
    std::vector<std::atomic<int>> covered(static_cast<size_t>(g.rows * g.cols));
    std::atomic<bool> bad_tile{false};
    const int64_t tr = std::max<int64_t>(1, g.tile_rows);
    const int64_t tc = std::max<int64_t>(1, g.tile_cols);
    ParallelFor2D(pool.get(), g.rows, g.cols, g.tile_rows, g.tile_cols, kBigCost,
                  [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
                    // Tiles start on the tile grid and are whole except at the far edges.
                    if (r0 % tr != 0 || c0 % tc != 0 || r1 != std::min(g.rows, r0 + tr) ||
                        c1 != std::min(g.cols, c0 + tc)) {
                      bad_tile.store(true);
                    }
                    for (int64_t r = r0; r < r1; ++r) {
                      for (int64_t c = c0; c < c1; ++c) covered[r * g.cols + c].fetch_add(1);
                    }
                  });
    EXPECT_FALSE(bad_tile.load()) << g.rows << "x" << g.cols << " tiles " << g.tile_rows << "x" << g.tile_cols;
    for (int64_t i = 0; i < g.rows * g.cols; ++i) {
      ASSERT_EQ(covered[i].load(), 1) << "element " << i << " of " << g.rows << "x" << g.cols;
    }
  }
}

TEST(ThreadPoolTest, SmallWorkStaysOnTheCallingThread) {
  auto pool = MakePool(2);
  ASSERT_NE(pool, nullptr);
  const std::thread::id caller = std::this_thread::get_id();
  // 1000 items x 1 FLOP: far below the hand-off threshold.
  int calls = 0;
  bool off_caller = false;
  ParallelFor(pool.get(), 1000, 1.0, [&](int64_t begin, int64_t end) {
    ++calls;
    off_caller = off_caller || std::this_thread::get_id() != caller;
    EXPECT_EQ(begin, 0);
    EXPECT_EQ(end, 1000);
  });
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(off_caller);

  int tiles = 0;
  ParallelFor2D(pool.get(), 32, 32, 8, 8, 1.0, [&](int64_t, int64_t, int64_t, int64_t) {
    ++tiles;
    off_caller = off_caller || std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(tiles, 16);
  EXPECT_FALSE(off_caller);
}

TEST(ThreadPoolTest, NullPoolAndOneThreadPoolRunInlineInOrder) {
  auto pool = MakePool(1);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->num_threads(), 1);
  EXPECT_EQ(NumThreads(nullptr), 1);
  EXPECT_EQ(pool->worker_placement(), std::vector<std::string>{""});
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int64_t> order;
  bool off_caller = false;
  pool->Run(10, [&](int64_t i) {
    order.push_back(i);
    off_caller = off_caller || std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  int calls = 0;
  ParallelFor(nullptr, 50, kBigCost, [&](int64_t begin, int64_t end) {
    ++calls;
    off_caller = off_caller || std::this_thread::get_id() != caller;
    EXPECT_EQ(end - begin, 50);
  });
  ParallelFor(pool.get(), 50, kBigCost, [&](int64_t begin, int64_t end) {
    ++calls;
    EXPECT_EQ(end - begin, 50);
  });
  EXPECT_EQ(calls, 2);
  EXPECT_FALSE(off_caller);
}

TEST(ThreadPoolTest, WorkerStartHookRunsOnEachWorkerAndRecordsPlacement) {
  std::vector<std::thread::id> hook_thread(4);
  ThreadPoolOptions options;
  options.threads = 4;
  options.on_worker_start = [&](int t) -> Expected<std::string> {
    hook_thread[t] = std::this_thread::get_id();
    return "PU L#" + std::to_string(t);
  };
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ((*pool)->num_threads(), 4);
  EXPECT_EQ((*pool)->worker_placement(), (std::vector<std::string>{"", "PU L#1", "PU L#2", "PU L#3"}));
  EXPECT_EQ(hook_thread[0], std::thread::id()) << "index 0 is the caller; the hook is for workers";
  for (int t = 1; t < 4; ++t) {
    EXPECT_NE(hook_thread[t], std::thread::id());
    EXPECT_NE(hook_thread[t], std::this_thread::get_id());
    for (int u = 1; u < t; ++u) EXPECT_NE(hook_thread[t], hook_thread[u]);
  }
}

TEST(ThreadPoolTest, FailingWorkerStartFailsCreateWithItsMessage) {
  ThreadPoolOptions options;
  options.threads = 3;
  options.on_worker_start = [](int t) -> Expected<std::string> {
    if (t == 2) return Unsupported("binding thread 2 to PU L#2 failed: Invalid argument");
    return std::string("PU L#1");
  };
  auto pool = ThreadPool::Create(options);
  ASSERT_FALSE(pool.ok());
  EXPECT_NE(pool.status().message().find("binding thread 2 to PU L#2 failed"), std::string::npos)
      << pool.status().ToString();
  EXPECT_NE(pool.status().ToString().find("starting pool thread 2"), std::string::npos) << pool.status().ToString();
}

TEST(ThreadPoolTest, BadOptionsAreRefused) {
  ThreadPoolOptions options;
  options.threads = 0;
  EXPECT_FALSE(ThreadPool::Create(options).ok());
  options.threads = 2;
  options.spin_microseconds = -1;
  EXPECT_FALSE(ThreadPool::Create(options).ok());
}

TEST(ThreadPoolTest, RunAllocatesNothing) {
  auto pool = MakePool(2);
  ASSERT_NE(pool, nullptr);
  std::vector<std::atomic<int64_t>> sums(64);
  auto task = [&](int64_t i) { sums[i].fetch_add(i, std::memory_order_relaxed); };
  pool->Run(64, task);  // first use outside the count
  testing::AllocationCounter counter;
  for (int rep = 0; rep < 500; ++rep) {
    pool->Run(1 + rep % 64, task);
    ParallelFor(pool.get(), 1000, kBigCost, [&](int64_t begin, int64_t) { sums[begin % 64].fetch_add(1); });
    ParallelFor2D(pool.get(), 20, 30, 4, 8, kBigCost, [&](int64_t r0, int64_t, int64_t c0, int64_t) {
      sums[(r0 + c0) % 64].fetch_add(1);
    });
  }
  EXPECT_EQ(counter.count(), 0);
}

TEST(ThreadPoolTest, JobsPostedRightAfterCreateAndDestroyingSleepingWorkersReturn) {
  // Spin 0: workers sleep as soon as they are idle, so every Run must wake
  // them (a lost wake-up hangs here) and every destructor finds them asleep.
  for (int rep = 0; rep < 200; ++rep) {
    auto pool = MakePool(2 + rep % 3, rep % 2 == 0 ? 0 : 50);
    ASSERT_NE(pool, nullptr);
    std::atomic<int> runs{0};
    // Posted before the workers may have looked for work at all.
    pool->Run(8, [&](int64_t) { runs.fetch_add(1); });
    EXPECT_EQ(runs.load(), 8);
  }
  for (int rep = 0; rep < 50; ++rep) {
    auto pool = MakePool(3, 0);  // destroyed without ever running a job
    ASSERT_NE(pool, nullptr);
  }
}

TEST(ThreadPoolTest, SleepingWorkersWakeForEveryJob) {
  auto pool = MakePool(3, 0);
  ASSERT_NE(pool, nullptr);
  std::atomic<int64_t> total{0};
  for (int rep = 0; rep < 3000; ++rep) {
    pool->Run(3, [&](int64_t i) { total.fetch_add(i + 1); });
  }
  EXPECT_EQ(total.load(), 3000 * 6);
}

}  // namespace
}  // namespace edgebench
