// IEEE 754 binary16 ("half") as a storage type: conversion to and from
// float32. Tensors of DType::kFloat16 hold the raw bits as uint16_t; kernels
// convert to float32, compute with float32 accumulation, and convert back.
//
// Float32 -> float16 rounds to nearest, ties to even (IEEE 754-2008 §4.3.1),
// overflows to infinity, and keeps subnormals, infinities and NaN (quieted).
// Every path below gives the same bits, NaN payloads aside.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace edgebench {

// One value, portable and bit-exact.
float Float16ToFloat32(uint16_t half);
uint16_t Float32ToFloat16(float value);

// n values, with the fastest kernels this CPU has (chosen once).
void Float16ToFloat32(const uint16_t* src, float* dst, size_t n);
void Float32ToFloat16(const float* src, uint16_t* dst, size_t n);

// A set of bulk conversion kernels for one ISA.
struct Float16Kernels {
  const char* isa;  // "f16c", "neon" or "portable"
  void (*to_float32)(const uint16_t* src, float* dst, size_t n);
  void (*to_float16)(const float* src, uint16_t* dst, size_t n);
};

// The scalar loop every CPU runs.
const Float16Kernels& PortableFloat16Kernels();
// F16C on x86 when the CPU has it, NEON on aarch64, else the portable ones.
const Float16Kernels& BestFloat16Kernels();

// Whether the CPU can compute in FP16 (x86 AVX512-FP16, ARMv8.2-A FP16), and
// whether the runtime does. The runtime stores FP16 and computes in float32
// either way: there are no native FP16 kernels yet, so `used` is false.
struct Float16Arithmetic {
  bool available = false;
  bool used = false;
  std::string reason;  // "AVX512-FP16 present; FP16 is storage only: ..."
};
Float16Arithmetic DetectFloat16Arithmetic();

}  // namespace edgebench
