// Resize (ONNX Resize-10..13): nearest, N-linear and N-cubic interpolation
// over any axes.
//
// Opset 10 takes (X, scales) and maps coordinates asymmetrically; opset 11+
// takes (X, roi, scales, sizes) with one of scales and sizes given (opset
// 11-12 pass an empty scales tensor instead of omitting it). Every output
// coordinate along an axis maps to at most four input taps with weights; these
// depend only on shapes, so Infer plans them once per axis and Run sums
// products of the per-axis taps.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

enum class Mode { kNearest, kLinear, kCubic };
enum class CoordMode {
  kHalfPixel, kPytorchHalfPixel, kAlignCorners, kAsymmetric, kTfHalfPixelForNn, kTfCropAndResize
};
// kSimple is opset 10's rule (see NearestIndex).
enum class NearestMode { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil, kSimple };

constexpr int kMaxTaps = 4;

struct Tap {
  int64_t offset = 0;  // input index times the axis's input stride
  double weight = 0.0;
};

struct AxisPlan {
  std::vector<Tap> taps;        // kMaxTaps per output index
  std::vector<uint8_t> counts;  // taps used per output index; 0: extrapolate
};

struct ResizeOptions {
  Mode mode = Mode::kNearest;
  CoordMode coord = CoordMode::kHalfPixel;
  NearestMode nearest = NearestMode::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
};

struct ResizeState {
  Mode mode = Mode::kNearest;
  int rank = 0;
  int64_t out_dims[kMaxRank] = {};
  AxisPlan axes[kMaxRank];
  float extrapolation_value = 0.0f;
};

// The values a string attribute may take, with what each means.
template <typename Enum>
struct Choice {
  const char* name;
  Enum value;
};

constexpr Choice<Mode> kModes[] = {
    {"nearest", Mode::kNearest},
    {"linear", Mode::kLinear},
    {"cubic", Mode::kCubic},
};
constexpr Choice<CoordMode> kCoordModes[] = {
    {"half_pixel", CoordMode::kHalfPixel},
    {"pytorch_half_pixel", CoordMode::kPytorchHalfPixel},
    {"align_corners", CoordMode::kAlignCorners},
    {"asymmetric", CoordMode::kAsymmetric},
    {"tf_half_pixel_for_nn", CoordMode::kTfHalfPixelForNn},
    {"tf_crop_and_resize", CoordMode::kTfCropAndResize},
};
constexpr Choice<NearestMode> kNearestModes[] = {
    {"round_prefer_floor", NearestMode::kRoundPreferFloor},
    {"round_prefer_ceil", NearestMode::kRoundPreferCeil},
    {"floor", NearestMode::kFloor},
    {"ceil", NearestMode::kCeil},
};

// Reads string attribute `name` (default: the first choice) as one of `choices`.
template <typename Enum, size_t N>
Status ParseChoice(const InferContext& ctx, const char* name, const Choice<Enum> (&choices)[N], Enum* value) {
  const std::string text = ctx.attributes().GetString(name, choices[0].name);
  for (const Choice<Enum>& choice : choices) {
    if (text == choice.name) {
      *value = choice.value;
      return Status::Ok();
    }
  }
  return ctx.Error("unknown " + std::string(name) + " '" + text + "'");
}

Status ParseOptions(const InferContext& ctx, ResizeOptions* o) {
  EB_RETURN_IF_ERROR(ParseChoice(ctx, "mode", kModes, &o->mode));
  if (ctx.opset() < 11) {
    if (o->mode == Mode::kCubic) return ctx.Error("unknown mode 'cubic'");  // cubic came in opset 11
    o->coord = CoordMode::kAsymmetric;
    o->nearest = NearestMode::kSimple;
    return Status::Ok();
  }
  EB_RETURN_IF_ERROR(ParseChoice(ctx, "coordinate_transformation_mode", kCoordModes, &o->coord));
  EB_RETURN_IF_ERROR(ParseChoice(ctx, "nearest_mode", kNearestModes, &o->nearest));
  const Attributes& attrs = ctx.attributes();
  o->cubic_a = attrs.GetFloat("cubic_coeff_a", -0.75f);
  o->exclude_outside = attrs.GetInt("exclude_outside", 0) != 0;
  return Status::Ok();
}

// Input i's data when given and non-empty; null when absent or empty (the
// opset 11-12 way of leaving scales out).
Status ReadOptionalInput(const InferContext& ctx, int i, const char* name, DType dtype, const Tensor** value) {
  *value = nullptr;
  if (!ctx.has_input(i)) return Status::Ok();
  if (ctx.input_dtype(i) != dtype) {
    return ctx.Error(std::string("input '") + name + "' must be " + DTypeName(dtype) + ", got " +
                     DTypeName(ctx.input_dtype(i)));
  }
  if (NumElements(ctx.input_shape(i)) == 0) return Status::Ok();
  *value = ctx.input_value(i);
  if (!*value) {
    return ctx.UnsupportedError(std::string("input '") + name +
                                "' must be known at session creation (data-dependent output shape)");
  }
  return Status::Ok();
}

// x_original for output coordinate x, per coordinate_transformation_mode.
// `length_resized` is input length * scale as a real number, as in the ONNX
// reference implementation; it equals out_size when sizes are given.
double OriginalCoordinate(CoordMode mode, double x, double scale, int64_t in_size, int64_t out_size,
                          double length_resized, double roi_start, double roi_end) {
  switch (mode) {
    case CoordMode::kHalfPixel: return (x + 0.5) / scale - 0.5;
    case CoordMode::kPytorchHalfPixel: return out_size > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
    case CoordMode::kAlignCorners:
      return out_size > 1 ? x * static_cast<double>(in_size - 1) / (length_resized - 1.0) : 0.0;
    case CoordMode::kAsymmetric: return x / scale;
    case CoordMode::kTfHalfPixelForNn: return (x + 0.5) / scale;
    case CoordMode::kTfCropAndResize: {
      const double span = static_cast<double>(in_size - 1);
      if (out_size > 1) {
        return roi_start * span + x * (roi_end - roi_start) * span / static_cast<double>(out_size - 1);
      }
      return 0.5 * (roi_start + roi_end) * span;
    }
  }
  return x;
}

int64_t NearestIndex(NearestMode mode, double x, double scale) {
  switch (mode) {
    case NearestMode::kRoundPreferFloor: return static_cast<int64_t>(std::ceil(x - 0.5));
    case NearestMode::kRoundPreferCeil: return static_cast<int64_t>(std::floor(x + 0.5));
    case NearestMode::kFloor: return static_cast<int64_t>(std::floor(x));
    case NearestMode::kCeil: return static_cast<int64_t>(std::ceil(x));
    case NearestMode::kSimple:
      // Opset 10 fixed no rounding rule; its conformance data (and ONNX
      // Runtime) round up when downsampling and down when upsampling.
      return static_cast<int64_t>(scale < 1.0 ? std::ceil(x) : std::floor(x));
  }
  return 0;
}

// Keys' cubic convolution kernel at distance s with coefficient a
// (IEEE TASSP 1981, eq. 4).
double CubicKernel(double s, double a) {
  s = std::fabs(s);
  if (s <= 1.0) return ((a + 2.0) * s - (a + 3.0)) * s * s + 1.0;
  if (s < 2.0) return ((a * s - 5.0 * a) * s + 8.0 * a) * s - 4.0 * a;
  return 0.0;
}

// Fills the taps of every output index along one axis.
void PlanAxis(const ResizeOptions& o, int64_t in_size, int64_t out_size, double scale, double length_resized,
              double roi_start, double roi_end, int64_t in_stride, AxisPlan* plan) {
  plan->taps.assign(static_cast<size_t>(out_size) * kMaxTaps, Tap{});
  plan->counts.assign(static_cast<size_t>(out_size), 0);
  for (int64_t x = 0; x < out_size; ++x) {
    const double xo = OriginalCoordinate(o.coord, static_cast<double>(x), scale, in_size, out_size, length_resized,
                                         roi_start, roi_end);
    if (o.coord == CoordMode::kTfCropAndResize && (xo < 0.0 || xo > static_cast<double>(in_size - 1))) {
      continue;  // count 0: the output takes extrapolation_value
    }
    int64_t index[kMaxTaps] = {};
    double weight[kMaxTaps] = {};
    int n = 0;
    if (o.mode == Mode::kNearest) {
      index[0] = NearestIndex(o.nearest, xo, scale);
      weight[0] = 1.0;
      n = 1;
    } else {
      const double base = std::floor(xo);
      const double ratio = xo - base;
      const int64_t first = static_cast<int64_t>(base);
      if (o.mode == Mode::kLinear) {
        index[0] = first;
        index[1] = first + 1;
        weight[0] = 1.0 - ratio;
        weight[1] = ratio;
        n = 2;
      } else {
        for (int t = 0; t < 4; ++t) {
          index[t] = first - 1 + t;
          weight[t] = CubicKernel(ratio + 1.0 - t, o.cubic_a);
        }
        n = 4;
      }
      if (o.exclude_outside) {
        double sum = 0.0;
        for (int t = 0; t < n; ++t) {
          if (index[t] < 0 || index[t] >= in_size) weight[t] = 0.0;
          sum += weight[t];
        }
        for (int t = 0; t < n; ++t) weight[t] = sum != 0.0 ? weight[t] / sum : 0.0;
      }
    }
    // Taps past the edge repeat the edge element; zero-weight taps are dropped
    // (keeping one) so that scale-1 axes cost a single tap.
    Tap* taps = &plan->taps[static_cast<size_t>(x) * kMaxTaps];
    int count = 0;
    for (int t = 0; t < n; ++t) {
      if (weight[t] == 0.0 && (count > 0 || t + 1 < n)) continue;
      const int64_t clamped = std::min(std::max<int64_t>(index[t], 0), in_size - 1);
      taps[count++] = Tap{clamped * in_stride, weight[t]};
    }
    plan->counts[x] = static_cast<uint8_t>(count);
  }
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'X'");
  const DType dtype = ctx.input_dtype(0);
  const Shape& shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank == 0 || rank > kMaxRank) return ctx.UnsupportedError("rank " + std::to_string(rank));

  ResizeOptions options;
  EB_RETURN_IF_ERROR(ParseOptions(ctx, &options));
  if (dtype != DType::kFloat32) {
    const bool integer = dtype == DType::kUInt8 || dtype == DType::kInt8 || dtype == DType::kInt32 ||
                         dtype == DType::kInt64;
    if (!integer || options.mode != Mode::kNearest) {
      return ctx.UnsupportedError(std::string("type ") + DTypeName(dtype) +
                                  "; Resize supports float32, and integer types in nearest mode");
    }
  }

  const Tensor* roi = nullptr;
  const Tensor* scales = nullptr;
  const Tensor* sizes = nullptr;
  if (ctx.opset() < 11) {
    if (!ctx.has_input(1)) return ctx.Error("input 'scales' is required");
    EB_RETURN_IF_ERROR(ReadOptionalInput(ctx, 1, "scales", DType::kFloat32, &scales));
  } else {
    EB_RETURN_IF_ERROR(ReadOptionalInput(ctx, 2, "scales", DType::kFloat32, &scales));
    EB_RETURN_IF_ERROR(ReadOptionalInput(ctx, 3, "sizes", DType::kInt64, &sizes));
    if (options.coord == CoordMode::kTfCropAndResize) {
      EB_RETURN_IF_ERROR(ReadOptionalInput(ctx, 1, "roi", DType::kFloat32, &roi));
      if (!roi || roi->num_elements() != 2 * rank) {
        return ctx.Error("tf_crop_and_resize needs input 'roi' with " + std::to_string(2 * rank) + " values");
      }
    }
  }
  if (scales && sizes) return ctx.Error("only one of 'scales' and 'sizes' may be given");
  if (!scales && !sizes) return ctx.Error("one of 'scales' and 'sizes' must be given");
  const Tensor* given = scales ? scales : sizes;
  if (given->num_elements() != rank) {
    return ctx.Error(std::string(scales ? "scales" : "sizes") + " has " + std::to_string(given->num_elements()) +
                     " values for an input of rank " + std::to_string(rank));
  }

  auto state = std::make_shared<ResizeState>();
  state->mode = options.mode;
  state->rank = rank;
  state->extrapolation_value = ctx.attributes().GetFloat("extrapolation_value", 0.0f);
  const Shape in_strides = RowMajorStrides(shape);
  Shape out_shape(rank);
  for (int d = 0; d < rank; ++d) {
    const int64_t in_size = shape[d];
    double scale = 0.0;
    double length_resized = 0.0;
    if (scales) {
      scale = scales->data<float>()[d];
      if (!(scale > 0.0)) return ctx.Error("scales must be positive, got " + std::to_string(scale));
      // floor(input * scale), as ONNX shape inference and ONNX Runtime compute
      // it (the Resize-11 text also multiplies by the roi extent, which no
      // implementation does).
      length_resized = static_cast<double>(in_size) * scale;
      out_shape[d] = static_cast<int64_t>(std::floor(length_resized));
    } else {
      out_shape[d] = sizes->data<int64_t>()[d];
      if (out_shape[d] < 0) return ctx.Error("sizes must be non-negative");
      length_resized = static_cast<double>(out_shape[d]);
      scale = in_size > 0 ? length_resized / static_cast<double>(in_size) : 1.0;
    }
    if (in_size == 0 && out_shape[d] > 0) {
      return ctx.Error("cannot resize an empty axis " + std::to_string(d) + " to a non-empty one");
    }
    const double roi_start = roi ? roi->data<float>()[d] : 0.0;
    const double roi_end = roi ? roi->data<float>()[rank + d] : 1.0;
    PlanAxis(options, in_size, out_shape[d], scale, length_resized, roi_start, roi_end, in_strides[d],
             &state->axes[d]);
    state->out_dims[d] = out_shape[d];
  }
  if (ctx.has_output(0)) ctx.set_output(0, dtype, std::move(out_shape));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

// Visits every output element in row-major order with its index per axis.
template <typename Fn>
void ForEachOutput(const ResizeState& s, Fn&& fn) {
  int64_t count = 1;
  for (int d = 0; d < s.rank; ++d) count *= s.out_dims[d];
  int64_t index[kMaxRank] = {};
  for (int64_t o = 0; o < count; ++o) {
    fn(o, index);
    for (int d = s.rank - 1; d >= 0; --d) {
      if (++index[d] < s.out_dims[d]) break;
      index[d] = 0;
    }
  }
}

// Nearest mode: one tap per axis, so each output copies one input element.
template <typename T>
void RunNearest(const ResizeState& s, const T* x, T* y) {
  ForEachOutput(s, [&](int64_t o, const int64_t* index) {
    int64_t offset = 0;
    for (int d = 0; d < s.rank; ++d) {
      if (s.axes[d].counts[index[d]] == 0) {
        y[o] = static_cast<T>(s.extrapolation_value);
        return;
      }
      offset += s.axes[d].taps[index[d] * kMaxTaps].offset;
    }
    y[o] = x[offset];
  });
}

// Linear and cubic: the sum over every combination of per-axis taps of the
// product of their weights times the input element.
void RunInterpolate(const ResizeState& s, const float* x, float* y) {
  ForEachOutput(s, [&](int64_t o, const int64_t* index) {
    const Tap* taps[kMaxRank];
    int counts[kMaxRank];
    for (int d = 0; d < s.rank; ++d) {
      counts[d] = s.axes[d].counts[index[d]];
      if (counts[d] == 0) {
        y[o] = s.extrapolation_value;
        return;
      }
      taps[d] = &s.axes[d].taps[index[d] * kMaxTaps];
    }
    int tap[kMaxRank] = {};
    double acc = 0.0;
    while (true) {
      double weight = 1.0;
      int64_t offset = 0;
      for (int d = 0; d < s.rank; ++d) {
        weight *= taps[d][tap[d]].weight;
        offset += taps[d][tap[d]].offset;
      }
      acc += weight * x[offset];
      int d = s.rank - 1;
      while (d >= 0 && ++tap[d] == counts[d]) tap[d--] = 0;
      if (d < 0) break;
    }
    y[o] = static_cast<float>(acc);
  });
}

Status Run(const KernelContext& ctx) {
  const ResizeState& s = ctx.get_state<ResizeState>();
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  if (s.mode != Mode::kNearest) {
    RunInterpolate(s, x.data<float>(), y.data<float>());
    return Status::Ok();
  }
  switch (x.dtype()) {
    case DType::kFloat32: RunNearest(s, x.data<float>(), y.data<float>()); break;
    case DType::kUInt8: RunNearest(s, x.data<uint8_t>(), y.data<uint8_t>()); break;
    case DType::kInt8: RunNearest(s, x.data<int8_t>(), y.data<int8_t>()); break;
    case DType::kInt32: RunNearest(s, x.data<int32_t>(), y.data<int32_t>()); break;
    case DType::kInt64: RunNearest(s, x.data<int64_t>(), y.data<int64_t>()); break;
    default: return ctx.Error("unexpected type");
  }
  return Status::Ok();
}

// FLOPs per output element = 2 * taps (a multiply-add per tap), where taps is
// 1 (nearest), 2^r (linear) or 4^r (cubic) over the r resized axes.
OpCost Cost(const CostContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  const Tensor& y = *ctx.outputs[0];
  const std::string mode = ctx.node->attributes.GetString("mode", "nearest");
  const int64_t taps_per_axis = mode == "cubic" ? 4 : (mode == "linear" ? 2 : 1);
  int64_t taps = 1;
  for (int d = 0; d < x.rank() && d < y.rank(); ++d) {
    if (x.dim(d) != y.dim(d)) taps *= taps_per_axis;
  }
  OpCost cost;
  cost.flops = taps == 1 ? y.num_elements() : 2 * taps * y.num_elements();
  cost.bytes_read = static_cast<int64_t>(x.num_bytes());
  cost.bytes_written = static_cast<int64_t>(y.num_bytes());
  return cost;
}

}  // namespace

extern const OpDef kResize = {"Resize", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
