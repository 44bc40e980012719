// Frequency and temperature before and after a measured run, and what changed
// in between: the DESIGN.md "thermal" result object and its warnings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profilers/thermal/cpufreq_reader.h"
#include "profilers/thermal/known.h"
#include "profilers/thermal/thermal_reader.h"
#include "profilers/thermal/throttled_reader.h"

namespace edgebench {

struct ThermalSnapshot {
  CpuFreqReading cpufreq;
  ThermalZones zones;
  Known<uint32_t> pi_throttled;
  // Summaries of the readings above.
  Known<std::string> governor;  // CommonGovernor
  Known<double> freq_mhz_mean;  // over CPUs whose current frequency was read
  Known<double> freq_mhz_min;
  Known<double> freq_mhz_max;
  Known<double> max_temp_c;  // hottest zone
};

// Never fails: whatever cannot be read is unknown with a reason.
ThermalSnapshot TakeThermalSnapshot(const std::string& sysfs_root = "/sys");

struct ThermalDeltaOptions {
  double freq_change_pct = 5.0;  // a larger change of the mean frequency is reported
  double temp_rise_c = 10.0;     // a larger rise of the hottest zone is reported
};

// One periodic reading during a run (ThermalSampler).
struct ThermalSample {
  double t_s = 0;
  Known<double> max_temp_c;
  Known<double> freq_mhz_mean;
};

struct ThermalDelta {
  Known<double> start_c;  // hottest zone before and after
  Known<double> end_c;
  Known<double> freq_mhz_start;  // mean current frequency before and after
  Known<double> freq_mhz_end;
  // True when Pi flags were set during the run or the mean frequency dropped
  // by more than freq_change_pct; false when either source was readable and
  // showed neither; unknown when neither could be read.
  Known<bool> throttled;
  std::vector<std::string> warnings;  // for the result's "warnings"
  std::vector<ThermalSample> during;  // periodic samples, when the run lasted a sampling period
};

ThermalDelta CompareSnapshots(const ThermalSnapshot& before, const ThermalSnapshot& after,
                              const ThermalDeltaOptions& options = {});

// The result's "thermal" object: start_c, end_c, freq_mhz_start, freq_mhz_end,
// throttled, and with samples: peak_c, freq_mhz_lowest and the samples.
nlohmann::json ToJson(const ThermalDelta& delta);
// One snapshot in full, for `edgebench` host reports and debugging.
nlohmann::json ToJson(const ThermalSnapshot& snapshot);

}  // namespace edgebench
