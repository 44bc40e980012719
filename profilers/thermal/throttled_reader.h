// Raspberry Pi firmware throttling flags (what `vcgencmd get_throttled` shows),
// exposed at devices/platform/soc/soc:firmware/get_throttled.
#pragma once

#include <cstdint>
#include <string>

#include "profilers/thermal/known.h"

namespace edgebench {

// Bits 0-3 hold the state now; the same conditions shifted by 16 are sticky:
// they stay set once the condition has happened since boot.
constexpr uint32_t kPiUnderVoltage = 0x1;
constexpr uint32_t kPiArmFreqCapped = 0x2;
constexpr uint32_t kPiThrottled = 0x4;
constexpr uint32_t kPiSoftTempLimit = 0x8;
constexpr uint32_t kPiNowMask = 0xF;
constexpr int kPiStickyShift = 16;
constexpr uint32_t kPiStickyMask = kPiNowMask << kPiStickyShift;

// The flags, or unknown with a reason (absent on anything but a Raspberry Pi).
Known<uint32_t> ReadPiThrottled(const std::string& sysfs_root = "/sys");

// "under-voltage, throttled (since boot)" for the set bits; "" for none.
std::string DescribePiThrottled(uint32_t bits);

}  // namespace edgebench
