// The kernel's perf_event ABI (struct perf_event_attr, PERF_* constants) for
// the files of this folder. libpfm4 ships its own copy of it, which must not
// meet <linux/perf_event.h> in one translation unit (DESIGN.md), so every
// file here takes it from this header. Internal: the public headers of this
// folder do not expose the ABI.
#pragma once

#if __has_include(<perfmon/pfmlib_perf_event.h>)
#include <perfmon/pfmlib_perf_event.h>
#define EDGEBENCH_HAVE_LIBPFM 1
#else
// A build without libpfm4 still counts software events; hardware events are
// then unavailable with that reason (google/benchmark does the same).
#include <linux/perf_event.h>
#define EDGEBENCH_HAVE_LIBPFM 0
#endif
