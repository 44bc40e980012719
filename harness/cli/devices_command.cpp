// edgebench devices list [--json] | show ID [--json] | detect [--json] [--out FILE] [--quick]
// (list and show take --dir DIR, the profile folder).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "devices/host/host_profile.h"
#include "devices/profiles/profile_json.h"
#include "devices/profiles/profile_loader.h"
#include "harness/cli/cli.h"
#include "harness/inspect/units.h"
#include "harness/sweep/device_context.h"  // DefaultDeviceProfileDir
#include "runtime/core/file_io.h"

namespace edgebench::cli {
namespace {

struct DevicesFlags {
  std::string dir;  // empty: DefaultDeviceProfileDir()
  std::string id;   // show: the device; detect: the profile's id
  bool json = false;
  std::string out;  // detect: where to write the profile
  bool quick = false;
};

std::string ProfileDir(const DevicesFlags& flags) {
  return flags.dir.empty() ? DefaultDeviceProfileDir() : flags.dir;
}

std::string Gops(const DeviceProfile& profile, const std::string& precision) {
  const PrecisionPeak* peak = BestPeak(profile, precision);
  if (peak == nullptr) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", peak->gops.value);
  return buffer;
}

std::string Number(double value, const char* format) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string CpuSummary(const CpuSpec& cpu) {
  return std::to_string(cpu.cores) + "x " + cpu.microarchitecture + " @ " + Number(cpu.max_freq_mhz.value, "%.0f") +
         " MHz";
}

Status RunList(const DevicesFlags& flags) {
  EB_ASSIGN_OR_RETURN(const std::vector<DeviceProfile> profiles, LoadDeviceProfiles(ProfileDir(flags)));
  if (flags.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const DeviceProfile& profile : profiles) all.push_back(ToJson(profile));
    std::printf("%s\n", all.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-18s %-16s %-44s %-40s %10s %10s %9s %9s %9s\n", "id", "class", "name", "cpu", "int8 GOP/s",
              "fp32 GOP/s", "ram", "typical W", "price $");
  for (const DeviceProfile& p : profiles) {
    std::printf("%-18s %-16s %-44s %-40s %10s %10s %9s %9s %9s\n", p.id.c_str(), p.device_class.c_str(),
                p.name.c_str(), CpuSummary(p.cpu).c_str(), Gops(p, "int8").c_str(), Gops(p, "fp32").c_str(),
                FormatBytes(static_cast<int64_t>(p.ram_bytes.value)).c_str(),
                Number(p.typical_w.value, "%.3g").c_str(),
                p.price_usd ? Number(p.price_usd->value, "%.0f").c_str() : "-");
  }
  std::printf("Peaks are the best unit's. Every figure's source: edgebench devices show ID\n");
  return Status::Ok();
}

void PrintSourced(const char* label, const std::string& value, const Sourced& sourced) {
  std::printf("  %-22s %-16s %s\n", label, value.c_str(), sourced.source.c_str());
}

void PrintProfile(const DeviceProfile& p) {
  std::printf("%s: %s (%s)\n", p.id.c_str(), p.name.c_str(), p.device_class.c_str());
  std::string isa;
  for (const std::string& feature : p.cpu.isa_features) isa += (isa.empty() ? "" : " ") + feature;
  std::printf("  cpu                    %d x %s; isa: %s\n", p.cpu.cores, p.cpu.microarchitecture.c_str(),
              isa.empty() ? "-" : isa.c_str());
  PrintSourced("max frequency", Number(p.cpu.max_freq_mhz.value, "%.0f MHz"), p.cpu.max_freq_mhz);
  for (const ComputeUnit& unit : p.units) {
    std::printf("  unit %s (%s)\n", unit.name.c_str(), unit.kind.c_str());
    for (const PrecisionPeak& peak : unit.peaks) {
      PrintSourced(("  " + peak.precision).c_str(), Number(peak.gops.value, "%.4g GOP/s"), peak.gops);
    }
  }
  PrintSourced("ram", FormatBytes(static_cast<int64_t>(p.ram_bytes.value)), p.ram_bytes);
  PrintSourced("memory bandwidth", Number(p.memory_bandwidth_gbps.value, "%.3g GB/s"), p.memory_bandwidth_gbps);
  if (p.flash_bytes) PrintSourced("flash", FormatBytes(static_cast<int64_t>(p.flash_bytes->value)), *p.flash_bytes);
  std::printf("  %-22s %s\n", "storage", p.storage.c_str());
  PrintSourced("idle power", Number(p.idle_w.value, "%.3g W"), p.idle_w);
  PrintSourced("typical power", Number(p.typical_w.value, "%.3g W"), p.typical_w);
  PrintSourced("max power", Number(p.max_w.value, "%.3g W"), p.max_w);
  if (p.price_usd) PrintSourced("price", Number(p.price_usd->value, "$%.0f"), *p.price_usd);
  PrintSourced("budget: model size", FormatBytes(static_cast<int64_t>(p.max_model_bytes.value)), p.max_model_bytes);
  PrintSourced("budget: latency", Number(p.target_latency_ms.value, "%.4g ms"), p.target_latency_ms);
  std::string sensors;
  for (const std::string& sensor : p.sensors) sensors += (sensors.empty() ? "" : ", ") + sensor;
  std::printf("  %-22s %s\n", "sensors", sensors.empty() ? "none" : sensors.c_str());
  if (!p.notes.empty()) std::printf("  %-22s %s\n", "notes", p.notes.c_str());
}

Status RunShow(const DevicesFlags& flags) {
  EB_ASSIGN_OR_RETURN(const DeviceProfile profile, FindDeviceProfile(ProfileDir(flags), flags.id));
  if (flags.json) {
    std::printf("%s\n", ToJson(profile).dump(2).c_str());
  } else {
    PrintProfile(profile);
  }
  return Status::Ok();
}

Status RunDetect(const DevicesFlags& flags) {
  HostProfileOptions options = flags.quick ? QuickHostProfileOptions() : HostProfileOptions();
  if (!flags.id.empty()) options.id = flags.id;
  EB_ASSIGN_OR_RETURN(const DeviceProfile profile, DetectHostProfile(options));
  // What is written must load back: the same checks as a shipped profile.
  EB_RETURN_IF_ERROR(ParseDeviceProfile(ToJson(profile), "detected profile").status());
  const std::string text = ToJson(profile).dump(2) + "\n";
  if (!flags.out.empty()) {
    EB_RETURN_IF_ERROR(WriteFileBytes(flags.out, text));
    std::fprintf(stderr, "wrote %s\n", flags.out.c_str());
  }
  if (flags.json) {
    std::printf("%s", text.c_str());
  } else {
    PrintProfile(profile);
  }
  return Status::Ok();
}

}  // namespace

void AddDevicesCommand(CLI::App& app, int* exit_code) {
  CLI::App* devices = app.add_subcommand("devices", "Device profiles: list, show, and detect this machine");
  devices->require_subcommand(1);
  auto flags = std::make_shared<DevicesFlags>();
  const auto add_common = [&flags](CLI::App* cmd) {
    cmd->add_flag("--json", flags->json, "Print JSON");
  };

  CLI::App* list = devices->add_subcommand("list", "One line per device profile");
  add_common(list);
  list->add_option("--dir", flags->dir, "Profile folder (default ./devices/profiles, else the source tree's)");
  list->callback([flags, exit_code] { *exit_code = ReportStatus(RunList(*flags)); });

  CLI::App* show = devices->add_subcommand("show", "Every field of one profile, with its source");
  show->add_option("id", flags->id, "Device id (see `edgebench devices list`)")->required();
  add_common(show);
  show->add_option("--dir", flags->dir, "Profile folder (default ./devices/profiles, else the source tree's)");
  show->callback([flags, exit_code] { *exit_code = ReportStatus(RunShow(*flags)); });

  CLI::App* detect = devices->add_subcommand("detect", "Profile this machine, measuring its peaks and bandwidth");
  add_common(detect);
  detect->add_option("--out", flags->out, "Also write the profile JSON to this file");
  detect->add_flag("--quick", flags->quick, "Shorter measurements (about 1 s in all), noisier");
  detect->add_option("--id", flags->id, "The profile's id")->default_str("host");
  detect->callback([flags, exit_code] { *exit_code = ReportStatus(RunDetect(*flags)); });
}

}  // namespace edgebench::cli
