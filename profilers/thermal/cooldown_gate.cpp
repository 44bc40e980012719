#include "profilers/thermal/cooldown_gate.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "profilers/thermal/thermal_reader.h"

namespace edgebench {

CooldownClock SystemCooldownClock(const std::string& sysfs_root) {
  CooldownClock clock;
  clock.read_max_temp_c = [sysfs_root] { return MaxTemperature(ReadThermalZones(sysfs_root)); };
  clock.sleep = [](double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); };
  clock.now_s = [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
  return clock;
}

CooldownOutcome WaitForCooldown(const CooldownRule& rule, const CooldownClock& clock) {
  CooldownOutcome outcome;
  const double start = clock.now_s();
  Known<double> temp = clock.read_max_temp_c();
  outcome.start_c = temp;
  while (temp.known() && *temp.value >= rule.below_c) {
    const double elapsed = clock.now_s() - start;
    if (elapsed >= rule.max_wait_s) break;
    clock.sleep(std::min(rule.poll_s, rule.max_wait_s - elapsed));
    temp = clock.read_max_temp_c();
  }
  outcome.end_c = temp;
  outcome.waited_s = clock.now_s() - start;
  if (!temp.known()) {
    outcome.note = "temperature unknown (" + temp.reason + "); the gate did not wait";
  } else if (*temp.value >= rule.below_c) {
    char text[160];
    std::snprintf(text, sizeof text, "still %.1f C after the %.0f s bound; measuring anyway", *temp.value,
                  rule.max_wait_s);
    outcome.note = text;
  } else {
    outcome.cooled = true;
  }
  return outcome;
}

nlohmann::json ToJson(const CooldownRule& rule, const CooldownOutcome& outcome) {
  nlohmann::json out = {{"below_c", rule.below_c}, {"waited_s", outcome.waited_s}, {"cooled", outcome.cooled}};
  PutKnown(out, "start_c", outcome.start_c);
  PutKnown(out, "end_c", outcome.end_c);
  if (!outcome.note.empty()) out["note"] = outcome.note;
  return out;
}

}  // namespace edgebench
