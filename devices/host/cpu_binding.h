// Pinning of worker threads to processing units (PUs) with hwloc, recorded in
// the result's "pinning" so a number says where it was measured.
#pragma once

#include <string>

#include "runtime/core/status.h"

namespace edgebench {

enum class Pinning {
  kNone,     // the OS schedules threads wherever it likes
  kCompact,  // thread i on PU i in hwloc's logical order: a core's hardware
             // threads first, then the next core, package by package
  kSpread,   // threads spread over packages, then cores, before sharing a core
             // (hwloc_distrib); each thread gets one PU of its share
};

const char* PinningName(Pinning pinning);  // "none", "compact", "spread"
Expected<Pinning> ParsePinning(const std::string& name);

// Binds the calling thread as thread `thread_index` of `num_threads` and says
// where, e.g. "PU L#1 (OS cpu 1, core L#1)". With more threads than PUs,
// compact wraps around and the description says the PUs are shared. kNone
// leaves the binding alone. Loads the topology on each call: meant for thread
// start-up, not for a measured loop.
Expected<std::string> BindCurrentThread(Pinning pinning, int thread_index, int num_threads);

}  // namespace edgebench
