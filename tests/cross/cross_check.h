// What the cross-built NEON checks share (neon_vs_scalar.cpp): buffers
// against guard pages and per-group error bookkeeping.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/kernels.h"

namespace edgebench::native {

// `count` elements of T whose last one ends at a PROT_NONE page (or, with
// at_start, whose first one begins right after one).
template <class T>
class Guarded {
 public:
  explicit Guarded(size_t count, bool at_start = false) : count_(count) {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t bytes = std::max<size_t>(count * sizeof(T), 1);
    const size_t data_pages = (bytes + page - 1) / page;
    size_ = (data_pages + 2) * page;
    base_ = static_cast<uint8_t*>(mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    mprotect(base_, page, PROT_NONE);
    mprotect(base_ + (data_pages + 1) * page, page, PROT_NONE);
    data_ = reinterpret_cast<T*>(at_start ? base_ + page : base_ + (data_pages + 1) * page - count * sizeof(T));
  }
  ~Guarded() { munmap(base_, size_); }
  Guarded(const Guarded&) = delete;
  Guarded& operator=(const Guarded&) = delete;
  T* data() { return data_; }
  T& operator[](size_t i) { return data_[i]; }

 private:
  size_t count_;
  size_t size_ = 0;
  uint8_t* base_ = nullptr;
  T* data_ = nullptr;
};

// One group of cases: the largest errors seen and whether any exceeded its bound.
struct Group {
  std::string name;
  int cases = 0;
  double max_abs = 0.0, max_rel = 0.0;
  int failures = 0;
  // got vs want, with `scale` the magnitude rounding is relative to.
  void Check(double got, double want, double scale, double tol, const std::string& where) {
    const double abs = std::fabs(got - want);
    const double rel = abs / (scale + 1.0);
    max_abs = std::max(max_abs, abs);
    max_rel = std::max(max_rel, rel);
    if (!(rel <= tol)) {
      if (failures < 5) std::printf("  MISMATCH %s %s: got %.9g want %.9g\n", name.c_str(), where.c_str(), got, want);
      ++failures;
    }
  }
  bool Report() const {
    std::printf("%-34s %6d cases  max abs %.3g  max rel %.3g  %s\n", name.c_str(), cases, max_abs, max_rel,
                failures ? "FAIL" : "pass");
    return failures == 0;
  }
};

inline constexpr double kTol = 1e-5;  // float32 sums reordered: relative to sum |w * x| (as tests/.../op_runner.h)

// The FP32 Conv plans (neon_conv_vs_scalar.cpp): `neon` against the same
// plans on `ref` and against a direct loop.
void TestF32Conv(const NativeKernels& neon, const NativeKernels& ref, Group& vs_scalar, Group& vs_direct);

// The int8 checks (neon_int8_vs_scalar.cpp): `simd` against `ref`, the
// tiles on their own and through the QLinearConv plan (int8_conv_plan.h).
void TestInt8Tiles(const Int8Kernels& simd, const Int8Kernels& ref, Group& grp, int64_t* saturated, int64_t* total);
// `grp` compares with the plan of `ref`, `direct` with a direct loop.
void TestInt8Conv(const Int8Kernels& simd, const Int8Kernels& ref, Group& grp, Group& direct);

}  // namespace edgebench::native
