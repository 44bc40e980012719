// The closed word lists of a device profile. One list each: the loader checks
// against them, ToJson writes from them, and a test holds
// devices/schema/device.schema.json's enums equal to them.
#pragma once

#include <string>
#include <vector>

namespace edgebench {

// The "schema" tag every profile file carries.
constexpr char kDeviceProfileSchema[] = "edgebench.device/1";

const std::vector<std::string>& DeviceClasses();     // mcu, sbc, embedded-gpu, npu-soc, …
const std::vector<std::string>& ProfilePrecisions();  // fp32, fp16, int8 (the order peaks are kept in)
const std::vector<std::string>& ComputeUnitKinds();   // cpu, gpu, npu, tpu, dsp
const std::vector<std::string>& ProfileSensors();     // rapl, ina3221, thermal_zone, cpufreq, pi_throttled

}  // namespace edgebench
