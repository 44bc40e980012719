// edgebench run [SUITE.json] [overrides...]: sweeps a suite, one worker
// process per configuration, writing results.json as it goes, then the
// report (charts, report.html, report.md) into <out>/report/ unless --no-report.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <regex>
#include <optional>
#include <set>
#include <thread>

#include <CLI/CLI.hpp>
#include <onnx/onnx_pb.h>

#include "devices/host/host_info.h"
#include "harness/cli/cli.h"
#include "harness/results/build_info.h"
#include "harness/results/gbench_format.h"
#include "harness/results/results_file.h"
#include "harness/suite/suite.h"
#include "harness/sweep/device_context.h"
#include "harness/sweep/device_figures.h"
#include "harness/sweep/progress.h"
#include "harness/sweep/repetition_rounds.h"
#include "harness/sweep/result_record.h"
#include "harness/sweep/sweep_plan.h"
#include "harness/zoo/zoo.h"
#include "profilers/counters/perf_counters.h"
#include "profilers/latency/latency_stats.h"
#include "runtime/quant/qdq_quantizer.h"
#include "profilers/thermal/cooldown_gate.h"
#include "profilers/thermal/thermal_sampler.h"
#include "reports/report/write_report.h"
#include "runtime/core/file_io.h"
#include "runtime/core/sha256.h"

namespace edgebench::cli {
namespace {

namespace fs = std::filesystem;

struct RunFlags {
  std::string suite;
  SuiteOverrides overrides;
  std::string filter;
  std::string device = "host";
  std::string devices_dir;   // empty: ./devices/profiles, else the source tree's
  std::string host_profile;  // a `devices detect --out` file instead of measuring at start
  std::string out;
  std::string resume;
  std::string zoo_dir = "zoo";
  std::string pinning = "none";
  bool interleave = false;
  bool quiet = false;
  bool json = false;
  bool no_report = false;
  std::string format = "json";
};

std::string DefaultSuitePath() {
  if (fs::exists("suites/quick.json")) return "suites/quick.json";
  return std::string(EDGEBENCH_SOURCE_DIR) + "/suites/quick.json";
}

std::string Rfc3339Now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string TimestampDirName() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// Builds the zoo models the sweep needs and does not find on disk.
Status EnsureZooModels(const std::vector<ModelRef>& models, const std::string& zoo_dir) {
  std::vector<std::string> missing;
  for (const ModelRef& m : models) {
    if (m.zoo && !fs::exists(m.path)) missing.push_back(m.name);
  }
  if (missing.empty()) return Status::Ok();
  return zoo::BuildZoo(zoo_dir, missing).status();
}

Expected<std::vector<PlannedConfig>> Plan(const Suite& suite, const RunFlags& flags, std::vector<ModelRef>* models) {
  EB_ASSIGN_OR_RETURN(*models, ResolveModels(suite, flags.zoo_dir));
  EB_RETURN_IF_ERROR(EnsureZooModels(*models, flags.zoo_dir));
  std::map<std::string, std::string> sha256_by_name;  // identifies exactly what was measured
  std::set<std::string> prequantized;                  // model files quantized before edgebench saw them
  for (const ModelRef& m : *models) {
    EB_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(m.path));
    sha256_by_name[m.name] = Sha256Hex(bytes);
    onnx::ModelProto proto;
    if (proto.ParseFromString(bytes) && IsQuantizedModel(proto)) prequantized.insert(m.name);
  }
  SweepAxes axes;
  axes.precisions = suite.axes.precisions;
  axes.backends = suite.axes.backends;
  const int max_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EB_ASSIGN_OR_RETURN(axes.threads, ExpandThreads(suite.axes.threads, max_threads, "axes.threads"));
  axes.batches = suite.axes.batch;
  axes.opt_levels = suite.axes.opt_levels;
  axes.scenarios = suite.axes.scenarios;
  axes.pinning = flags.pinning;
  std::vector<PlannedConfig> plan = PlanSweep(*models, axes);
  for (PlannedConfig& p : plan) {
    p.config.model_sha256 = sha256_by_name[p.config.model];
    // A quantized file has no float model to run at fp32 or fp16, so a suite
    // can list it beside float models and sweep precisions over both.
    if (p.unsupported_reason.empty() && prequantized.count(p.config.model) > 0 && p.config.precision != "int8") {
      p.unsupported_reason = "the model file is already quantized; it runs at precision int8 only";
    }
  }
  if (!flags.filter.empty()) {
    std::regex re;
    try {
      re = std::regex(flags.filter);
    } catch (const std::regex_error& e) {
      return InvalidArgument("bad --filter '" + flags.filter + "': " + e.what());
    }
    std::vector<PlannedConfig> kept;
    for (PlannedConfig& p : plan) {
      if (std::regex_search(ConfigKey(p.config), re)) kept.push_back(std::move(p));
    }
    plan = std::move(kept);
  }
  if (flags.interleave || suite.run.interleave) InterleavePlan(plan, suite.run.seed);
  return plan;
}

// One worker process's run, with what the parent observed around it.
struct MeasuredWorker {
  WorkerOutcome outcome;
  ThermalDelta thermal;
  std::optional<CooldownOutcome> cooldown;
  std::string started, finished;
};

std::string SummaryLine(const nlohmann::json& r) {
  char buf[256];
  const std::string key = r.value("config_key", "");
  const std::string status = r.value("status", "");
  if (status != "ok") {
    std::snprintf(buf, sizeof(buf), "%-60s %-11s %s", key.c_str(), status.c_str(),
                  r["error"].is_string() ? r["error"].get<std::string>().c_str() : "");
    return buf;
  }
  const auto& l = r["latency_ms"];
  std::snprintf(buf, sizeof(buf), "%-60s ok  p50 %9.3f ms  p99 %9.3f ms  cv %5.1f%%  n %lld", key.c_str(),
                l["p50"].get<double>(), l["p99"].get<double>(), l["cv"].is_number() ? 100 * l["cv"].get<double>() : 0.0,
                static_cast<long long>(l["count"].get<int64_t>()));
  return buf;
}

// An earlier round's console line: the configuration and that round's p50.
std::string RoundLine(const RunConfig& config, const WorkerOutcome& outcome, int round, int rounds) {
  std::vector<double> samples =
      outcome.reply.at("measurement").at("repetitions").at(0).at("samples_ms").get<std::vector<double>>();
  std::sort(samples.begin(), samples.end());
  char buf[256];
  std::snprintf(buf, sizeof(buf), "round %d/%d %-52s p50 %9.3f ms", round + 1, rounds, ConfigKey(config).c_str(),
                NearestRankPercentile(samples, 50));
  return buf;
}

Status RunSweep(const RunFlags& flags) {
  const std::string suite_path = flags.suite.empty() ? DefaultSuitePath() : flags.suite;
  EB_ASSIGN_OR_RETURN(Suite suite, LoadSuite(suite_path));
  EB_RETURN_IF_ERROR(ApplyCliOverrides(suite, flags.overrides));
  // Bad counter names are bad input: fail before the sweep, not in every worker.
  EB_RETURN_IF_ERROR(PerfCounters::Open(suite.run.profile.counters).status().WithContext("--counters"));
  std::vector<ModelRef> models;
  EB_ASSIGN_OR_RETURN(std::vector<PlannedConfig> plan, Plan(suite, flags, &models));
  const SuiteRunRules& rules = suite.run;
  const HostInfo host = DetectHost();
  if (!flags.quiet && !flags.json) std::printf("measuring this machine's peaks for the projections...\n");
  EB_ASSIGN_OR_RETURN(const DeviceContext devices,
                      PrepareDevices({flags.device, flags.devices_dir, flags.host_profile}, host));

  std::string path;
  Expected<ResultsFile> file = Status(ErrorCode::kInternal, "unset");
  if (!flags.resume.empty()) {
    path = flags.resume;
    file = ResultsFile::Resume(path);
  } else {
    const fs::path dir = flags.out.empty() ? fs::path("results") / TimestampDirName() : fs::path(flags.out);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return IoError("cannot create '" + dir.string() + "': " + ec.message());
    path = (dir / "results.json").string();
    nlohmann::json run = RunHeader(suite.name, suite_path, rules.seed, Rfc3339Now());
    file = ResultsFile::Create(path, std::move(run), ToJson(host), ToJson(devices));
  }
  if (!file.ok()) return file.status();

  const std::vector<std::string> build_warnings = BuildWarnings();
  const std::string binary = SelfExecutable();
  const bool in_rounds = (flags.interleave || rules.interleave) && rules.repetitions > 1;
  size_t to_run = 0;
  for (const PlannedConfig& p : plan) {
    if (p.unsupported_reason.empty() && !file->Has(ConfigKey(p.config))) ++to_run;
  }
  SweepProgress progress(plan.size(), to_run * (in_rounds ? rules.repetitions : 1), !flags.quiet && !flags.json);
  // One worker process: cool-down gate, thermal sampling around it, timestamps.
  auto run_worker = [&](const nlohmann::json& request) {
    MeasuredWorker w;
    if (rules.profile.cooldown) w.cooldown = WaitForCooldown(*rules.profile.cooldown, SystemCooldownClock());
    w.started = Rfc3339Now();
    const ThermalSnapshot before = TakeThermalSnapshot();
    ThermalSampler sampler(rules.profile.thermal_sample_period_s);
    sampler.Start();
    w.outcome = RunWorker(binary, request, rules.timeout_s);
    const std::vector<TimedSnapshot> samples = sampler.Stop();
    w.thermal = CompareSnapshots(before, TakeThermalSnapshot());
    AddSamplesDuringRun(before, samples, {}, &w.thermal);
    w.finished = Rfc3339Now();
    return w;
  };
  auto record_of = [&](const PlannedConfig& p, const MeasuredWorker& w, const WorkerOutcome& outcome,
                       const std::string& finished) {
    nlohmann::json record = OutcomeRecord(p.config, outcome, w.thermal, build_warnings, w.started, finished);
    if (w.cooldown) {
      record["thermal"]["cooldown"] = ToJson(*rules.profile.cooldown, *w.cooldown);
      if (!w.cooldown->note.empty()) record["warnings"].push_back("cool-down gate: " + w.cooldown->note);
    }
    AddDeviceFigures(devices, &record);
    return record;
  };

  // Unsupported and resumed configurations are recorded first; the rest run.
  std::vector<const PlannedConfig*> runnable;
  for (const PlannedConfig& p : plan) {
    const std::string key = ConfigKey(p.config);
    if (file->Has(key)) {  // --resume: finished in an earlier run
      progress.Report(key + " (resumed: already in the file)", false);
    } else if (!p.unsupported_reason.empty()) {
      nlohmann::json record = UnsupportedRecord(p.config, p.unsupported_reason);
      progress.Report(SummaryLine(record), false);
      EB_RETURN_IF_ERROR(file->Append(std::move(record)));
    } else {
      runnable.push_back(&p);
    }
  }
  if (!in_rounds) {
    for (const PlannedConfig* p : runnable) {
      const MeasuredWorker w = run_worker({{"config", ToJson(p->config)}, {"rules", ToJson(rules)}});
      nlohmann::json record = record_of(*p, w, w.outcome, w.finished);
      progress.Report(SummaryLine(record), true);
      EB_RETURN_IF_ERROR(file->Append(std::move(record)));
    }
  } else {
    // See repetition_rounds.h. A configuration is written after its last
    // round, or at its first failed one (and then leaves the later rounds).
    const int rounds = rules.repetitions;
    std::vector<std::vector<MeasuredWorker>> done(runnable.size());
    std::vector<size_t> order(runnable.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int round = 0; round < rounds; ++round) {
      if (round > 0) ShuffleOrder(order, rules.seed + static_cast<uint64_t>(round));
      for (size_t i : order) {
        const PlannedConfig& p = *runnable[i];
        if (!done[i].empty() && !RoundSucceeded(done[i].back().outcome)) continue;  // failed in an earlier round
        done[i].push_back(run_worker(RoundRequest(p.config, rules, round)));
        const MeasuredWorker& first = done[i].front();
        const MeasuredWorker& last = done[i].back();
        if (!RoundSucceeded(last.outcome)) {
          nlohmann::json record = record_of(p, first, FailedRound(last.outcome, round, rounds), last.finished);
          progress.Report(SummaryLine(record), true);
          EB_RETURN_IF_ERROR(file->Append(std::move(record)));
        } else if (round + 1 == rounds) {
          std::vector<WorkerOutcome> outcomes;
          for (const MeasuredWorker& w : done[i]) outcomes.push_back(w.outcome);
          nlohmann::json record = record_of(p, first, MergeRounds(outcomes), last.finished);
          progress.Report(SummaryLine(record), true);
          EB_RETURN_IF_ERROR(file->Append(std::move(record)));
        } else {
          progress.Note(RoundLine(p.config, last.outcome, round, rounds));
        }
      }
    }
  }
  progress.Finish();
  EB_RETURN_IF_ERROR(file->Finish(Rfc3339Now()));
  if (flags.format == "gbench") {
    const std::string gbench_path = (fs::path(path).parent_path() / "results.gbench.json").string();
    EB_RETURN_IF_ERROR(WriteFileBytes(gbench_path, ToGoogleBenchmarkJson(file->document(), binary).dump(2) + "\n"));
    if (!flags.quiet && !flags.json) std::printf("wrote %s\n", gbench_path.c_str());
  }
  if (flags.json) {
    std::printf("%s\n", file->document().dump(2).c_str());
  } else if (!flags.quiet) {
    std::printf("wrote %s\n", path.c_str());
  }
  if (flags.no_report) return Status::Ok();
  // results.json is complete on disk by now: a failing report loses nothing.
  const std::string report_dir = (fs::path(path).parent_path() / "report").string();
  Expected<ReportFiles> report = WriteReport(ReportInput{{{path, file->document()}}, {}}, report_dir);
  if (!report.ok()) {
    return report.status().WithContext("report of " + path + " (the results are written; `edgebench report " + path +
                                       " --out DIR` retries)");
  }
  if (!flags.quiet && !flags.json) std::printf("wrote %s\n", report->html_path.c_str());
  return Status::Ok();
}

}  // namespace

void AddRunCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Sweep a suite (default suites/quick.json) and write results.json");
  cmd->add_option("suite", f->suite, "Suite file");
  cmd->add_option("--models", f->overrides.models, "Replace the suite's models (zoo names, paths, globs)")->delimiter(',');
  cmd->add_option("--precisions", f->overrides.precisions, "fp32,fp16,int8")->delimiter(',');
  cmd->add_option("--backends", f->overrides.backends, "Backends")->delimiter(',');
  cmd->add_option("--threads", f->overrides.threads, "Thread counts or ranges: 1,2 or 1-4 or 1..max")->delimiter(',');
  cmd->add_option("--batch", f->overrides.batch, "Batch sizes")->delimiter(',');
  cmd->add_option("--filter", f->filter, "Only configurations whose key matches this regex");
  cmd->add_option("--device", f->device,
                  "Device profile id (edgebench devices list): measured when this machine is that device, "
                  "else measured here and projected onto it")
      ->capture_default_str();
  cmd->add_option("--devices-dir", f->devices_dir, "Device profile folder (default ./devices/profiles, else the source tree's)");
  cmd->add_option("--host-profile", f->host_profile,
                  "This machine's profile from `devices detect --out`, instead of measuring its peaks at the start");
  cmd->add_option("--out", f->out, "Output folder (default results/<timestamp>)");
  cmd->add_option("--resume", f->resume, "Continue the sweep recorded in this results.json");
  cmd->add_option("--repetitions", f->overrides.repetitions, "Repetitions of the measured phase");
  cmd->add_option("--min-time", f->overrides.min_time_ms, "Minimum measured time per repetition, ms");
  cmd->add_option("--max-time", f->overrides.max_time_ms, "Maximum measured time per repetition, ms");
  cmd->add_option("--seed", f->overrides.seed, "Seed of interleaving and synthetic inputs");
  cmd->add_option("--counters", f->overrides.counters,
                  "Hardware events by libpfm4 name (replaces the default set; software events always come)")
      ->delimiter(',');
  // Callbacks, so that giving neither leaves the suite's choice alone.
  cmd->add_flag_callback("--per-op", [f] { f->overrides.per_op = true; }, "Profile every node after the measured phase");
  cmd->add_flag_callback("--no-per-op", [f] { f->overrides.per_op = false; }, "Skip the per-op profile");
  cmd->add_option("--cooldown-below", f->overrides.cooldown_below_c,
                  "Before each configuration, wait (bounded) until the hottest zone is below this many degrees C");
  cmd->add_option("--zoo-dir", f->zoo_dir, "Where zoo models are found or built")->capture_default_str();
  cmd->add_option("--pinning", f->pinning, "none, compact or spread")->capture_default_str();
  cmd->add_flag("--interleave", f->interleave,
                "Run configurations in a seeded random order; with repetitions > 1, one repetition of each per "
                "round, each in its own worker process");
  cmd->add_flag("--quiet", f->quiet, "Print nothing but errors");
  cmd->add_flag("--json", f->json, "Print the results document to stdout");
  cmd->add_flag("--no-report", f->no_report, "Skip the report (<out>/report/: report.html, report.md, charts/)");
  cmd->add_option("--format", f->format, "json, or gbench to also write Google Benchmark's JSON (results.gbench.json)")
      ->check(CLI::IsMember({"json", "gbench"}))
      ->capture_default_str();
  cmd->callback([f, exit_code] { *exit_code = ReportStatus(RunSweep(*f)); });
}

}  // namespace edgebench::cli
