#include "devices/projection/roofline.h"

#include <algorithm>

namespace edgebench {

namespace {

bool IsCpu(const ComputeUnit& unit) { return unit.kind == "cpu"; }

}  // namespace

std::optional<UnitPeak> PeakOf(const ComputeUnit& unit, const std::string& precision, int threads, int cpu_cores) {
  for (const PrecisionPeak& peak : unit.peaks) {
    if (peak.precision != precision) continue;
    UnitPeak out;
    out.unit = unit.name;
    out.kind = unit.kind;
    out.precision = precision;
    out.peak_gops = peak.gops;
    if (IsCpu(unit) && cpu_cores > 0) {
      out.fraction_used = static_cast<double>(std::min(std::max(threads, 1), cpu_cores)) / cpu_cores;
    }
    return out;
  }
  return std::nullopt;
}

std::optional<UnitPeak> FastestUnit(const DeviceProfile& device, const std::string& precision, int threads) {
  std::optional<UnitPeak> fastest;
  for (const ComputeUnit& unit : device.units) {
    std::optional<UnitPeak> peak = PeakOf(unit, precision, threads, device.cpu.cores);
    if (peak && (!fastest || peak->effective_gops() > fastest->effective_gops())) fastest = std::move(peak);
  }
  return fastest;
}

Status CheckRooflineInputs(const DeviceProfile& device) {
  const std::string where = "device profile " + device.id + ": ";
  if (!(device.memory_bandwidth_gbps.value > 0)) {
    return InvalidArgument(where + "memory_bandwidth_gbps must be positive for a roofline");
  }
  for (const ComputeUnit& unit : device.units) {
    if (IsCpu(unit) && device.cpu.cores <= 0) {
      return InvalidArgument(where + "cpu.cores must be positive to scale unit '" + unit.name + "' to threads");
    }
    for (const PrecisionPeak& peak : unit.peaks) {
      if (!(peak.gops.value > 0)) {
        return InvalidArgument(where + "unit '" + unit.name + "' " + peak.precision + " peak must be positive");
      }
    }
  }
  return Status::Ok();
}

// GOP/s and GB/s are 1e9 per second, so ops / (G * 1e6) is milliseconds.
double RooflineMs(const OpWork& op, double gops, double gbps) {
  const double compute_ms = static_cast<double>(op.flops) / (gops * 1e6);
  const double memory_ms = static_cast<double>(op.bytes) / (gbps * 1e6);
  return std::max(compute_ms, memory_ms);
}

bool IsMemoryBound(const OpWork& op, double gops, double gbps) {
  return static_cast<double>(op.bytes) / gbps > static_cast<double>(op.flops) / gops;
}

nlohmann::json SourcedJson(const Sourced& figure) {
  return nlohmann::json{{"value", figure.value}, {"source", figure.source}};
}

nlohmann::json ToJson(const UnitPeak& peak) {
  return nlohmann::json{{"unit", peak.unit},
                        {"kind", peak.kind},
                        {"precision", peak.precision},
                        {"peak_gops", SourcedJson(peak.peak_gops)},
                        {"fraction_used", peak.fraction_used},
                        {"effective_gops", peak.effective_gops()}};
}

}  // namespace edgebench
