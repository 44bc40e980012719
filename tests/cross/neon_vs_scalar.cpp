// The aarch64 NEON kernel tables against the scalar ones, on shape grids with
// fixed seeds, for a cross build run under qemu-aarch64 (scripts/test-neon.sh):
// the full project needs arm64 protobuf/onnx, this needs only the kernel
// sources. Inputs and outputs sit against PROT_NONE guard pages, so a tail
// load or store past its valid lanes faults instead of passing unnoticed.
// Prints one line per case group (cases, max abs / rel error) and exits 1 on
// any mismatch.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/backends/native/cpu_features.h"
#include "runtime/backends/native/f16_kernels.h"
#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/kernels.h"
#include "tests/cross/cross_check.h"

namespace edgebench::native {
namespace {

std::vector<float> Uniform(std::mt19937& rng, size_t n, float lo = -1.0f, float hi = 1.0f) {
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

// y (m x n) = clamp(W (m x k) * X (k x n, rows ld apart) + bias + add) through
// a table's tile of MR x NR, packing W panels per the tile's contract.
void RunGemm(const GemmKernel& g, int64_t m, int64_t n, int64_t k, const std::vector<float>& w, const float* x,
             int64_t ld, const OutputStep& out_all, float* y) {
  std::vector<float> panel(static_cast<size_t>(k * g.mr));
  std::vector<int64_t> offsets(static_cast<size_t>(k));
  for (int64_t r0 = 0; r0 < m; r0 += g.mr) {
    const int64_t mr = std::min<int64_t>(g.mr, m - r0);
    std::fill(panel.begin(), panel.end(), 0.0f);
    for (int64_t t = 0; t < k; ++t) {
      for (int64_t r = 0; r < mr; ++r) panel[t * g.mr + r] = w[(r0 + r) * k + t];
    }
    for (int64_t c0 = 0; c0 < n; c0 += g.nr) {
      for (int64_t t = 0; t < k; ++t) offsets[t] = t * ld + c0;
      OutputStep o = out_all;
      if (o.bias) o.bias += r0;
      if (o.add) o.add += r0 * o.ld_add + c0;
      GemmTileArgs a;
      a.k = k;
      a.w = panel.data();
      a.x = x;
      a.offsets = offsets.data();
      a.mr = mr;
      a.nr = std::min<int64_t>(g.nr, n - c0);
      a.y = y + r0 * n + c0;
      a.ld_y = n;
      a.out = &o;
      g.tile(a);
    }
  }
}

void TestGemm(const NativeKernels& neon, const NativeKernels& ref, bool m1, Group& grp) {
  std::mt19937 rng(m1 ? 11 : 7);
  const GemmKernel& gn = m1 ? neon.gemm_m1 : neon.gemm;
  const GemmKernel& gr = m1 ? ref.gemm_m1 : ref.gemm;
  const std::vector<int64_t> ms = m1 ? std::vector<int64_t>{1} : std::vector<int64_t>{1, 2, 3, 5, 7, 8, 9, 13, 16, 17};
  for (int64_t m : ms) {
    for (int64_t n = 1; n <= 2 * gn.nr + 3; ++n) {
      for (int64_t k : {1, 2, 5, 16, 67}) {
        for (int variant = 0; variant < 3; ++variant) {  // plain, bias + Relu, bias + add + Clip
          const std::vector<float> w = Uniform(rng, m * k);
          Guarded<float> x(static_cast<size_t>(k * n));
          const std::vector<float> xv = Uniform(rng, k * n);
          std::copy(xv.begin(), xv.end(), x.data());
          const std::vector<float> bias = Uniform(rng, m);
          Guarded<float> add(static_cast<size_t>(m * n));
          const std::vector<float> addv = Uniform(rng, m * n);
          std::copy(addv.begin(), addv.end(), add.data());
          OutputStep o;
          o.lo = variant == 0 ? -INFINITY : (variant == 1 ? 0.0f : -0.5f);
          o.hi = variant == 2 ? 0.5f : INFINITY;
          if (variant > 0) o.bias = bias.data();
          if (variant == 2) {
            o.add = add.data();
            o.ld_add = n;
          }
          Guarded<float> yn(static_cast<size_t>(m * n)), yr(static_cast<size_t>(m * n));
          RunGemm(gn, m, n, k, w, x.data(), n, o, yn.data());
          RunGemm(gr, m, n, k, w, x.data(), n, o, yr.data());
          for (int64_t i = 0; i < m; ++i) {
            for (int64_t j = 0; j < n; ++j) {
              double scale = 0.0;
              for (int64_t t = 0; t < k; ++t) scale += std::fabs(w[i * k + t] * xv[t * n + j]);
              grp.Check(yn[i * n + j], yr[i * n + j], scale,
                        kTol, "m" + std::to_string(m) + " n" + std::to_string(n) + " k" + std::to_string(k));
            }
          }
          ++grp.cases;
        }
      }
    }
  }
}

// Depthwise runs and max pool over taps at shifted offsets of one buffer.
void TestRuns(const NativeKernels& neon, const NativeKernels& ref, Group& dw, Group& mp) {
  std::mt19937 rng(23);
  for (int64_t taps : {1, 4, 9, 25}) {
    for (int64_t n = 1; n <= 70; ++n) {
      const int64_t span = n + taps;  // tap t reads x[t .. t + n)
      Guarded<float> x(static_cast<size_t>(span));
      const std::vector<float> xv = Uniform(rng, span);
      std::copy(xv.begin(), xv.end(), x.data());
      std::vector<int64_t> offsets(static_cast<size_t>(taps));
      for (int64_t t = 0; t < taps; ++t) offsets[t] = (t * 7) % (taps + 1);  // also out of order
      const std::vector<float> w = Uniform(rng, taps);
      Guarded<float> yn(static_cast<size_t>(n)), yr(static_cast<size_t>(n));
      DepthwiseArgs a;
      a.taps = taps;
      a.w = w.data();
      a.x = x.data();
      a.offsets = offsets.data();
      a.n = n;
      a.bias = 0.25f;
      a.lo = n % 2 ? 0.0f : -INFINITY;
      a.hi = n % 3 ? INFINITY : 0.75f;
      a.y = yn.data();
      neon.depthwise(a);
      a.y = yr.data();
      ref.depthwise(a);
      for (int64_t j = 0; j < n; ++j) {
        double scale = 0.25;
        for (int64_t t = 0; t < taps; ++t) scale += std::fabs(w[t] * xv[offsets[t] + j]);
        dw.Check(yn[j], yr[j], scale, kTol, "taps" + std::to_string(taps) + " n" + std::to_string(n));
      }
      ++dw.cases;

      MaxPoolArgs p;
      p.taps = taps;
      p.x = x.data();
      p.offsets = offsets.data();
      p.n = n;
      p.y = yn.data();
      neon.max_pool(p);
      p.y = yr.data();
      ref.max_pool(p);
      for (int64_t j = 0; j < n; ++j) mp.Check(yn[j], yr[j], 0.0, 0.0, "taps" + std::to_string(taps) + " n" + std::to_string(n));
      ++mp.cases;
    }
  }
}

// The direct 3x3 kernels on planes in place: stride 1 and 2 (Depthwise3x3Args).
void TestDepthwise3x3(const NativeKernels& neon, const NativeKernels& ref, int stride, Group& grp) {
  std::mt19937 rng(31 + stride);
  auto kernel_of = [stride](const NativeKernels& k) { return stride == 1 ? k.depthwise_3x3s1 : k.depthwise_3x3s2; };
  if (!kernel_of(neon) || !kernel_of(ref)) return;
  for (int64_t in_h : {1, 2, 3, 5, 8, 13}) {
    for (int64_t in_w : {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 25, 33}) {
      for (int64_t pad : {0, 1, 2}) {
        const int64_t out_h = (in_h + 2 * pad - 3) / stride + 1, out_w = (in_w + 2 * pad - 3) / stride + 1;
        if (in_h + 2 * pad < 3 || in_w + 2 * pad < 3) continue;
        for (bool at_start : {false, true}) {  // the plane against a guard after it, then before it
          Guarded<float> x(static_cast<size_t>(in_h * in_w), at_start);
          const std::vector<float> xv = Uniform(rng, in_h * in_w);
          std::copy(xv.begin(), xv.end(), x.data());
          const std::vector<float> w = Uniform(rng, 9);
          Guarded<float> yn(static_cast<size_t>(out_h * out_w)), yr(static_cast<size_t>(out_h * out_w));
          Depthwise3x3Args a;
          a.x = x.data();
          a.in_h = in_h;
          a.in_w = in_w;
          a.w = w.data();
          a.out_h = out_h;
          a.out_w = out_w;
          a.pad_top = pad;
          a.pad_left = pad;
          a.bias = -0.125f;
          a.lo = pad == 1 ? 0.0f : -INFINITY;
          a.hi = INFINITY;
          a.y = yn.data();
          kernel_of(neon)(a);
          a.y = yr.data();
          kernel_of(ref)(a);
          for (int64_t i = 0; i < out_h * out_w; ++i) {
            grp.Check(yn[i], yr[i], 9.0, kTol,
                      std::to_string(in_h) + "x" + std::to_string(in_w) + " pad" + std::to_string(pad));
          }
          ++grp.cases;
        }
      }
    }
  }
}

// The direct 3x3 stride-2 max pool (MaxPool3x3Args) on planes in place:
// pads 0/1 at each end, floor and ceil_mode output sizes (ref's rule: a last
// window that would start in the end pad is dropped). Exact.
void TestMaxPool3x3S2(const NativeKernels& neon, const NativeKernels& ref, Group& grp) {
  if (!neon.max_pool_3x3s2 || !ref.max_pool_3x3s2) return;
  std::mt19937 rng(47);
  auto out_size = [](int64_t in, int64_t begin, int64_t end, bool ceil_mode) {
    const int64_t span = in + begin + end - 3;
    int64_t out = (ceil_mode ? (span + 1) / 2 : span / 2) + 1;
    if (ceil_mode && (out - 1) * 2 >= in + begin) --out;
    return out;
  };
  for (int64_t in_h : {1, 2, 3, 4, 5, 8, 13}) {
    for (int64_t in_w : {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 25, 33}) {
      for (int pads = 0; pads < 16; ++pads) {  // bits: top, left, bottom, right
        const int64_t top = pads & 1, left = (pads >> 1) & 1, bottom = (pads >> 2) & 1, right = (pads >> 3) & 1;
        if (in_h + top + bottom < 3 || in_w + left + right < 3) continue;
        for (bool ceil_mode : {false, true}) {
          const int64_t out_h = out_size(in_h, top, bottom, ceil_mode), out_w = out_size(in_w, left, right, ceil_mode);
          for (bool at_start : {false, true}) {  // the plane against a guard after it, then before it
            Guarded<float> x(static_cast<size_t>(in_h * in_w), at_start);
            const std::vector<float> xv = Uniform(rng, in_h * in_w);
            std::copy(xv.begin(), xv.end(), x.data());
            Guarded<float> yn(static_cast<size_t>(out_h * out_w)), yr(static_cast<size_t>(out_h * out_w));
            MaxPool3x3Args a;
            a.x = x.data();
            a.in_h = in_h;
            a.in_w = in_w;
            a.out_h = out_h;
            a.out_w = out_w;
            a.pad_top = top;
            a.pad_left = left;
            a.y = yn.data();
            neon.max_pool_3x3s2(a);
            a.y = yr.data();
            ref.max_pool_3x3s2(a);
            for (int64_t i = 0; i < out_h * out_w; ++i) {
              grp.Check(yn[i], yr[i], 0.0, 0.0,
                        std::to_string(in_h) + "x" + std::to_string(in_w) + " pads" + std::to_string(pads) +
                            (ceil_mode ? " ceil" : ""));
            }
            ++grp.cases;
          }
        }
      }
    }
  }
}

// DepthwiseFlatArgs' definition as a direct loop: the scalar level has no
// flat kernel (it needs 2 lanes), so this is what NEON's is checked against.
void DepthwiseFlatDirect(const DepthwiseFlatArgs& a) {
  for (int64_t p = 0; p < a.planes; ++p) {
    for (int64_t oh = 0; oh < a.out_h; ++oh) {
      for (int64_t ow = 0; ow < a.width; ++ow) {
        float sum = a.bias[p];
        for (int64_t kh = 0; kh < 3; ++kh) {
          for (int64_t kw = 0; kw < 3; ++kw) {
            const int64_t ih = oh - a.pad_top + kh, iw = ow - a.pad_left + kw;
            if (ih < 0 || ih >= a.in_h || iw < 0 || iw >= a.width) continue;
            sum += a.w[p * 9 + kh * 3 + kw] * a.x[(p * a.in_h + ih) * a.width + iw];
          }
        }
        a.y[(p * a.out_h + oh) * a.width + ow] = std::min(std::max(sum, a.lo), a.hi);
      }
    }
  }
}

// The flat 3x3 s1 kernel (DepthwiseFlatArgs): planes whose column pads sum
// to 2, several per call, against the direct loop.
void TestDepthwiseFlat(const NativeKernels& neon, Group& grp) {
  if (!neon.depthwise_3x3s1_flat) return;
  std::mt19937 rng(37);
  const int64_t planes = 3;
  for (int64_t in_h : {1, 2, 3, 4, 7, 14}) {
    for (int64_t width : {1, 2, 3, 5, 7, 8, 14, 25}) {
      for (int64_t pad_top : {0, 1, 2}) {
        for (int64_t pad_bottom : {0, 1, 2}) {
          for (int64_t pad_left : {0, 1, 2}) {
            const int64_t out_h = in_h + pad_top + pad_bottom - 2;
            if (out_h <= 0) continue;
            Guarded<float> x(static_cast<size_t>(planes * in_h * width));
            const std::vector<float> xv = Uniform(rng, planes * in_h * width);
            std::copy(xv.begin(), xv.end(), x.data());
            const std::vector<float> w = Uniform(rng, planes * 9), bias = Uniform(rng, planes);
            Guarded<float> yn(static_cast<size_t>(planes * out_h * width)), yr(static_cast<size_t>(planes * out_h * width));
            DepthwiseFlatArgs a;
            a.planes = planes;
            a.x = x.data();
            a.in_h = in_h;
            a.width = width;
            a.w = w.data();
            a.bias = bias.data();
            a.out_h = out_h;
            a.pad_top = pad_top;
            a.pad_left = pad_left;
            a.lo = pad_left == 1 ? 0.0f : -INFINITY;
            a.hi = INFINITY;
            a.y = yn.data();
            neon.depthwise_3x3s1_flat(a);
            a.y = yr.data();
            DepthwiseFlatDirect(a);
            for (int64_t i = 0; i < planes * out_h * width; ++i) {
              grp.Check(yn[i], yr[i], 10.0, kTol,
                        std::to_string(in_h) + "x" + std::to_string(width) + " pads " + std::to_string(pad_top) +
                            "/" + std::to_string(pad_bottom) + "/" + std::to_string(pad_left));
            }
            ++grp.cases;
          }
        }
      }
    }
  }
}

uint32_t Bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

// Every half value widened, and float bit patterns (ties, subnormals,
// overflow, NaN) rounded, over run lengths that cover the 8/4/1 tails.
void TestF16(const F16Kernels& neon, const F16Kernels& ref, Group& to_float, Group& to_half) {
  std::vector<uint16_t> all(65536);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint16_t>(i);
  for (int64_t n : {65536, 1, 2, 3, 4, 5, 7, 8, 9, 15, 17}) {
    Guarded<uint16_t> src(static_cast<size_t>(n));
    std::copy(all.end() - n, all.end(), src.data());
    Guarded<float> fn(static_cast<size_t>(n)), fr(static_cast<size_t>(n));
    neon.to_float(src.data(), fn.data(), n);
    ref.to_float(src.data(), fr.data(), n);
    for (int64_t i = 0; i < n; ++i) {
      const bool same = Bits(fn[i]) == Bits(fr[i]) || (std::isnan(fn[i]) && std::isnan(fr[i]));
      to_float.Check(same ? 0.0 : 1.0, 0.0, 0.0, 0.0, "half 0x" + std::to_string(src[i]));
    }
    ++to_float.cases;
  }
  std::mt19937 rng(53);
  std::uniform_int_distribution<uint32_t> bits(0, 0xffffffffu);
  std::uniform_int_distribution<uint32_t> near_half(0x33000000u, 0x47800000u);  // 2^-25 .. 2^16
  for (int64_t n : {100000, 1, 2, 3, 4, 5, 7, 8, 9, 15, 17}) {
    Guarded<float> src(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      uint32_t b = i % 3 == 0 ? bits(rng) : near_half(rng) | (bits(rng) & 0x80000000u);
      if (i % 5 == 0) b = (b & ~0x1fffu) | 0x1000u;  // exactly halfway between two halves: ties to even
      std::memcpy(&src[i], &b, 4);
    }
    Guarded<uint16_t> hn(static_cast<size_t>(n)), hr(static_cast<size_t>(n));
    neon.to_half(src.data(), hn.data(), n);
    ref.to_half(src.data(), hr.data(), n);
    for (int64_t i = 0; i < n; ++i) {
      const bool nan = (hn[i] & 0x7fff) > 0x7c00 && (hr[i] & 0x7fff) > 0x7c00;  // payloads may differ
      to_half.Check(hn[i] == hr[i] || nan ? 0.0 : 1.0, 0.0, 0.0, 0.0, "float bits " + std::to_string(Bits(src[i])));
    }
    ++to_half.cases;
  }
}

int Main() {
  const CpuFeatures& f = HostCpuFeatures();
  const Isa best = BestIsa(f);
  std::printf("host: asimd=%d asimddp=%d fphp=%d -> native %s, int8 %s\n", f.asimd, f.asimddp, f.fphp, IsaName(best),
              Int8IsaName(Int8IsaFor(best, f)));
  bool ok = true;
  std::string note;
  const bool select_ok = SelectIsa("scalar") == Isa::kScalar && SelectIsa("avx512", &note) == best &&
                         note.find("another architecture") != std::string::npos && SelectIsa(nullptr) == best;
  std::printf("%-34s %s\n", "EDGEBENCH_NATIVE_ISA handling", select_ok ? "pass" : "FAIL");
  ok &= select_ok;
  if (best != Isa::kNeon) {
    std::printf("no NEON on this CPU: nothing to compare\n");
    return ok ? 0 : 1;
  }
  const NativeKernels& neon = KernelsFor(Isa::kNeon);
  const NativeKernels& scalar = KernelsFor(Isa::kScalar);
  ok &= neon.isa == Isa::kNeon;
  Group gemm{"gemm_f32 " + std::to_string(neon.gemm.mr) + "x" + std::to_string(neon.gemm.nr)};
  Group gemm_m1{"gemm_f32 " + std::to_string(neon.gemm_m1.mr) + "x" + std::to_string(neon.gemm_m1.nr)};
  Group dw{"depthwise_f32 runs"}, mp{"max_pool_f32 runs (exact)"}, dw3{"depthwise_f32 3x3s1"};
  Group dw3s2{"depthwise_f32 3x3s2"}, flat{"depthwise_f32 3x3s1 flat"};
  Group mp3s2{"max_pool_f32 3x3s2 (exact)"};
  TestGemm(neon, scalar, false, gemm);
  TestGemm(neon, scalar, true, gemm_m1);
  TestRuns(neon, scalar, dw, mp);
  TestDepthwise3x3(neon, scalar, 1, dw3);
  TestDepthwise3x3(neon, scalar, 2, dw3s2);
  TestDepthwiseFlat(neon, flat);
  TestMaxPool3x3S2(neon, scalar, mp3s2);
  Group conv{"f32 Conv plans vs scalar plans"}, conv_direct{"  ... vs a direct loop"};
  TestF32Conv(neon, scalar, conv, conv_direct);
  for (const Group* g : {&gemm, &gemm_m1, &dw, &mp, &dw3, &dw3s2, &flat, &mp3s2, &conv, &conv_direct}) ok &= g->Report();

  Group to_float{"f16 -> f32 (bit-exact)"}, to_half{"f32 -> f16 (bit-exact)"};
  TestF16(F16KernelsFor(Isa::kNeon), F16KernelsFor(Isa::kScalar), to_float, to_half);
  ok &= to_float.Report();
  ok &= to_half.Report();

  const Int8Isa int8 = Int8IsaFor(Isa::kNeon, f);
  {
    const Int8Kernels& dot = Int8KernelsFor(int8);
    ok &= dot.isa == int8;
    Group q{std::string("int8 u8s8 ") + Int8IsaName(int8) + " " + std::to_string(dot.gemm.mr) + "x" + std::to_string(dot.gemm.nr) + " (exact)"};
    int64_t saturated = 0, total = 0;
    TestInt8Tiles(dot, Int8KernelsFor(Int8Isa::kScalar), q, &saturated, &total);
    ok &= q.Report();
    Group conv{"int8 QLinearConv plan (exact)"}, direct{"  ... vs a direct loop (exact)"};
    TestInt8Conv(dot, Int8KernelsFor(Int8Isa::kScalar), conv, direct);
    ok &= conv.Report();
    ok &= direct.Report();
    std::printf("  int8 outputs at a clamp: %.1f%% of %lld\n", 100.0 * saturated / total, static_cast<long long>(total));
  }
  std::printf("%s\n", ok ? "ALL PASS" : "FAILED");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace edgebench::native

int main() { return edgebench::native::Main(); }
