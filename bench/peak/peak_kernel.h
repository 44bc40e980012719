// Peak-throughput loops. Each runs independent accumulator chains of one
// arithmetic instruction, enough of them to cover the instruction's latency
// on every port that executes it, so the loop runs at the issue rate: the
// core's peak for that instruction. One translation unit per ISA, each built
// with its own target flags; peak_kernel_selection.cpp picks the ones this CPU
// runs.
#pragma once

#include <cstdint>

namespace edgebench::bench {

struct PeakKernel {
  const char* name;           // dtype, instruction, ISA, chains: "fma_f32_avx512_16chains"
  int64_t ops_per_iteration;  // FLOPs or int8 ops; a multiply-add counts as two
  // Runs `iterations` loop trips; returns a checksum of the accumulators so
  // that the compiler keeps the work.
  double (*run)(int64_t iterations);
};

// Each is defined only where its ISA exists (x86-64 for the first five).
extern const PeakKernel kFmaF32Avx512;
extern const PeakKernel kFmaF32Avx2;
extern const PeakKernel kDotU8S8Avx512Vnni;
extern const PeakKernel kDotU8S8AvxVnni;
extern const PeakKernel kDotU8S8Avx2;
// Portable vector code (GCC vector extensions, FP contraction on): NEON FMA on
// aarch64, SSE2 multiply and add on x86-64 without FMA.
extern const PeakKernel kFmaF32Portable;

}  // namespace edgebench::bench
