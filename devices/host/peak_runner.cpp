#include "devices/host/peak_runner.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "devices/host/cpu_binding.h"

namespace edgebench {

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// One repeat: every thread binds, reports ready, waits for the release, works.
double RunRepeat(int threads, PeakClock clock, const std::function<double(int)>& work) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<double> units(threads, 0);
  std::vector<double> cpu_seconds(threads, 0);
  std::vector<Clock::time_point> finished(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      // Unpinned threads still measure, only with more noise: ignore failure.
      (void)BindCurrentThread(Pinning::kCompact, t, threads);
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      const double cpu_start = ThreadCpuSeconds();
      units[t] = work(t);
      cpu_seconds[t] = ThreadCpuSeconds() - cpu_start;
      finished[t] = Clock::now();
    });
  }
  while (ready.load() < threads) std::this_thread::yield();
  const Clock::time_point start = Clock::now();
  go.store(true, std::memory_order_release);
  for (std::thread& thread : pool) thread.join();
  if (clock == PeakClock::kThreadCpu) {
    double rate = 0;
    for (int t = 0; t < threads; ++t) rate += cpu_seconds[t] > 0 ? units[t] / cpu_seconds[t] : 0;
    return rate;
  }
  const Clock::time_point end = *std::max_element(finished.begin(), finished.end());
  double total = 0;
  for (double u : units) total += u;
  const double elapsed = Seconds(end - start);
  return elapsed > 0 ? total / elapsed : 0;
}

}  // namespace

BestRate MeasureBestRate(int threads, PeakClock clock, const PeakBudget& budget,
                         const std::function<double(int)>& work) {
  BestRate best;
  const Clock::time_point start = Clock::now();
  while (best.repeats < budget.min_repeats || Seconds(Clock::now() - start) < budget.min_time_s) {
    best.per_second = std::max(best.per_second, RunRepeat(std::max(threads, 1), clock, work));
    ++best.repeats;
  }
  return best;
}

std::string MeasuredSource(const PeakReading& reading) {
  return "measured by edgebench devices detect (" + reading.kernel + ", " + std::to_string(reading.threads) +
         (reading.threads == 1 ? " thread" : " threads") + ", best of " + std::to_string(reading.repeats) +
         (reading.clock == PeakClock::kThreadCpu ? ", per CPU-second" : "") + ")";
}

double RunFor(double seconds, const std::function<double()>& chunk) {
  double units = 0;
  const double start = ThreadCpuSeconds();
  do {
    units += chunk();
  } while (ThreadCpuSeconds() - start < seconds);
  return units;
}

}  // namespace edgebench
