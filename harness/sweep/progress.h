// Console progress of a sweep: on a terminal, a bar with configurations done
// and an ETA redrawn under the result lines; off a terminal, nothing but the
// plain result lines (logs stay clean).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace edgebench {

class SweepProgress {
 public:
  // `worker_runs` counts the worker processes the sweep will start (the ETA's
  // basis): one per configuration that runs, or one per repetition in rounds.
  SweepProgress(size_t total, size_t worker_runs, bool enabled);
  // Prints one finished configuration's line; `ran` says whether a worker
  // measured it (for its last round).
  void Report(const std::string& line, bool ran);
  // Prints the line of a worker run that did not finish its configuration
  // (an earlier round).
  void Note(const std::string& line);
  // Clears the bar.
  void Finish();

 private:
  void DrawBar() const;

  size_t total_, runnable_, done_ = 0, ran_ = 0;
  bool enabled_, tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace edgebench
