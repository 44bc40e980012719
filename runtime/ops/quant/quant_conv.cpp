#include "runtime/ops/quant/quant_conv.h"

#include <algorithm>
#include <string>
#include <type_traits>

#include "runtime/ops/quant/integer_gemm.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {
namespace {

// An 8-bit value brought to uint8 (int8 + 128), as the GEMM core takes it.
inline uint8_t AsUnsigned(uint8_t v) { return v; }
inline uint8_t AsUnsigned(int8_t v) { return static_cast<uint8_t>(v + 128); }

// patches[p * depth + cg * kernel_size + tap] = the input under tap `tap` of
// channel cg for output position p, or `pad` (the zero point) outside X.
template <typename T>
void Im2Col(const QuantConvState& s, const T* x_group, uint8_t pad, uint8_t* patches) {
  const WindowGeometry& g = s.geometry;
  const int last = g.rank - 1;
  const int64_t out_row = g.out[last];
  const int64_t rows = s.out_plane / out_row;
  for (int64_t cg = 0; cg < s.channels_per_group; ++cg) {
    const T* x_channel = x_group + cg * s.in_plane;
    int64_t k[kMaxRank] = {};
    for (int64_t tap = 0; tap < s.kernel_size; ++tap, NextIndex(k, g.kernel, g.rank)) {
      const int64_t column = cg * s.kernel_size + tap;
      const int64_t offset_last = k[last] * g.dilation[last] - g.pad_begin[last];
      const int64_t stride = g.stride[last];
      int64_t lo = 0;
      int64_t hi = 0;
      ValidRange(offset_last, stride, g.in[last], out_row, &lo, &hi);
      int64_t o[kMaxRank] = {};
      for (int64_t row = 0; row < rows; ++row, NextIndex(o, g.out, last)) {
        uint8_t* dst = patches + row * out_row * s.depth + column;
        int64_t in_row = 0;
        if (!TapRow(g, o, k, g.in, &in_row) || lo >= hi) {
          for (int64_t ox = 0; ox < out_row; ++ox) dst[ox * s.depth] = pad;
          continue;
        }
        const T* src = x_channel + in_row * g.in[last];
        for (int64_t ox = 0; ox < lo; ++ox) dst[ox * s.depth] = pad;
        for (int64_t ox = lo; ox < hi; ++ox) dst[ox * s.depth] = AsUnsigned(src[ox * stride + offset_last]);
        for (int64_t ox = hi; ox < out_row; ++ox) dst[ox * s.depth] = pad;
      }
    }
  }
}

// Depthwise: acc = sum over taps of (w - w_zp) * (x - x_zp) for one filter
// over its one input channel; taps in the padding add 0 and are skipped.
// Same loop structure as the float Conv: bounds once per tap and output row,
// then a unit-stride inner loop the compiler vectorizes.
template <typename T>
void DepthwisePlane(const QuantConvState& s, const T* x_channel, int32_t x_zp, const int8_t* w_row, int32_t w_zp,
                    int32_t* acc) {
  const WindowGeometry& g = s.geometry;
  const int last = g.rank - 1;
  const int64_t out_row = g.out[last];
  const int64_t rows = s.out_plane / out_row;
  std::fill(acc, acc + s.out_plane, 0);
  int64_t k[kMaxRank] = {};
  for (int64_t tap = 0; tap < s.kernel_size; ++tap, NextIndex(k, g.kernel, g.rank)) {
    const int32_t wv = static_cast<int32_t>(w_row[tap]) - w_zp;
    if (wv == 0) continue;
    const int64_t offset_last = k[last] * g.dilation[last] - g.pad_begin[last];
    const int64_t stride = g.stride[last];
    int64_t lo = 0;
    int64_t hi = 0;
    ValidRange(offset_last, stride, g.in[last], out_row, &lo, &hi);
    if (lo >= hi) continue;
    int64_t o[kMaxRank] = {};
    for (int64_t row = 0; row < rows; ++row, NextIndex(o, g.out, last)) {
      int64_t in_row = 0;
      if (!TapRow(g, o, k, g.in, &in_row)) continue;
      int32_t* a = acc + row * out_row;
      const T* src = x_channel + in_row * g.in[last];
      if (stride == 1) {
        for (int64_t ox = lo; ox < hi; ++ox) a[ox] += wv * (static_cast<int32_t>(src[ox + offset_last]) - x_zp);
      } else {
        for (int64_t ox = lo; ox < hi; ++ox) {
          a[ox] += wv * (static_cast<int32_t>(src[ox * stride + offset_last]) - x_zp);
        }
      }
    }
  }
}

template <typename T>
void RunTyped(const KernelContext& ctx, const QuantConvState& s, const T* x, int32_t x_zp, const PackedWeights& w,
              int32_t* direct_output, QuantConvEmit emit) {
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  auto* patches = scratch + s.scratch_patches;
  auto* patch_sums = reinterpret_cast<int32_t*>(scratch + s.scratch_patch_sums);
  auto* acc_plane = reinterpret_cast<int32_t*>(scratch + s.scratch_acc);
  // The zero point of X once brought to uint8, and as stored (depthwise reads X as stored).
  const int32_t x_zp_unsigned = x_zp + (std::is_same<T, int8_t>::value ? 128 : 0);
  const int64_t batch = ctx.inputs[0]->dim(0);
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t grp = 0; grp < s.group; ++grp) {
      const T* x_group = x + (n * s.channels + grp * s.channels_per_group) * s.in_plane;
      if (!s.depthwise) {
        Im2Col(s, x_group, static_cast<uint8_t>(x_zp_unsigned), patches);
        for (int64_t p = 0; p < s.out_plane; ++p) patch_sums[p] = SumOf(patches + p * s.depth, s.depth);
      }
      for (int64_t mg = 0; mg < s.filters_per_group; ++mg) {
        const int64_t m = grp * s.filters_per_group + mg;
        int32_t* acc = direct_output ? direct_output + (n * s.filters + m) * s.out_plane : acc_plane;
        // Packed weights are int8 with their zero point shifted alike: w - w_zp is the stored difference.
        const int8_t* w_row = w.data + m * s.depth;
        if (s.depthwise) {
          DepthwisePlane(s, x_group, x_zp, w_row, w.zero_points[m], acc);
        } else {
          IntegerGemmRow(w_row, w.sums[m], w.zero_points[m], patches, s.depth, patch_sums, &x_zp_unsigned, 0,
                         s.out_plane, s.depth, acc);
        }
        emit(ctx, s, n, m, acc);
      }
    }
  }
}

}  // namespace

Expected<std::shared_ptr<QuantConvState>> InferQuantConv(InferContext& ctx, int x, int x_zp, int w, int w_zp,
                                                        DType y_type) {
  if (!ctx.has_input(x) || !ctx.has_input(w)) return ctx.Error("inputs x and w are required");
  for (int i : {x, w}) {
    if (!IsQuant8(ctx.input_dtype(i))) {
      return ctx.UnsupportedError(std::string(i == x ? "x" : "w") + " has type " + DTypeName(ctx.input_dtype(i)) +
                                  "; uint8 and int8 are implemented");
    }
  }
  const Shape& xs = ctx.input_shape(x);
  const Shape& ws = ctx.input_shape(w);
  const int rank = ctx.input_rank(x);
  if (rank < 3 || rank > kMaxRank) {
    return ctx.Error("x must have rank 3 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(xs));
  }
  if (static_cast<int>(ws.size()) != rank) {
    return ctx.Error("w " + ShapeToString(ws) + " must have the rank of x " + ShapeToString(xs));
  }
  auto s = std::make_shared<QuantConvState>();
  s->group = ctx.attributes().GetInt("group", 1);
  s->channels = xs[1];
  s->filters = ws[0];
  if (s->group < 1 || s->channels % s->group != 0 || s->filters % s->group != 0 || ws[1] * s->group != s->channels) {
    return ctx.Error("w " + ShapeToString(ws) + " with group " + std::to_string(s->group) + " does not fit x " +
                     ShapeToString(xs) + " (group must divide the channels and the filters, and w.shape[1] be " +
                     "channels / group)");
  }
  int64_t count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, x_zp, "x_zero_point", ctx.input_dtype(x), 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, w_zp, "w_zero_point", ctx.input_dtype(w), s->filters, &count));
  EB_RETURN_IF_ERROR(ParseWindowAttributes(ctx, rank - 2, ws.data() + 2, &s->geometry));
  EB_RETURN_IF_ERROR(ComputeForwardWindow(ctx, xs.data() + 2, /*ceil_mode=*/false, &s->geometry));

  const WindowGeometry& g = s->geometry;
  s->channels_per_group = s->channels / s->group;
  s->filters_per_group = s->filters / s->group;
  s->kernel_size = Product(g.kernel, g.rank);
  s->depth = s->channels_per_group * s->kernel_size;
  s->in_plane = Product(g.in, g.rank);
  s->out_plane = Product(g.out, g.rank);
  s->depthwise = s->channels_per_group == 1;

  const Tensor* w_value = ctx.input_value(w);
  const bool zp_known = !ctx.has_input(w_zp) || ctx.input_value(w_zp) != nullptr;
  size_t bytes = 0;
  if (w_value && zp_known) {
    s->w_packed = true;
    s->packed = PackWeightsOnce(*w_value, 1, s->filters, s->depth, /*rows_major=*/true, ctx.input_value(w_zp));
  } else {
    bytes = PackedWeightsBytes(s->filters, s->depth);
  }
  const auto plane = static_cast<size_t>(s->out_plane);
  s->scratch_patches = bytes;
  if (!s->depthwise) bytes += AlignScratch(plane * static_cast<size_t>(s->depth));
  s->scratch_patch_sums = bytes;
  if (!s->depthwise) bytes += AlignScratch(plane * sizeof(int32_t));
  s->scratch_acc = bytes;
  bytes += AlignScratch(plane * sizeof(int32_t));
  s->scratch_bytes = bytes;

  if (ctx.has_output(0)) ctx.set_output(0, y_type, WindowOutputShape(xs[0], s->filters, g));
  return s;
}

void RunQuantConv(const KernelContext& ctx, const QuantConvState& s, int x, int x_zp, int w, int w_zp,
                  int32_t* direct_output, QuantConvEmit emit) {
  PackedWeights weights = s.packed.view;
  if (!s.w_packed) {
    weights = LayoutPackedWeights(ctx.scratch, s.filters, s.depth);
    PackWeights(*ctx.inputs[w], 1, s.filters, s.depth, /*rows_major=*/true, ctx.input(w_zp), weights);
  }
  const Tensor& xt = *ctx.inputs[x];
  const int32_t zp = ZeroPointAt(ctx.input(x_zp), 0);
  if (xt.dtype() == DType::kUInt8) {
    RunTyped(ctx, s, xt.data<uint8_t>(), zp, weights, direct_output, emit);
  } else {
    RunTyped(ctx, s, xt.data<int8_t>(), zp, weights, direct_output, emit);
  }
}

OpCost QuantConvCost(const CostContext& ctx, int w) {
  OpCost cost = ElementwiseCost(ctx);
  const Tensor& wt = *ctx.inputs[w];
  int64_t kernel_size = 1;
  for (int d = 2; d < wt.rank(); ++d) kernel_size *= wt.dim(d);
  cost.macs = ctx.outputs[0]->num_elements() * wt.dim(1) * kernel_size;
  cost.flops = 2 * cost.macs;
  return cost;
}

}  // namespace edgebench::ops
