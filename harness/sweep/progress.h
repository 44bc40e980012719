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
  // `runnable` counts the configurations that will actually run (the ETA's basis).
  SweepProgress(size_t total, size_t runnable, bool enabled);
  // Prints one finished configuration's line; `ran` says whether it was measured.
  void Report(const std::string& line, bool ran);
  // Clears the bar.
  void Finish();

 private:
  void DrawBar() const;

  size_t total_, runnable_, done_ = 0, ran_ = 0;
  bool enabled_, tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace edgebench
