// The int8 checks of the cross-built NEON driver (cross_check.h): the SDOT
// tile against the scalar one, first on its own (packed here as
// int8_conv.cpp packs), then through MakeInt8ConvPlan / RunInt8Conv, which
// is where the table's x_offset is folded into the row offsets (k x k
// shapes take the pixel tile where the level has one: NEON dotprod's).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "runtime/backends/native/int8_conv_plan.h"
#include "tests/cross/cross_check.h"

namespace edgebench::native {
namespace {

// An M x N int8 GEMM through a table's tile, packed as int8_conv.cpp does:
// per group of 4 depth values, each column's 4 bytes; W panels in kS8x4;
// the zero-point terms and x_offset * sum(w) folded into row_offset.
void RunInt8Gemm(const Int8GemmKernel& g, int64_t m, int64_t n, int64_t k, const std::vector<uint8_t>& x,
                 const std::vector<int8_t>& w, int32_t x_zp, const std::vector<int32_t>& w_zp,
                 const std::vector<int32_t>& bias, const std::vector<float>& mult, float y_zp, bool y_signed,
                 uint8_t* y) {
  const int64_t k4 = (k + 3) / 4;
  const int64_t columns = (n + g.nr - 1) / g.nr * g.nr;
  std::vector<uint8_t> cols(static_cast<size_t>(k4 * columns * 4), 0);
  for (int64_t t = 0; t < k; ++t) {
    for (int64_t j = 0; j < n; ++j) cols[((t / 4) * columns + j) * 4 + t % 4] = x[t * n + j];
  }
  std::vector<int32_t> sums(static_cast<size_t>(columns), 0);
  for (int64_t j = 0; j < n; ++j) {
    for (int64_t t = 0; t < k; ++t) sums[j] += x[t * n + j];
  }
  std::vector<int8_t> panel(static_cast<size_t>(k4 * g.mr * 4));
  std::vector<int32_t> offset(static_cast<size_t>(g.mr)), zp(static_cast<size_t>(g.mr));
  for (int64_t r0 = 0; r0 < m; r0 += g.mr) {
    const int64_t mr = std::min<int64_t>(g.mr, m - r0);
    std::fill(panel.begin(), panel.end(), 0);
    for (int64_t r = 0; r < mr; ++r) {
      int32_t w_sum = 0;
      for (int64_t t = 0; t < k; ++t) {
        const int8_t v = w[(r0 + r) * k + t];
        panel[((t / 4) * g.mr + r) * 4 + t % 4] = v;
        w_sum += v;
      }
      const int32_t wz = w_zp[r0 + r];
      offset[r] = static_cast<int32_t>(static_cast<uint32_t>(bias[r0 + r]) - static_cast<uint32_t>(x_zp * w_sum) +
                                       static_cast<uint32_t>(k * x_zp * wz) +
                                       static_cast<uint32_t>(g.x_offset) * static_cast<uint32_t>(w_sum));
      zp[r] = wz;
    }
    for (int64_t c0 = 0; c0 < n; c0 += g.nr) {
      Int8OutputStep o;
      o.row_offset = offset.data();
      o.row_w_zp = zp.data();
      o.col_sums = sums.data() + c0;
      o.multiplier = mult.data() + r0;
      o.y_zp = y_zp;
      o.lo = y_signed ? -128.0f : 0.0f;
      o.hi = y_signed ? 127.0f : 255.0f;
      Int8GemmTileArgs a;
      a.k4 = k4;
      a.x = cols.data() + c0 * 4;
      a.x_stride = columns * 4;
      a.w = panel.data();
      a.mr = mr;
      a.nr = std::min<int64_t>(g.nr, n - c0);
      a.y = y + r0 * n + c0;
      a.ld_y = n;
      a.out = &o;
      g.tile(a);
    }
  }
}

// QLinearConv computed directly (qlinear_conv.cpp's arithmetic: int32 sums
// of (x - x_zp)(w - w_zp) + bias, float(sum) * x_scale * w_scale / y_scale
// rounded half to even, + y_zp, clamped), so that the plan's own gather and
// packing are checked too, not only the tile that both plans share.
std::vector<uint8_t> DirectQLinearConv(const Int8ConvParams& p, const Int8ConvQuant& q, const uint8_t* x) {
  const int64_t cin_g = p.channels / p.group, cout_g = p.filters / p.group;
  std::vector<uint8_t> y(static_cast<size_t>(p.batch * p.filters * p.out_h * p.out_w));
  const auto* w = static_cast<const uint8_t*>(q.w);
  auto value = [](uint8_t b, bool is_signed) { return is_signed ? int32_t{static_cast<int8_t>(b)} : int32_t{b}; };
  size_t i = 0;
  for (int64_t n = 0; n < p.batch; ++n) {
    for (int64_t m = 0; m < p.filters; ++m) {
      const int64_t g = m / cout_g;
      const int32_t w_zp = q.w_zp.empty() ? 0 : q.w_zp[q.w_zp.size() == 1 ? 0 : m];
      const float mult = q.x_scale * q.w_scale[q.w_scale.size() == 1 ? 0 : m] / q.y_scale;
      for (int64_t oh = 0; oh < p.out_h; ++oh) {
        for (int64_t ow = 0; ow < p.out_w; ++ow, ++i) {
          uint32_t acc = static_cast<uint32_t>(q.bias ? q.bias[m] : 0);
          for (int64_t c = 0; c < cin_g; ++c) {
            for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
              for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
                const int64_t ih = oh * p.strides[0] - p.pads[0] + kh, iw = ow * p.strides[1] - p.pads[1] + kw;
                if (ih < 0 || ih >= p.in_h || iw < 0 || iw >= p.in_w) continue;  // pads hold x_zp: 0
                const int32_t xv = value(x[((n * p.channels + g * cin_g + c) * p.in_h + ih) * p.in_w + iw], p.x_signed);
                const int32_t wv = value(w[((m * cin_g + c) * p.kernel_h + kh) * p.kernel_w + kw], q.w_signed);
                acc += static_cast<uint32_t>((xv - q.x_zp) * (wv - w_zp));
              }
            }
          }
          float v = std::nearbyint(static_cast<float>(static_cast<int32_t>(acc)) * mult) + static_cast<float>(q.y_zp);
          v = std::min(std::max(v, p.y_signed ? -128.0f : 0.0f), p.y_signed ? 127.0f : 255.0f);
          y[i] = static_cast<uint8_t>(static_cast<int32_t>(v));
        }
      }
    }
  }
  return y;
}

}  // namespace

void TestInt8Tiles(const Int8Kernels& simd, const Int8Kernels& ref, Group& grp, int64_t* saturated, int64_t* total) {
  std::mt19937 rng(41);
  std::uniform_int_distribution<int> u8(0, 255), s8(-128, 127);
  for (int64_t m : {1, 3, 4, 7, 8, 9, 16, 19}) {
    for (int64_t n = 1; n <= 2 * simd.gemm.nr + 5; ++n) {
      for (int64_t k : {1, 3, 4, 9, 36, 147}) {
        for (int variant = 0; variant < 2; ++variant) {  // u8 out, no w zp; s8 out with w zero points
          std::vector<uint8_t> x(static_cast<size_t>(k * n));
          for (auto& v : x) v = static_cast<uint8_t>(u8(rng));
          std::vector<int8_t> w(static_cast<size_t>(m * k));
          for (auto& v : w) v = static_cast<int8_t>(s8(rng));
          std::vector<int32_t> w_zp(static_cast<size_t>(m), 0), bias(static_cast<size_t>(m));
          for (auto& b : bias) b = s8(rng) * 50;
          if (variant == 1) {
            for (auto& z : w_zp) z = s8(rng) / 8;
          }
          // Scaled so that the outputs spread over the byte range, not only its clamps.
          std::vector<float> mult(static_cast<size_t>(m));
          for (auto& v : mult) v = (0.5f + 0.01f * static_cast<float>(u8(rng))) * 60.0f / (std::sqrt(float(k)) * 128 * 74);
          const int32_t x_zp = variant ? 131 : 0;
          const float y_zp = variant ? 3.0f : 128.0f;
          Guarded<uint8_t> ys(static_cast<size_t>(m * n)), yr(static_cast<size_t>(m * n));
          RunInt8Gemm(simd.gemm, m, n, k, x, w, x_zp, w_zp, bias, mult, y_zp, variant == 1, ys.data());
          RunInt8Gemm(ref.gemm, m, n, k, x, w, x_zp, w_zp, bias, mult, y_zp, variant == 1, yr.data());
          for (int64_t i = 0; i < m * n; ++i) {
            const int got = variant ? int{static_cast<int8_t>(ys[i])} : int{ys[i]};
            const int want = variant ? int{static_cast<int8_t>(yr[i])} : int{yr[i]};
            grp.Check(got, want, 0.0, 0.0, "m" + std::to_string(m) + " n" + std::to_string(n) + " k" + std::to_string(k));
            *saturated += variant ? (want == -128 || want == 127) : (want == 0 || want == 255);
          }
          *total += m * n;
          ++grp.cases;
        }
      }
    }
  }
}

void TestInt8Conv(const Int8Kernels& simd, const Int8Kernels& ref, Group& grp, Group& direct) {
  std::mt19937 rng(61);
  std::uniform_int_distribution<int> byte(0, 255);
  struct Shape {
    int64_t channels, filters, group, in_h, in_w, kernel, stride, pad;
  };
  const Shape shapes[] = {{3, 8, 1, 9, 11, 3, 2, 1},  {16, 24, 1, 7, 7, 1, 1, 0}, {8, 13, 1, 10, 6, 3, 1, 1},
                          {12, 12, 4, 8, 9, 3, 1, 1}, {5, 19, 1, 13, 5, 5, 2, 2}, {32, 7, 1, 4, 4, 3, 1, 0},
                          {8, 10, 1, 5, 37, 3, 1, 1}};  // 37 columns: the 16-column interleave and its tail
  for (const Shape& s : shapes) {
    for (int variant = 0; variant < 4; ++variant) {  // x / w / y signedness, weight zero points
      Int8ConvParams p;
      p.batch = 2;
      p.channels = s.channels;
      p.in_h = s.in_h;
      p.in_w = s.in_w;
      p.filters = s.filters;
      p.group = s.group;
      p.kernel_h = p.kernel_w = s.kernel;
      p.strides[0] = p.strides[1] = s.stride;
      for (int64_t& pad : p.pads) pad = s.pad;
      p.out_h = (s.in_h + 2 * s.pad - s.kernel) / s.stride + 1;
      p.out_w = (s.in_w + 2 * s.pad - s.kernel) / s.stride + 1;
      p.x_signed = variant & 1;
      p.y_signed = variant & 2;
      const int64_t k = s.channels / s.group * s.kernel * s.kernel;
      std::vector<uint8_t> w(static_cast<size_t>(s.filters * k)), x(static_cast<size_t>(p.batch * s.channels * s.in_h * s.in_w));
      for (auto& v : w) v = static_cast<uint8_t>(byte(rng));
      for (auto& v : x) v = static_cast<uint8_t>(byte(rng));
      std::vector<int32_t> bias(static_cast<size_t>(s.filters));
      for (auto& b : bias) b = (byte(rng) - 128) * 40;
      Int8ConvQuant q;
      q.x_zp = p.x_signed ? -5 : 121;
      q.x_scale = 0.02f;
      q.y_scale = 0.05f * std::sqrt(static_cast<float>(k));
      q.y_zp = p.y_signed ? 0 : 128;
      q.w_signed = variant != 1;
      q.w = w.data();
      q.bias = bias.data();
      q.w_scale.assign(static_cast<size_t>(s.filters), 0.0f);
      for (auto& sc : q.w_scale) sc = 0.005f + 0.0001f * static_cast<float>(byte(rng));
      if (variant >= 2) {
        q.w_zp.assign(static_cast<size_t>(s.filters), 0);
        for (auto& z : q.w_zp) z = (q.w_signed ? 0 : 128) + byte(rng) % 9 - 4;
      } else if (!q.w_signed) {
        // QLinearConv's w_zero_point is a required input. (int8_conv.cpp reads an
        // empty list as 0 after its -128 shift of uint8 W, i.e. as a stored 128.)
        q.w_zp = {128};
      }
      const Int8ConvPlan pn = MakeInt8ConvPlan(p, q, simd);
      const Int8ConvPlan pr = MakeInt8ConvPlan(p, q, ref);
      const size_t out = static_cast<size_t>(p.batch * p.filters * p.out_h * p.out_w);
      std::vector<uint8_t> yn(out), yr(out), sn(pn.scratch_total), sr(pr.scratch_total);
      RunInt8Conv(pn, x.data(), yn.data(), sn.data(), nullptr);
      RunInt8Conv(pr, x.data(), yr.data(), sr.data(), nullptr);
      const std::vector<uint8_t> yd = DirectQLinearConv(p, q, x.data());
      const std::string where = std::to_string(s.channels) + "->" + std::to_string(s.filters) + " k" +
                                std::to_string(s.kernel) + " w" + std::to_string(s.in_w) + " variant " +
                                std::to_string(variant);
      for (size_t i = 0; i < out; ++i) {
        grp.Check(yn[i], yr[i], 0.0, 0.0, where);
        direct.Check(yn[i], yd[i], 0.0, 0.0, where);
      }
      ++grp.cases;
      ++direct.cases;
    }
  }
}

}  // namespace edgebench::native
