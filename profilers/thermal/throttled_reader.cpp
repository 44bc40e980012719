#include "profilers/thermal/throttled_reader.h"

#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

struct PiFlag {
  uint32_t bit;
  const char* name;
};
constexpr PiFlag kPiFlags[] = {
    {kPiUnderVoltage, "under-voltage"},
    {kPiArmFreqCapped, "arm frequency capped"},
    {kPiThrottled, "throttled"},
    {kPiSoftTempLimit, "soft temperature limit"},
};

}  // namespace

Known<uint32_t> ReadPiThrottled(const std::string& sysfs_root) {
  const std::string path = sysfs_root + "/devices/platform/soc/soc:firmware/get_throttled";
  const Expected<int64_t> bits = ReadSysfsInt(path, 16);
  if (!bits.ok()) {
    if (bits.status().code() == ErrorCode::kNotFound) {
      return Known<uint32_t>::Unknown("no " + path + " (not a Raspberry Pi)");
    }
    return Known<uint32_t>::Unknown(bits.status().message());
  }
  if (*bits < 0 || *bits > int64_t{0xFFFFFFFF}) {
    return Known<uint32_t>::Unknown(path + " holds " + std::to_string(*bits) + ", not 32 flag bits");
  }
  return Known<uint32_t>::Of(static_cast<uint32_t>(*bits));
}

std::string DescribePiThrottled(uint32_t bits) {
  std::string out;
  for (const PiFlag& flag : kPiFlags) {
    if (bits & flag.bit) out += std::string(out.empty() ? "" : ", ") + flag.name;
  }
  for (const PiFlag& flag : kPiFlags) {
    if (bits & (flag.bit << kPiStickyShift)) out += std::string(out.empty() ? "" : ", ") + flag.name + " (since boot)";
  }
  return out;
}

}  // namespace edgebench
