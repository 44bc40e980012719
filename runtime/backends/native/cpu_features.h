// What the CPU can run, read once from cpuid (x86) or the auxiliary vector
// (aarch64), and the one place that turns it into the `native` backend's ISA
// level. EDGEBENCH_NATIVE_ISA=scalar|avx2|avx512 (x86) or scalar|neon
// (aarch64) lowers the level (never raises it), so that every path this
// machine has can be run and tested.
#pragma once

#include <string>

#include "runtime/core/status.h"

namespace edgebench::native {

struct CpuFeatures {
  // x86
  bool avx2 = false;
  bool fma = false;
  bool f16c = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512vl = false;
  bool avx512dq = false;
  bool avx512_vnni = false;
  bool avx_vnni = false;
  // aarch64
  bool asimd = false;
  bool asimddp = false;  // SDOT/UDOT
  bool fphp = false;     // FP16 arithmetic
  // The OS saves the wide registers (XCR0): without it AVX code faults.
  bool os_avx = false;
  bool os_avx512 = false;
};

// Kernel levels, lowest first within an architecture: a level runs on every
// CPU that has its features. kNeon is the aarch64 level (after the x86 ones,
// since op tables are indexed by the value); IsaRuns says which levels a
// CPU with a given best level runs.
enum class Isa { kScalar = 0, kAvx2 = 1, kAvx512 = 2, kNeon = 3 };

// This CPU's features (read once).
const CpuFeatures& HostCpuFeatures();
// The highest level `features` can run.
Isa BestIsa(const CpuFeatures& features);
// Whether a CPU whose best level is `best` runs `isa`: scalar everywhere,
// otherwise levels of best's architecture up to it.
bool IsaRuns(Isa isa, Isa best);
// "scalar", "avx2", "avx512", "neon".
const char* IsaName(Isa isa);
// The level named `name`, or an error listing the names.
Expected<Isa> ParseIsa(const std::string& name);
// The level the backend uses: BestIsa of the host, lowered to
// EDGEBENCH_NATIVE_ISA when that names a lower one. An unknown name, or one
// above what the host has, leaves the best level (and `*note` says why, when given).
Isa SelectIsa(const char* env_value, std::string* note = nullptr);
// SelectIsa of the process's EDGEBENCH_NATIVE_ISA.
Isa SelectedIsa();

// The INT8 kernel levels, lowest first, kept apart from the FP32 `Isa` so
// that VNNI (which only the int8 kernels use) never changes what FP32 runs.
// kAvx2 multiplies through int16 (vpmaddwd), kAvxVnni with the VEX-encoded
// 256-bit vpdpbusd (AVX-VNNI: Alder Lake and later, Zen 5), kAvx512Vnni with
// the 512-bit one, kNeon through int16 (SMLAL), kNeonDot with SDOT (aarch64
// dotprod). Op tables are indexed by the value, so new levels go last
// (kNeon < kNeonDot and kAvxVnni < kAvx512Vnni as levels, though not as
// values).
enum class Int8Isa { kScalar = 0, kAvx2 = 1, kAvx512Vnni = 2, kNeonDot = 3, kNeon = 4, kAvxVnni = 5 };
inline constexpr int kInt8IsaCount = 6;

// The INT8 level for the FP32 level `isa` (as SelectIsa chose it, so
// EDGEBENCH_NATIVE_ISA lowers both): avx512 becomes avx512vnni where
// `features` has AVX512-VNNI; avx512 without it and avx2 become avxvnni
// where `features` has AVX-VNNI, and avx2 otherwise; scalar maps to itself;
// neon becomes neondot where `features` has dotprod, and neon otherwise.
Int8Isa Int8IsaFor(Isa isa, const CpuFeatures& features);
// "scalar", "avx2", "avxvnni", "avx512vnni", "neondot", "neon".
const char* Int8IsaName(Int8Isa isa);

}  // namespace edgebench::native
