// ai.edgebench NhwcFusedConv (version 1): com.microsoft FusedConv,
// Y = activation(Conv(X, W, B) + Z), with X, Z and Y in NHWC:
//   X [N, H, W, C] float32; W [M, C/group, kH, kW] (Conv's layout, unchanged);
//   B optional [M]; Z optional [N, OH, OW, M] (Y's shape, no broadcast);
//   Y [N, OH, OW, M] = NHWC of FusedConv(NCHW(X), W, B, NCHW(Z)).
// Attributes are FusedConv's: Conv's (auto_pad, dilations, group,
// kernel_shape, pads, strides) plus `activation` and `activation_params`
// (runtime/ops/fused_activation.h). 2-D convolution only (4-D X).
//
// It exists for the NHWC layout pass (runtime/passes/nhwc_layout.*), which
// rewrites chains of Conv/FusedConv into it with Transposes only at the
// chain's ends, so that a backend whose fast kernels want channels last does
// not transpose between every pair of Convs. It is edgebench-specific: other
// runtimes will not load a model that uses it.
//
// The ref kernel transposes X and Z to NCHW in scratch, runs the FusedConv ref
// kernel on them and transposes its output into Y: the same arithmetic as
// FusedConv in the same order, so the two agree bit for bit. Fast backends
// compute in NHWC directly.
#include <memory>
#include <string>
#include <vector>

#include "runtime/ops/op.h"

namespace edgebench::ops {

extern const OpDef kFusedConv;

namespace {

constexpr int kX = 0;
constexpr int kW = 1;
constexpr int kZ = 3;

size_t AlignUp(size_t bytes) { return (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

Shape NhwcToNchw(const Shape& s) { return {s[0], s[3], s[1], s[2]}; }
Shape NchwToNhwc(const Shape& s) { return {s[0], s[2], s[3], s[1]}; }

// Per batch item, dst [cols, rows] = transpose of src [rows, cols]: NHWC to
// NCHW with rows = H * W and cols = C, and back with rows = C, cols = H * W.
void TransposeEachBatch(const float* src, float* dst, int64_t batch, int64_t rows, int64_t cols) {
  for (int64_t n = 0; n < batch; ++n) {
    const float* s = src + n * rows * cols;
    float* d = dst + n * rows * cols;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) d[c * rows + r] = s[r * cols + c];
    }
  }
}

struct NhwcFusedConvState {
  int64_t batch = 0;
  int64_t channels = 0;
  int64_t in_plane = 0;  // H * W
  int64_t filters = 0;
  int64_t out_plane = 0;  // OH * OW
  // Scratch layout: FusedConv's own scratch at 0, then the NCHW copies.
  size_t x_offset = 0;
  size_t z_offset = 0;
  size_t y_offset = 0;
  // NCHW views, pointed into the scratch by Run.
  mutable Tensor x_nchw;
  mutable Tensor z_nchw;
  mutable Tensor y_nchw;
  // FusedConv's context with FusedConv's state; Run fills in the pointers.
  mutable KernelContext fused_conv_ctx;
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(kX) || !ctx.has_input(kW)) return ctx.Error("needs inputs X and W");
  const Shape& x_shape = ctx.input_shape(kX);
  if (x_shape.size() != 4) {
    return ctx.Error("X " + ShapeToString(x_shape) + " must be 4-D [N, H, W, C]: NhwcFusedConv is 2-D only");
  }

  // FusedConv infers on NCHW stand-ins of X (and its W and B as they are).
  // Z is hidden from it: its check would compare Z against NCHW Y and name
  // neither layout, so Z is checked below against Y in NHWC. FusedConv's
  // infer keeps nothing of Z; its run adds Z when the run passes one.
  const int n = ctx.num_inputs();
  std::vector<Tensor> stand_ins(n);
  std::vector<const Tensor*> infos(n, nullptr);
  std::vector<bool> known(n, false);
  for (int i = 0; i < n && i < kZ; ++i) {
    if (!ctx.has_input(i)) continue;
    if (i != kX && ctx.input_value(i)) {
      infos[i] = ctx.input_value(i);
      known[i] = true;
    } else {
      const Shape shape = i == kX ? NhwcToNchw(x_shape) : ctx.input_shape(i);
      stand_ins[i] = Tensor::View(ctx.input_dtype(i), shape, nullptr);
      infos[i] = &stand_ins[i];
    }
  }
  InferContext inner(ctx.node(), ctx.opset(), infos, known);
  inner.set_num_threads(ctx.num_threads());
  EB_RETURN_IF_ERROR(kFusedConv.infer(inner));

  const InferContext::OutputInfo& y_nchw = inner.outputs()[0];
  const Shape y_shape = NchwToNhwc(y_nchw.shape);
  const bool has_z = ctx.has_input(kZ);
  if (has_z) {
    if (ctx.input_dtype(kZ) != y_nchw.dtype) return ctx.Error("Z must have Y's type, float32");
    if (ctx.input_shape(kZ) != y_shape) {
      return ctx.Error("Z " + ShapeToString(ctx.input_shape(kZ)) + " must have Y's shape " + ShapeToString(y_shape) +
                       " [N, OH, OW, M] (no broadcast)");
    }
  }
  ctx.set_output(0, y_nchw.dtype, y_shape);

  auto state = std::make_shared<NhwcFusedConvState>();
  state->batch = x_shape[0];
  state->in_plane = x_shape[1] * x_shape[2];
  state->channels = x_shape[3];
  state->filters = y_nchw.shape[1];
  state->out_plane = y_nchw.shape[2] * y_nchw.shape[3];
  const size_t y_bytes = sizeof(float) * static_cast<size_t>(NumElements(y_nchw.shape));
  state->x_offset = AlignUp(inner.scratch_bytes());
  state->z_offset = state->x_offset + AlignUp(sizeof(float) * static_cast<size_t>(NumElements(x_shape)));
  state->y_offset = state->z_offset + (has_z ? AlignUp(y_bytes) : 0);
  state->x_nchw = Tensor::View(DType::kFloat32, NhwcToNchw(x_shape), nullptr);
  state->z_nchw = Tensor::View(DType::kFloat32, y_nchw.shape, nullptr);
  state->y_nchw = Tensor::View(DType::kFloat32, y_nchw.shape, nullptr);
  KernelContext& inner_run = state->fused_conv_ctx;
  inner_run.state = inner.state();
  inner_run.inputs.assign(static_cast<size_t>(n), nullptr);
  inner_run.outputs = {&state->y_nchw};
  inner_run.scratch_bytes = inner.scratch_bytes();
  ctx.set_scratch_bytes(state->y_offset + y_bytes);
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const NhwcFusedConvState& s = ctx.get_state<NhwcFusedConvState>();
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  s.x_nchw.set_data(scratch + s.x_offset);
  s.y_nchw.set_data(scratch + s.y_offset);
  TransposeEachBatch(ctx.inputs[kX]->data<float>(), s.x_nchw.data<float>(), s.batch, s.in_plane, s.channels);

  KernelContext& inner = s.fused_conv_ctx;
  inner.node = ctx.node;
  inner.opset = ctx.opset;
  inner.pool = ctx.pool;
  inner.scratch = scratch;
  for (size_t i = 0; i < inner.inputs.size(); ++i) inner.inputs[i] = ctx.input(static_cast<int>(i));
  inner.inputs[kX] = &s.x_nchw;
  if (const Tensor* z = ctx.input(kZ)) {
    s.z_nchw.set_data(scratch + s.z_offset);
    TransposeEachBatch(z->data<float>(), s.z_nchw.data<float>(), s.batch, s.out_plane, s.filters);
    inner.inputs[kZ] = &s.z_nchw;
  }
  EB_RETURN_IF_ERROR(kFusedConv.run(inner));
  TransposeEachBatch(s.y_nchw.data<float>(), ctx.outputs[0]->data<float>(), s.batch, s.filters, s.out_plane);
  return Status::Ok();
}

// FusedConv's cost as is: every term of it counts elements (bytes of each
// input and output, Y's positions for the MACs, the activation and Z's add)
// or reads W's dims, none of which a layout changes, so on the NHWC shapes
// it is the cost FusedConv reports for the NCHW ones (the test checks both
// that and the closed form).
OpCost Cost(const CostContext& ctx) { return DefaultCost(kFusedConv, ctx); }

}  // namespace

extern const OpDef kNhwcFusedConv = {"NhwcFusedConv", Infer, Run, Cost, false, false, "ai.edgebench"};

}  // namespace edgebench::ops
