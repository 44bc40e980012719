#!/usr/bin/env bash
# Cross-builds the native backend's kernel units for aarch64 (scalar + NEON
# tables, the FP32 and INT8 conv plans, and only what they need) into one static test
# driver, tests/cross/, and runs it under qemu-aarch64 on a CPU
# with dotprod (-cpu max) and one without (-cpu cortex-a53). Installs
# g++-aarch64-linux-gnu and qemu-user first when missing.
# Usage: scripts/test-neon.sh [build dir, default build-neon]
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-build-neon}

missing=()
for p in g++-aarch64-linux-gnu qemu-user; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-neon: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cxx=aarch64-linux-gnu-g++
command -v ccache >/dev/null && cxx="ccache $cxx"
native=runtime/backends/native
sources=(
  tests/cross/neon_vs_scalar.cpp tests/cross/neon_conv_vs_scalar.cpp tests/cross/neon_int8_vs_scalar.cpp
  $native/cpu_features.cpp $native/kernels.cpp $native/f16_kernels.cpp $native/int8_kernels.cpp $native/int8_conv.cpp $native/int8_conv_pixel_tiles.cpp $native/byte_transpose.cpp
  $native/conv_dense.cpp $native/conv_dense_pixel_tiles.cpp $native/conv_depthwise.cpp $native/conv_layout.cpp
  $native/scalar/kernels_scalar.cpp $native/scalar/f16_convert_scalar.cpp $native/scalar/int8_kernels_scalar.cpp
  $native/arm_neon/kernels_neon.cpp $native/arm_neon/f16_convert_neon.cpp
  $native/arm_neon/int8_kernels_neon.cpp $native/arm_neon/int8_kernels_neondot.cpp
  runtime/core/float16.cpp runtime/core/status.cpp runtime/core/thread_pool.cpp
)
mkdir -p "$out"
objects=()
for src in "${sources[@]}"; do
  obj="$out/$(echo "$src" | tr / _).o"
  flags=()
  # The same per-file flag as runtime/CMakeLists.txt gives the unit on aarch64.
  [[ $src == */int8_kernels_neondot.cpp ]] && flags=(-march=armv8.2-a+dotprod)
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find runtime/backends/native runtime/core tests/cross -name '*.h' -newer "$obj")" ]; then
    $cxx -std=c++17 -O2 -Wall -Wextra -Werror -I. "${flags[@]}" -c "$src" -o "$obj"
  fi
  objects+=("$obj")
done
$cxx -static -o "$out/neon_vs_scalar" "${objects[@]}"

status=0
for cpu in max cortex-a53; do
  echo "== qemu-aarch64 -cpu $cpu"
  qemu-aarch64 -cpu "$cpu" "$out/neon_vs_scalar" || status=1
done
exit $status
