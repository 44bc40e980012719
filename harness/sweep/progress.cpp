#include "harness/sweep/progress.h"

#include <unistd.h>

#include <cstdio>

namespace edgebench {

SweepProgress::SweepProgress(size_t total, size_t worker_runs, bool enabled)
    : total_(total), runnable_(worker_runs), enabled_(enabled), tty_(enabled && isatty(STDOUT_FILENO)) {}

void SweepProgress::Report(const std::string& line, bool ran) {
  ++done_;
  if (ran) ++ran_;
  if (!enabled_) return;
  if (tty_) std::printf("\r\033[K");  // erase the bar
  std::printf("[%zu/%zu] %s\n", done_, total_, line.c_str());
  if (tty_) DrawBar();
  std::fflush(stdout);
}

void SweepProgress::Note(const std::string& line) {
  ++ran_;
  if (!enabled_) return;
  if (tty_) std::printf("\r\033[K");
  std::printf("        %s\n", line.c_str());
  if (tty_) DrawBar();
  std::fflush(stdout);
}

void SweepProgress::DrawBar() const {
  constexpr int kWidth = 30;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  // ETA from the mean wall time of the worker runs so far.
  char eta[32] = "ETA unknown";
  if (ran_ > 0) std::snprintf(eta, sizeof(eta), "ETA %.0f s", elapsed / ran_ * (runnable_ - ran_));
  std::printf("[%s] %zu/%zu configurations, %.0f s elapsed, %s", bar.c_str(), done_, total_, elapsed, eta);
}

void SweepProgress::Finish() {
  if (tty_) std::printf("\r\033[K");
  std::fflush(stdout);
}

}  // namespace edgebench
