// What the per-ISA pixel tiles (Int8PixelTileArgs) share: how a tile built
// for exactly PR pixels takes the np <= PR a task's last tile may have (two
// ways), and the walk over the runs. Templates in an unnamed namespace, so
// that each unit keeps its own copy built with its own ISA flags.
#pragma once

#include <cstdint>
#include <type_traits>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

// fixed(std::integral_constant<int, np>()): one instantiation per count, so
// that every accumulator index stays a constant (x86, where a tile with
// fewer pixels is cheaper).
template <int PR, typename Fixed>
inline void ForPixelCount(int64_t np, Fixed&& fixed) {
  if constexpr (PR > 1) {
    if (np < PR) {
      ForPixelCount<PR - 1>(np, fixed);
      return;
    }
  }
  fixed(std::integral_constant<int, PR>());
}

// fixed(args) with PR pixels always: the missing ones read pixel 0 again
// and their sums are dropped (NEON, whose tiles gather 4 pixels per
// register by lane).
template <int PR, typename Fixed>
inline void WithWholeTile(const Int8PixelTileArgs& a, Fixed&& fixed) {
  if (a.np == PR) {
    fixed(a);
    return;
  }
  const uint8_t* pixels[PR];
  for (int p = 0; p < PR; ++p) pixels[p] = a.pixels[p < a.np ? p : 0];
  Int8PixelTileArgs whole = a;
  whole.pixels = pixels;
  fixed(whole);
}

// The walk of every pixel tile: per run, the PR pixels' pointers into it,
// then step(x, t, w) for each of its groups of 4 depth values t, with w the
// group's slice of the panel (`group_bytes` apart, in run order).
template <int PR, typename Step>
[[gnu::always_inline]] inline void ForEachDepthGroup(const Int8PixelTileArgs& a, int64_t group_bytes, Step&& step) {
  const auto* w = static_cast<const uint8_t*>(a.w);
  for (int64_t s = 0; s < a.segments; ++s) {
    const uint8_t* x[PR];
#pragma GCC unroll 8
    for (int p = 0; p < PR; ++p) x[p] = a.pixels[p] + a.offsets[s];
    for (int64_t t = 0; t < a.segment_k4; ++t, w += group_bytes) step(x, t, w);
  }
}

}  // namespace
}  // namespace edgebench::native
