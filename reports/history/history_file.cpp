#include "reports/history/history_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

// Copies the listed fields of `from` that are present; absent ones stay absent.
nlohmann::json Pick(const nlohmann::json& from, std::initializer_list<const char*> fields) {
  nlohmann::json out = nlohmann::json::object();
  if (!from.is_object()) return out;
  for (const char* f : fields) {
    if (from.contains(f)) out[f] = from[f];
  }
  return out;
}

nlohmann::json ResultSummary(const nlohmann::json& r) {
  nlohmann::json s = Pick(r, {"config_key", "config", "status", "throughput_ips"});
  if (r.contains("latency_ms")) s["latency_ms"] = Pick(r["latency_ms"], {"count", "mean", "p50", "p90", "p99", "p50_ci95"});
  if (r.contains("memory")) {
    s["memory"] = Pick(r["memory"], {"weights_bytes", "peak_activation_bytes", "rss_peak_bytes"});
  }
  if (r.contains("energy")) s["energy"] = Pick(r["energy"], {"kind", "joules_per_inference"});
  return s;
}

}  // namespace

nlohmann::json HistoryEntry(const nlohmann::json& results_doc, const std::string& source) {
  nlohmann::json entry = {{"schema", kHistorySchema}, {"source", source}};
  entry["run"] = Pick(results_doc.value("run", nlohmann::json::object()),
                      {"id", "started", "finished", "suite", "git_sha", "edgebench_version"});
  entry["host"] = Pick(results_doc.value("host", nlohmann::json::object()), {"cpu_model"});
  entry["device"] = Pick(results_doc.value("device", nlohmann::json::object()), {"id", "mode"});
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : results_doc.value("results", nlohmann::json::array())) results.push_back(ResultSummary(r));
  entry["results"] = std::move(results);
  return entry;
}

Status AppendHistory(const std::string& path, const nlohmann::json& entry) {
  const std::string line = entry.dump() + "\n";
  // One write(2) with O_APPEND: two runs appending at once cannot interleave a line.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot open history '" + path + "': " + std::strerror(errno));
  const ssize_t n = ::write(fd, line.data(), line.size());
  const int write_errno = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) {
    return IoError("cannot append to history '" + path + "': " +
                   (n < 0 ? std::strerror(write_errno) : std::string("short write")));
  }
  return Status::Ok();
}

Expected<std::vector<nlohmann::json>> ReadHistory(const std::string& path) {
  EB_ASSIGN_OR_RETURN(std::string text, ReadFileBytes(path));
  std::vector<nlohmann::json> entries;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = "'" + path + "' line " + std::to_string(number);
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (entry.is_discarded()) return InvalidArgument(where + " is not valid JSON");
    if (!entry.is_object() || !entry.contains("schema") || entry["schema"] != kHistorySchema) {
      return InvalidArgument(where + " is not a history entry (schema must be \"" + std::string(kHistorySchema) +
                             "\")");
    }
    if (!entry.contains("results") || !entry["results"].is_array()) {
      return InvalidArgument(where + ": field 'results' must be an array");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace edgebench
