// Samples frequency and temperature on a background thread while a
// configuration runs, so that throttling in the middle of a long run shows
// even when the start and end readings look alike.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "profilers/thermal/thermal_snapshot.h"

namespace edgebench {

struct TimedSnapshot {
  double t_s = 0;  // since Start()
  ThermalSnapshot snapshot;
};

class ThermalSampler {
 public:
  ThermalSampler(double period_s, std::string sysfs_root = "/sys");
  ~ThermalSampler();
  ThermalSampler(const ThermalSampler&) = delete;
  ThermalSampler& operator=(const ThermalSampler&) = delete;

  void Start();
  // Stops the thread and returns the samples taken since Start() (none when
  // the run was shorter than one period).
  std::vector<TimedSnapshot> Stop();

 private:
  void Loop();

  double period_s_;
  std::string sysfs_root_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<TimedSnapshot> samples_;
};

// Folds the samples into the delta: the peak temperature and lowest mean
// frequency during the run, throttling that start and end missed, and the
// samples themselves (t_s, max_temp_c, freq_mhz_mean) for plots.
void AddSamplesDuringRun(const ThermalSnapshot& before, const std::vector<TimedSnapshot>& samples,
                         const ThermalDeltaOptions& options, ThermalDelta* delta);

}  // namespace edgebench
