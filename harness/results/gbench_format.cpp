#include "harness/results/gbench_format.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace edgebench {
namespace {

// "resnet18/fp32/ref/threads:1/batch:1/all/none/single_stream": Google
// Benchmark's name/arg style, so its filters and compare.py work on it.
std::string BenchmarkName(const nlohmann::json& c) {
  return c.value("model", "") + "/" + c.value("precision", "") + "/" + c.value("backend", "") +
         "/threads:" + std::to_string(c.value("threads", 1)) + "/batch:" + std::to_string(c.value("batch", 1)) +
         "/" + c.value("opt_level", "") + "/" + c.value("pinning", "") + "/" + c.value("scenario", "");
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double Stddev(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = Mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace

nlohmann::json ToGoogleBenchmarkJson(const nlohmann::json& doc, const std::string& executable) {
  const nlohmann::json& host = doc.value("host", nlohmann::json::object());
  nlohmann::json caches = nlohmann::json::array();
  if (host.contains("caches") && host["caches"].is_array()) {
    for (const auto& c : host["caches"]) {
      const std::string level = c.value("level", "");
      const bool instruction = level.find('i') != std::string::npos;
      caches.push_back({{"type", instruction ? "Instruction" : (level == "L1d" ? "Data" : "Unified")},
                        {"level", level.size() > 1 ? level[1] - '0' : 0},
                        {"size", c.value("size_bytes", 0)},
                        {"num_sharing", 0}});
    }
  }
  nlohmann::json context = {{"date", doc["run"].value("started", "")},
                            {"host_name", doc["device"].value("id", "host")},
                            {"executable", executable},
                            {"num_cpus", host.value("threads", nlohmann::json(0))},
                            {"caches", caches},
                            {"library_build_type", doc["run"]["build"].value("type", "") == "Release" ? "release" : "debug"},
                            {"edgebench_run_id", doc["run"].value("id", "")}};

  nlohmann::json benchmarks = nlohmann::json::array();
  int family = 0;
  for (const auto& r : doc["results"]) {
    if (r.value("status", "") != "ok") continue;
    const std::string name = BenchmarkName(r["config"]);
    const int threads = r["config"].value("threads", 1);
    const auto& reps = r["latency_ms"]["repetitions"];
    const int n_reps = static_cast<int>(reps.size());
    std::vector<double> real, cpu;
    for (int i = 0; i < n_reps; ++i) {
      const auto& rep = reps[i];
      const double count = rep.value("count", 1.0);
      const double cpu_ms = rep["cpu_ms"].is_number() ? rep["cpu_ms"].get<double>() / count : 0.0;
      real.push_back(rep.value("mean", 0.0));
      cpu.push_back(cpu_ms);
      benchmarks.push_back({{"name", name},
                            {"family_index", family},
                            {"per_family_instance_index", 0},
                            {"run_name", name},
                            {"run_type", "iteration"},
                            {"repetitions", n_reps},
                            {"repetition_index", i},
                            {"threads", threads},
                            {"iterations", rep.value("count", 0)},
                            {"real_time", real.back()},
                            {"cpu_time", cpu.back()},
                            {"time_unit", "ms"}});
    }
    if (n_reps > 1) {
      struct Aggregate {
        const char* name;
        double real, cpu;
        const char* unit;
      };
      const Aggregate aggregates[] = {
          {"mean", Mean(real), Mean(cpu), "time"},
          {"median", Median(real), Median(cpu), "time"},
          {"stddev", Stddev(real), Stddev(cpu), "time"},
          {"cv", Stddev(real) / Mean(real), Mean(cpu) > 0 ? Stddev(cpu) / Mean(cpu) : 0.0, "percentage"},
      };
      for (const Aggregate& a : aggregates) {
        benchmarks.push_back({{"name", name + "_" + a.name},
                              {"family_index", family},
                              {"per_family_instance_index", 0},
                              {"run_name", name},
                              {"run_type", "aggregate"},
                              {"repetitions", n_reps},
                              {"threads", threads},
                              {"aggregate_name", a.name},
                              {"aggregate_unit", a.unit},
                              {"iterations", n_reps},
                              {"real_time", a.real},
                              {"cpu_time", a.cpu},
                              {"time_unit", "ms"}});
      }
    }
    ++family;
  }
  return {{"context", context}, {"benchmarks", benchmarks}};
}

}  // namespace edgebench
