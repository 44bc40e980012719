#include "devices/profiles/profile_vocabulary.h"

namespace edgebench {

const std::vector<std::string>& DeviceClasses() {
  static const std::vector<std::string> kClasses = {"mcu",      "sbc",    "embedded-gpu", "npu-soc",
                                                    "usb-accelerator", "x86-ipc", "phone"};
  return kClasses;
}

const std::vector<std::string>& ProfilePrecisions() {
  static const std::vector<std::string> kPrecisions = {"fp32", "fp16", "int8"};
  return kPrecisions;
}

const std::vector<std::string>& ComputeUnitKinds() {
  static const std::vector<std::string> kKinds = {"cpu", "gpu", "npu", "tpu", "dsp"};
  return kKinds;
}

// The readers profilers/ has: powercap RAPL, Jetson INA3221 rails, thermal
// zones, cpufreq, and the Raspberry Pi firmware's throttled flags.
const std::vector<std::string>& ProfileSensors() {
  static const std::vector<std::string> kSensors = {"rapl", "ina3221", "thermal_zone", "cpufreq", "pi_throttled"};
  return kSensors;
}

}  // namespace edgebench
