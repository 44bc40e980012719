#include "profilers/energy/energy_detect.h"

#include "profilers/energy/ina3221_reader.h"
#include "profilers/energy/rapl_reader.h"

namespace edgebench {

namespace {

template <typename Reader>
Expected<std::unique_ptr<EnergyMeter>> AsMeter(Expected<std::unique_ptr<Reader>> reader) {
  if (!reader.ok()) return reader.status();
  return std::unique_ptr<EnergyMeter>(std::move(reader).value());
}

}  // namespace

const std::vector<std::string>& EnergySources() {
  static const std::vector<std::string> kSources = {"rapl", "ina3221"};
  return kSources;
}

Expected<std::unique_ptr<EnergyMeter>> OpenEnergyMeter(const std::string& source, const std::string& sysfs_root) {
  if (source == "rapl") return AsMeter(RaplReader::Open(sysfs_root));
  if (source == "ina3221") return AsMeter(Ina3221Reader::Open(sysfs_root));
  std::string known;
  for (const std::string& name : EnergySources()) known += (known.empty() ? "" : ", ") + name;
  return InvalidArgument("unknown energy source '" + source + "' (known: " + known + ")");
}

Expected<std::unique_ptr<EnergyMeter>> DetectEnergyMeter(const std::string& sysfs_root) {
  std::string reasons;
  for (const std::string& source : EnergySources()) {
    Expected<std::unique_ptr<EnergyMeter>> meter = OpenEnergyMeter(source, sysfs_root);
    if (meter.ok()) return meter;
    reasons += (reasons.empty() ? "" : "; ") + meter.status().message();
  }
  return NotFound(reasons);
}

}  // namespace edgebench
