// The inner loops of the host's peak micro-benchmarks (devices detect). Each
// uses the widest vectors this build targets; the ISA is chosen here, once, at
// compile time (the build's -march), and each kernel names what it is.
#pragma once

#include <cstdint>

namespace edgebench {

struct PeakKernel {
  const char* name;             // "f32_fma_avx512_16x16": dtype, op, ISA, chains x lanes
  double ops_per_iteration;     // arithmetic ops one iteration does (a MAC or FMA is 2)
  // Runs `iterations` iterations and returns a value that depends on every
  // one of them, so that the compiler cannot drop the loop.
  double (*run)(int64_t iterations);
};

// FP32 fused multiply-adds in independent chains, enough of them to cover the
// FMA latency on every FMA pipe (Zen 4/5 and Skylake-X: 2 pipes x 4 cycles).
const PeakKernel& Fp32FmaKernel();

// INT8 multiply-accumulates into int32, u8 x s8 as quantized GEMM does them:
// AVX-512 VNNI vpdpbusd, else AVX2 vpmaddubsw+vpmaddwd, else NEON sdot, else
// a portable loop the compiler vectorizes.
const PeakKernel& Int8DotKernel();

// A chain of dependent register adds: one add per cycle on every core this
// runs on, so its rate is the core clock (one "op" per cycle).
const PeakKernel& AddChainKernel();

}  // namespace edgebench
