// Dropout at inference: output = input, and the optional mask keeps every
// element. Opsets 7-11 take `ratio` as an attribute; 12+ take inputs `ratio`
// and `training_mode`. The mask is of the data type T before opset 10 and
// bool from 10 on.
//
// Training mode with a nonzero ratio draws random masks, which this
// inference runtime does not implement; training mode with a ratio known to
// be 0 is the identity and is supported.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

constexpr uint16_t kFloat16One = 0x3C00;

struct DropoutState {
  DType mask_dtype = DType::kBool;
};

// Whether a float32 or float16 scalar is nonzero, from its bits.
bool RatioIsNonzero(const Tensor& ratio) {
  if (ratio.dtype() == DType::kFloat16) return (ratio.data<uint16_t>()[0] & 0x7FFF) != 0;
  return ratio.data<float>()[0] != 0.0f;
}

// Training mode randomizes the output unless the ratio is 0.
bool IsRandomTraining(const Tensor* ratio, const Tensor* training_mode) {
  if (!training_mode || !training_mode->data<bool>()[0]) return false;
  return ratio ? RatioIsNonzero(*ratio) : true;  // default ratio 0.5
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  if (ctx.opset() >= 12) {
    if (ctx.has_input(1)) {
      const DType t = ctx.input_dtype(1);
      if (t != DType::kFloat32 && t != DType::kFloat16) {
        return ctx.UnsupportedError(std::string("input 'ratio' of type ") + DTypeName(t) + " is not implemented");
      }
      if (ctx.input_shape(1).size() > 1 || NumElements(ctx.input_shape(1)) != 1) {
        return ctx.Error("input 'ratio' must be a scalar, not of shape " + ShapeToString(ctx.input_shape(1)));
      }
    }
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != DType::kBool) return ctx.Error("input 'training_mode' must be bool");
      if (ctx.input_shape(2).size() > 1 || NumElements(ctx.input_shape(2)) != 1) {
        return ctx.Error("input 'training_mode' must be a scalar, not of shape " +
                         ShapeToString(ctx.input_shape(2)));
      }
      // Training mode is fine only with a ratio known to be 0; Run re-checks
      // when training_mode itself is not known at creation.
      const Tensor* training_mode = ctx.input_value(2);
      const bool ratio_unknown = ctx.has_input(1) && !ctx.input_value(1);
      if (training_mode && training_mode->data<bool>()[0] &&
          (ratio_unknown || IsRandomTraining(ctx.input_value(1), training_mode))) {
        return ctx.UnsupportedError(
            "training mode is implemented only with a ratio of 0 known at session creation (random masking is "
            "not implemented)");
      }
    }
  } else {
    const float ratio = ctx.attributes().GetFloat("ratio", 0.5f);
    if (ratio < 0.0f || ratio >= 1.0f) return ctx.Error("attribute 'ratio' must be in [0, 1)");
  }

  auto state = std::make_shared<DropoutState>();
  state->mask_dtype = ctx.opset() >= 10 ? DType::kBool : ctx.input_dtype(0);
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), ctx.input_shape(0));
  if (ctx.has_output(1)) ctx.set_output(1, state->mask_dtype, ctx.input_shape(0));
  ctx.set_state(state);
  return Status::Ok();
}

// Fills the mask with "keep": true, or 1 of the data type before opset 10.
void FillKeepMask(DType dtype, Tensor* mask) {
  const int64_t n = mask->num_elements();
  if (dtype == DType::kFloat16) {
    uint16_t* out = mask->data<uint16_t>();
    for (int64_t i = 0; i < n; ++i) out[i] = kFloat16One;
    return;
  }
  VisitNumericDType(dtype, [&](auto zero) {
    using T = decltype(zero);
    T* out = mask->data<T>();
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(1);
  });
}

Status Run(const KernelContext& ctx) {
  if (ctx.opset >= 12 && IsRandomTraining(ctx.input(1), ctx.input(2))) {
    return ctx.Error("training mode with a nonzero ratio (random masking) is not implemented");
  }
  if (Tensor* out = ctx.output(0)) CopyTensorData(*ctx.inputs[0], out);
  if (Tensor* mask = ctx.output(1)) FillKeepMask(ctx.get_state<DropoutState>().mask_dtype, mask);
  return Status::Ok();
}

}  // namespace

extern const OpDef kDropout = {"Dropout", Infer, Run, CopyAllInputsCost, /*in_place=*/true};

}  // namespace edgebench::ops
