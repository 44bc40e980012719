// Energy from INA3221 power rails (NVIDIA Jetson). The sensor reports
// instantaneous power, so the reader samples every rail on a background
// thread and integrates each over time (power_integral.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "profilers/energy/energy_meter.h"
#include "profilers/energy/ina3221_rails.h"

namespace edgebench {

struct PowerSamplingOptions {
  // 10 ms is 100 Hz: well above how fast board power follows a run of
  // inferences, and a few file reads per sample cost microseconds.
  double period_s = 0.01;
  // Off: only Start, SampleNow and Stop take samples, so a test with a fake
  // clock decides every sample's time and value.
  bool background_thread = true;
  MonotonicClock clock = SteadyClockNs;
};

class Ina3221Reader final : public EnergyMeter {
 public:
  static Expected<std::unique_ptr<Ina3221Reader>> Open(const std::string& sysfs_root = "/sys",
                                                       PowerSamplingOptions options = {});
  ~Ina3221Reader() override;
  Ina3221Reader(const Ina3221Reader&) = delete;
  Ina3221Reader& operator=(const Ina3221Reader&) = delete;

  std::string source() const override { return "ina3221"; }
  // Takes the first sample (its failure is returned) and starts the sampler.
  Status Start() override;
  // Takes the last sample, stops the sampler and integrates. The total is the
  // input rail (FindInputRail) when present, else the sum of all rails.
  Expected<EnergyMeasurement> Stop() override;
  // Reads every rail once and records it at the clock's time; the background
  // thread calls this every period. A failed read is counted, not recorded.
  Status SampleNow();

  const std::vector<PowerRail>& rails() const { return rails_; }

 private:
  Ina3221Reader(std::vector<PowerRail> rails, PowerSamplingOptions options);
  void SamplerLoop();
  void StopSampler();

  const std::vector<PowerRail> rails_;
  const PowerSamplingOptions options_;

  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  bool stopping_ = false;
  bool started_ = false;
  std::vector<int64_t> times_ns_;
  std::vector<std::vector<double>> watts_;  // [rail][sample]
  int failed_samples_ = 0;
  std::string first_failure_;
  std::thread sampler_;
};

}  // namespace edgebench
