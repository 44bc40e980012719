#include "profilers/thermal/thermal_snapshot.h"

#include <algorithm>
#include <cstdio>

namespace edgebench {

namespace {

std::string Fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void SummarizeFrequencies(ThermalSnapshot& snapshot) {
  std::vector<double> mhz;
  for (const CpuFreq& cpu : snapshot.cpufreq.cpus) {
    if (cpu.cur_mhz.known()) mhz.push_back(*cpu.cur_mhz.value);
  }
  if (mhz.empty()) {
    const std::string why =
        snapshot.cpufreq.cpus.empty() ? snapshot.cpufreq.reason : snapshot.cpufreq.cpus.front().cur_mhz.reason;
    snapshot.freq_mhz_mean = snapshot.freq_mhz_min = snapshot.freq_mhz_max = Known<double>::Unknown(why);
    return;
  }
  double sum = 0;
  for (double value : mhz) sum += value;
  snapshot.freq_mhz_mean = Known<double>::Of(sum / static_cast<double>(mhz.size()));
  snapshot.freq_mhz_min = Known<double>::Of(*std::min_element(mhz.begin(), mhz.end()));
  snapshot.freq_mhz_max = Known<double>::Of(*std::max_element(mhz.begin(), mhz.end()));
}

// Pi flags raised during the run: the state now, plus sticky bits that were
// not already set before (without a "before", sticky bits may predate the run).
uint32_t PiFlagsDuringRun(const Known<uint32_t>& before, uint32_t after) {
  uint32_t bits = after & kPiNowMask;
  if (before.known()) bits |= after & ~*before.value & kPiStickyMask;
  return bits;
}

// Why a before/after pair is not fully known.
const std::string& MissingReason(const Known<double>& before, const Known<double>& after) {
  return before.known() ? after.reason : before.reason;
}

}  // namespace

ThermalSnapshot TakeThermalSnapshot(const std::string& sysfs_root) {
  ThermalSnapshot snapshot;
  snapshot.cpufreq = ReadCpuFreq(sysfs_root);
  snapshot.zones = ReadThermalZones(sysfs_root);
  snapshot.pi_throttled = ReadPiThrottled(sysfs_root);
  snapshot.governor = CommonGovernor(snapshot.cpufreq);
  SummarizeFrequencies(snapshot);
  snapshot.max_temp_c = MaxTemperature(snapshot.zones);
  return snapshot;
}

ThermalDelta CompareSnapshots(const ThermalSnapshot& before, const ThermalSnapshot& after,
                              const ThermalDeltaOptions& options) {
  ThermalDelta delta;
  delta.start_c = before.max_temp_c;
  delta.end_c = after.max_temp_c;
  delta.freq_mhz_start = before.freq_mhz_mean;
  delta.freq_mhz_end = after.freq_mhz_mean;

  for (const ThermalSnapshot* snapshot : {&before, &after}) {
    const Known<std::string>& governor = snapshot->governor;
    if (governor.known() && *governor.value != "performance") {
      delta.warnings.push_back("CPU governor is '" + *governor.value + "', not 'performance'");
      break;
    }
  }
  if (before.governor.known() && after.governor.known() && *before.governor.value != *after.governor.value) {
    delta.warnings.push_back("CPU governor changed from '" + *before.governor.value + "' to '" +
                             *after.governor.value + "' during the run");
  }

  bool throttled = false;
  bool evidence = false;  // a source that could have shown throttling was read
  if (after.pi_throttled.known()) {
    evidence = true;
    const uint32_t bits = PiFlagsDuringRun(before.pi_throttled, *after.pi_throttled.value);
    if (bits != 0) {
      throttled = true;
      delta.warnings.push_back("throttling: " + DescribePiThrottled(bits) + " (Raspberry Pi firmware flags)");
    }
  }

  const bool freq_known = delta.freq_mhz_start.known() && delta.freq_mhz_end.known();
  if (freq_known) {
    evidence = true;
    const double start = *delta.freq_mhz_start.value;
    const double end = *delta.freq_mhz_end.value;
    const double change_pct = (end - start) / start * 100.0;
    if (change_pct < -options.freq_change_pct) {
      throttled = true;
      delta.warnings.push_back("frequency dropped from " + Fixed(start, 0) + " to " + Fixed(end, 0) +
                               " MHz during the run");
    } else if (change_pct > options.freq_change_pct) {
      delta.warnings.push_back("frequency rose from " + Fixed(start, 0) + " to " + Fixed(end, 0) +
                               " MHz during the run");
    }
  }

  const bool temp_known = delta.start_c.known() && delta.end_c.known();
  if (temp_known && *delta.end_c.value - *delta.start_c.value > options.temp_rise_c) {
    delta.warnings.push_back("temperature rose from " + Fixed(*delta.start_c.value, 1) + " to " +
                             Fixed(*delta.end_c.value, 1) + " C during the run");
  }
  const std::string& freq_reason = MissingReason(delta.freq_mhz_start, delta.freq_mhz_end);
  if (!freq_known && !temp_known) {
    delta.warnings.push_back("frequency and temperature unknown: " + freq_reason + "; " +
                             MissingReason(delta.start_c, delta.end_c));
  }

  if (evidence) {
    delta.throttled = Known<bool>::Of(throttled);
  } else {
    delta.throttled = Known<bool>::Unknown("no frequency readings (" + freq_reason + ") and no throttle flags (" +
                                           after.pi_throttled.reason + ")");
  }
  return delta;
}

nlohmann::json ToJson(const ThermalDelta& delta) {
  nlohmann::json out = nlohmann::json::object();
  PutKnown(out, "start_c", delta.start_c);
  PutKnown(out, "end_c", delta.end_c);
  PutKnown(out, "freq_mhz_start", delta.freq_mhz_start);
  PutKnown(out, "freq_mhz_end", delta.freq_mhz_end);
  PutKnown(out, "throttled", delta.throttled);
  if (delta.during.empty()) return out;
  Known<double> peak = Known<double>::Unknown(delta.during.front().max_temp_c.reason);
  Known<double> lowest = Known<double>::Unknown(delta.during.front().freq_mhz_mean.reason);
  nlohmann::json samples = nlohmann::json::array();
  for (const ThermalSample& sample : delta.during) {
    nlohmann::json entry = {{"t_s", sample.t_s}};
    PutKnown(entry, "max_temp_c", sample.max_temp_c);
    PutKnown(entry, "freq_mhz_mean", sample.freq_mhz_mean);
    samples.push_back(std::move(entry));
    if (sample.max_temp_c.known() && (!peak.known() || *sample.max_temp_c.value > *peak.value)) {
      peak = sample.max_temp_c;
    }
    if (sample.freq_mhz_mean.known() && (!lowest.known() || *sample.freq_mhz_mean.value < *lowest.value)) {
      lowest = sample.freq_mhz_mean;
    }
  }
  PutKnown(out, "peak_c", peak);
  PutKnown(out, "freq_mhz_lowest", lowest);
  out["samples"] = std::move(samples);
  return out;
}

nlohmann::json ToJson(const ThermalSnapshot& snapshot) {
  nlohmann::json out = nlohmann::json::object();
  PutKnown(out, "governor", snapshot.governor);
  PutKnown(out, "freq_mhz_mean", snapshot.freq_mhz_mean);
  PutKnown(out, "freq_mhz_min", snapshot.freq_mhz_min);
  PutKnown(out, "freq_mhz_max", snapshot.freq_mhz_max);
  PutKnown(out, "max_temp_c", snapshot.max_temp_c);
  nlohmann::json cpus = nlohmann::json::array();
  for (const CpuFreq& cpu : snapshot.cpufreq.cpus) {
    nlohmann::json entry = {{"cpu", cpu.cpu}};
    PutKnown(entry, "governor", cpu.governor);
    PutKnown(entry, "cur_mhz", cpu.cur_mhz);
    PutKnown(entry, "max_mhz", cpu.max_mhz);
    cpus.push_back(std::move(entry));
  }
  out["cpus"] = std::move(cpus);
  if (snapshot.cpufreq.cpus.empty()) out["cpus_reason"] = snapshot.cpufreq.reason;
  nlohmann::json zones = nlohmann::json::array();
  for (const ThermalZone& zone : snapshot.zones.zones) {
    nlohmann::json entry = {{"zone", zone.zone}};
    PutKnown(entry, "type", zone.type);
    PutKnown(entry, "temp_c", zone.temp_c);
    zones.push_back(std::move(entry));
  }
  out["zones"] = std::move(zones);
  if (snapshot.zones.zones.empty()) out["zones_reason"] = snapshot.zones.reason;
  Known<std::string> pi_throttled;
  if (snapshot.pi_throttled.known()) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", *snapshot.pi_throttled.value);
    pi_throttled = Known<std::string>::Of(hex);
  } else {
    pi_throttled = Known<std::string>::Unknown(snapshot.pi_throttled.reason);
  }
  PutKnown(out, "pi_throttled", pi_throttled);
  return out;
}

}  // namespace edgebench
