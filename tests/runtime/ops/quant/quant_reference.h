// Reference arithmetic for the quantized-op tests, computed independently of
// the kernels: random 8-bit data with a fixed seed, ONNX rounding and
// saturation in double, and a direct 2-D integer convolution.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/core/dtype.h"
#include "tests/support/tensor_values.h"

namespace edgebench::testing {

inline double QMin(DType t) { return t == DType::kUInt8 ? 0.0 : -128.0; }
inline double QMax(DType t) { return t == DType::kUInt8 ? 255.0 : 127.0; }

// n integers spread over `dtype`'s whole range (uint8 or int8), fixed by `seed`.
inline std::vector<double> RandomQuant(DType dtype, int64_t n, uint32_t seed) {
  std::vector<double> v = RandomValues(n, seed);
  for (double& x : v) x = std::floor((x + 1.0) * 128.0) + QMin(dtype);
  return v;
}

// ONNX QuantizeLinear's output step, in double: round half to even, add the
// zero point, saturate.
inline double QuantizeValue(double value, double zero_point, DType dtype) {
  const double r = std::nearbyint(value) + zero_point;
  return r < QMin(dtype) ? QMin(dtype) : (r > QMax(dtype) ? QMax(dtype) : r);
}

struct Conv2dCase {
  int64_t batch, channels, height, width, filters, group, kernel, stride, pad, dilation;
};

inline int64_t ConvOut(const Conv2dCase& c, int64_t in) {
  return (in + 2 * c.pad - ((c.kernel - 1) * c.dilation + 1)) / c.stride + 1;
}

// acc[n, m, oy, ox] = sum over the group's channels and taps of
// (w - w_zp[m]) * (x - x_zp), padding contributing nothing.
inline std::vector<int64_t> ReferenceConvInteger(const Conv2dCase& c, const std::vector<double>& x, double x_zp,
                                                 const std::vector<double>& w, const std::vector<double>& w_zp) {
  const int64_t oh = ConvOut(c, c.height), ow = ConvOut(c, c.width);
  const int64_t cg_count = c.channels / c.group, mg_count = c.filters / c.group;
  std::vector<int64_t> y;
  for (int64_t n = 0; n < c.batch; ++n) {
    for (int64_t m = 0; m < c.filters; ++m) {
      const double wz = w_zp.size() == 1 ? w_zp[0] : w_zp[m];
      for (int64_t oy = 0; oy < oh; ++oy) {
        for (int64_t ox = 0; ox < ow; ++ox) {
          int64_t acc = 0;
          for (int64_t cg = 0; cg < cg_count; ++cg) {
            const int64_t ch = (m / mg_count) * cg_count + cg;
            for (int64_t ky = 0; ky < c.kernel; ++ky) {
              for (int64_t kx = 0; kx < c.kernel; ++kx) {
                const int64_t iy = oy * c.stride + ky * c.dilation - c.pad;
                const int64_t ix = ox * c.stride + kx * c.dilation - c.pad;
                if (iy < 0 || iy >= c.height || ix < 0 || ix >= c.width) continue;
                const double xv = x[((n * c.channels + ch) * c.height + iy) * c.width + ix];
                const double wv = w[((m * cg_count + cg) * c.kernel + ky) * c.kernel + kx];
                acc += static_cast<int64_t>(wv - wz) * static_cast<int64_t>(xv - x_zp);
              }
            }
          }
          y.push_back(acc);
        }
      }
    }
  }
  return y;
}

// Expects every element of `actual` within `lsb` of `expected` (8-bit outputs).
inline void ExpectWithinLsb(const Tensor& actual, const Shape& shape, const std::vector<double>& expected,
                            double lsb) {
  ASSERT_EQ(actual.shape(), shape);
  const std::vector<double> got = ValuesAsDoubles(actual);
  ASSERT_EQ(got.size(), expected.size());
  int64_t off = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::fabs(got[i] - expected[i]) > lsb) {
      ADD_FAILURE() << "element " << i << ": got " << got[i] << ", expected " << expected[i];
      if (++off > 5) return;
    }
  }
}

}  // namespace edgebench::testing
