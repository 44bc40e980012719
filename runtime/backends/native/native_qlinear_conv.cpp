// QLinearConv (opset 10, 2-D) on the native INT8 kernels: depthwise ones
// (one input channel per group) on int8_depthwise.h, the others on the GEMM
// tiles (int8_conv_plan.h). ref's Infer checks the node and gives the
// geometry; this one then builds its own plan and scratch over ref's.
#include <iterator>
#include <memory>
#include <variant>

#include "runtime/backends/native/int8_conv_plan.h"
#include "runtime/backends/native/int8_depthwise.h"
#include "runtime/backends/native/int8_ops.h"
#include "runtime/ops/op_registry.h"
#include "runtime/ops/quant/quant_conv.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::native {
namespace {

enum Input { kX, kXScale, kXZeroPoint, kW, kWScale, kWZeroPoint, kYScale, kYZeroPoint, kBias };

const OpDef& RefQLinearConv() { return *FindRefOp("", "QLinearConv"); }

bool IsQuant8(DType t) { return t == DType::kUInt8 || t == DType::kInt8; }

// The op's state: which of the two plans the node got.
using QLinearConvPlan = std::variant<Int8ConvPlan, Int8DepthwisePlan>;

// QLinearConv's quantization inputs, as both plans take them.
Int8ConvQuant QuantFrom(const InferContext& ctx) {
  Int8ConvQuant q;
  q.x_zp = ops::ZeroPointAt(ctx.input_value(kXZeroPoint), 0);
  q.x_scale = ops::ScaleAt(*ctx.input_value(kXScale), 0);
  q.y_scale = ops::ScaleAt(*ctx.input_value(kYScale), 0);
  q.y_zp = ops::ZeroPointAt(ctx.input_value(kYZeroPoint), 0);
  const Tensor& w_scale = *ctx.input_value(kWScale);
  q.w_scale.assign(w_scale.data<float>(), w_scale.data<float>() + w_scale.num_elements());
  if (const Tensor* w_zp = ctx.input_value(kWZeroPoint)) {
    for (int64_t i = 0; i < w_zp->num_elements(); ++i) q.w_zp.push_back(ops::ZeroPointAt(w_zp, i));
  }
  q.w_signed = ctx.input_dtype(kW) == DType::kInt8;
  q.w = ctx.input_value(kW)->raw_data();
  q.bias = ctx.has_input(kBias) ? ctx.input_value(kBias)->data<int32_t>() : nullptr;
  return q;
}

Int8DepthwisePlan MakeDepthwisePlan(const InferContext& ctx, const ops::QuantConvState& ref_state, Int8Isa isa) {
  const ops::WindowGeometry& geo = ref_state.geometry;
  Int8DepthwiseParams p;
  p.batch = ctx.input_shape(kX)[0];
  p.channels = ref_state.channels;
  p.filters = ref_state.filters;
  p.in_h = geo.in[0];
  p.in_w = geo.in[1];
  p.out_h = geo.out[0];
  p.out_w = geo.out[1];
  p.kernel_h = geo.kernel[0];
  p.kernel_w = geo.kernel[1];
  p.pad_top = geo.pad_begin[0];
  p.pad_left = geo.pad_begin[1];
  for (int d = 0; d < 2; ++d) {
    p.strides[d] = geo.stride[d];
    p.dilations[d] = geo.dilation[d];
  }
  p.x_signed = ctx.input_dtype(kX) == DType::kInt8;
  p.y_signed = ctx.has_input(kYZeroPoint) && ctx.input_dtype(kYZeroPoint) == DType::kInt8;

  return MakeInt8DepthwisePlan(p, QuantFrom(ctx), Int8DepthwiseKernelsFor(isa), ctx.num_threads());
}

Status InferQLinearConv(InferContext& ctx, Int8Isa isa, Int8Tile tile) {
  EB_RETURN_IF_ERROR(RefQLinearConv().infer(ctx));
  const auto ref_state = std::static_pointer_cast<ops::QuantConvState>(ctx.state());
  // Depthwise: one input channel per group, more than one group (a single
  // channel's conv is a small dense one, which the GEMM tiles take).
  if (ref_state->depthwise && ref_state->group > 1) {
    auto plan = std::make_shared<QLinearConvPlan>(MakeDepthwisePlan(ctx, *ref_state, isa));
    ctx.set_scratch_bytes(std::get<Int8DepthwisePlan>(*plan).scratch_total);
    ctx.set_state(std::move(plan));
    return Status::Ok();
  }
  const ops::WindowGeometry& geo = ref_state->geometry;
  Int8ConvParams p;
  p.batch = ctx.input_shape(kX)[0];
  p.channels = ref_state->channels;
  p.in_h = geo.in[0];
  p.in_w = geo.in[1];
  p.filters = ref_state->filters;
  p.group = ref_state->group;
  p.kernel_h = geo.kernel[0];
  p.kernel_w = geo.kernel[1];
  p.out_h = geo.out[0];
  p.out_w = geo.out[1];
  p.pads[0] = geo.pad_begin[0];
  p.pads[1] = geo.pad_begin[1];
  p.pads[2] = geo.pad_end[0];
  p.pads[3] = geo.pad_end[1];
  for (int d = 0; d < 2; ++d) {
    p.strides[d] = geo.stride[d];
    p.dilations[d] = geo.dilation[d];
  }
  p.x_signed = ctx.input_dtype(kX) == DType::kInt8;
  p.y_signed = ctx.has_input(kYZeroPoint) && ctx.input_dtype(kYZeroPoint) == DType::kInt8;

  auto plan = std::make_shared<QLinearConvPlan>(MakeInt8ConvPlan(p, QuantFrom(ctx), Int8KernelsFor(isa), tile));
  ctx.set_scratch_bytes(std::get<Int8ConvPlan>(*plan).scratch_total);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

template <Int8Isa kIsa, Int8Tile kTile>
Status InferQLinearConvFor(InferContext& ctx) {
  return InferQLinearConv(ctx, kIsa, kTile);
}

Status RunQLinearConv(const KernelContext& ctx) {
  const QLinearConvPlan& plan = ctx.get_state<QLinearConvPlan>();
  const void* x = ctx.inputs[kX]->raw_data();
  void* y = ctx.outputs[0]->raw_data();
  if (const auto* depthwise = std::get_if<Int8DepthwisePlan>(&plan)) {
    RunInt8Depthwise(*depthwise, x, y, ctx.scratch, ctx.pool);
  } else {
    RunInt8Conv(std::get<Int8ConvPlan>(plan), x, y, ctx.scratch, ctx.pool);
  }
  return Status::Ok();
}

OpCost CostQLinearConv(const CostContext& ctx) { return DefaultCost(RefQLinearConv(), ctx); }

template <Int8Tile kTile>
constexpr OpDef kQLinearConvOps[] = {
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kScalar, kTile>, RunQLinearConv, CostQLinearConv},
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kAvx2, kTile>, RunQLinearConv, CostQLinearConv},
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kAvx512Vnni, kTile>, RunQLinearConv, CostQLinearConv},
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kNeonDot, kTile>, RunQLinearConv, CostQLinearConv},
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kNeon, kTile>, RunQLinearConv, CostQLinearConv},
    {"QLinearConv", InferQLinearConvFor<Int8Isa::kAvxVnni, kTile>, RunQLinearConv, CostQLinearConv},
};
static_assert(std::size(kQLinearConvOps<Int8Tile::kCheapest>) == kInt8IsaCount, "one entry per Int8Isa value");

}  // namespace

bool SupportsQLinearConv(const InferContext& ctx) {
  if (ctx.num_inputs() < 8) return false;
  for (int i : {kX, kXScale, kW, kWScale, kYScale}) {
    if (!ctx.has_input(i)) return false;
  }
  if (!IsQuant8(ctx.input_dtype(kX)) || !IsQuant8(ctx.input_dtype(kW))) return false;
  if (ctx.input_rank(kX) != 4 || ctx.input_rank(kW) != 4) return false;
  // Everything but X must be a constant: it is folded into the plan.
  for (int i : {kXScale, kXZeroPoint, kW, kWScale, kWZeroPoint, kYScale, kYZeroPoint, kBias}) {
    if (ctx.has_input(i) && !ctx.input_value(i)) return false;
  }
  if (ctx.input_dtype(kXScale) != DType::kFloat32 || ctx.input_dtype(kWScale) != DType::kFloat32 ||
      ctx.input_dtype(kYScale) != DType::kFloat32) {
    return false;
  }
  return true;
}

const OpDef& NativeQLinearConvOp(Int8Isa isa, Int8Tile tile) {
  const int i = static_cast<int>(isa);
  switch (tile) {
    case Int8Tile::kGemm:
      return kQLinearConvOps<Int8Tile::kGemm>[i];
    case Int8Tile::kPixel:
      return kQLinearConvOps<Int8Tile::kPixel>[i];
    case Int8Tile::kCheapest:
      break;
  }
  return kQLinearConvOps<Int8Tile::kCheapest>[i];
}

}  // namespace edgebench::native
