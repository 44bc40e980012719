#include "profilers/thermal/thermal_sampler.h"

#include <chrono>
#include <cstdio>

namespace edgebench {

ThermalSampler::ThermalSampler(double period_s, std::string sysfs_root)
    : period_s_(period_s), sysfs_root_(std::move(sysfs_root)) {}

ThermalSampler::~ThermalSampler() { Stop(); }

void ThermalSampler::Start() {
  Stop();
  samples_.clear();
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

std::vector<TimedSnapshot> ThermalSampler::Stop() {
  if (thread_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  return std::move(samples_);
}

void ThermalSampler::Loop() {
  const auto start = std::chrono::steady_clock::now();
  auto next = start;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(period_s_));
    if (wake_.wait_until(lock, next, [this] { return stop_; })) return;
    lock.unlock();  // sysfs reads can be slow; Stop() must not wait on them
    TimedSnapshot sample;
    sample.snapshot = TakeThermalSnapshot(sysfs_root_);
    sample.t_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lock.lock();
    samples_.push_back(std::move(sample));
  }
}

void AddSamplesDuringRun(const ThermalSnapshot& before, const std::vector<TimedSnapshot>& samples,
                         const ThermalDeltaOptions& options, ThermalDelta* delta) {
  bool dropped = false;
  for (const TimedSnapshot& timed : samples) {
    const ThermalSnapshot& s = timed.snapshot;
    delta->during.push_back({timed.t_s, s.max_temp_c, s.freq_mhz_mean});
    if (dropped || !before.freq_mhz_mean.known() || !s.freq_mhz_mean.known()) continue;
    const double start = *before.freq_mhz_mean.value;
    const double now = *s.freq_mhz_mean.value;
    if ((now - start) / start * 100.0 < -options.freq_change_pct) {
      dropped = true;
      char text[160];
      std::snprintf(text, sizeof text, "frequency dropped from %.0f to %.0f MHz %.1f s into the run", start, now,
                    timed.t_s);
      delta->warnings.push_back(text);
    }
  }
  if (dropped) delta->throttled = Known<bool>::Of(true);
}

}  // namespace edgebench
