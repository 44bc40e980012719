// CPU time of the calling thread. On a shared machine a single-threaded loop
// timed by the wall clock also counts the time other processes held the core;
// the thread's CPU time does not, so a peak (and a one-thread kernel rate)
// measured by it is the core's, not the machine's load.
#pragma once

#include <time.h>

namespace edgebench::bench {

inline double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace edgebench::bench
