// How a pixel tile built for exactly PR pixels (Int8PixelTileArgs) takes
// the np <= PR a task's last tile may have. Two ways, shared by the per-ISA
// units; templates in an unnamed namespace, so that each unit keeps its own
// copy built with its own ISA flags.
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

}  // namespace
}  // namespace edgebench::native
