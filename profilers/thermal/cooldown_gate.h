// The cool-down gate: before a configuration, wait until the hottest thermal
// zone is below a threshold, for a bounded time. A fixed sleep either wastes
// time on a cool board or is too short on a hot one.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "profilers/thermal/known.h"

namespace edgebench {

struct CooldownRule {
  double below_c = 0;
  double max_wait_s = 300;
  double poll_s = 1;
};

struct CooldownOutcome {
  Known<double> start_c;  // hottest zone when the gate was reached
  Known<double> end_c;    // and when it opened
  double waited_s = 0;
  // True when the temperature fell below the threshold (or already was);
  // false when the wait hit max_wait_s or the temperature cannot be read.
  bool cooled = false;
  std::string note;  // why the gate opened without cooling
};

// Reads the hottest zone; sleeps; reads the elapsed seconds. Injected so that
// tests run without sysfs or real time.
struct CooldownClock {
  std::function<Known<double>()> read_max_temp_c;
  std::function<void(double seconds)> sleep;
  std::function<double()> now_s;
};

// The gate over the real thermal sysfs under `sysfs_root`, and real time.
CooldownClock SystemCooldownClock(const std::string& sysfs_root = "/sys");

CooldownOutcome WaitForCooldown(const CooldownRule& rule, const CooldownClock& clock);

// {"below_c", "waited_s", "cooled", "start_c", "end_c", "note"?}
nlohmann::json ToJson(const CooldownRule& rule, const CooldownOutcome& outcome);

}  // namespace edgebench
