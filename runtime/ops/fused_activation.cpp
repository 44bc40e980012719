#include "runtime/ops/fused_activation.h"

#include <string>

#include "runtime/ops/op_registry.h"

namespace edgebench::ops {
namespace {

struct ActivationKind {
  const char* name;
  int64_t opset;                        // the opset whose form of the op the attributes follow
  std::vector<const char*> parameters;  // FusedConv's activation_params, in order
};

const std::vector<ActivationKind>& Kinds() {
  static const std::vector<ActivationKind> kKinds = {
      {"Relu", 6, {}},
      {"Tanh", 6, {}},
      {"Sigmoid", 6, {}},
      {"LeakyRelu", 6, {"alpha"}},
      {"Clip", 6, {"min", "max"}},  // opset 6: the bounds are attributes, not inputs
      {"HardSigmoid", 6, {"alpha", "beta"}},
      {"HardSwish", 14, {}},  // edgebench extension
  };
  return kKinds;
}

Attribute FloatAttribute(float value) {
  Attribute a;
  a.kind = Attribute::Kind::kFloat;
  a.f = value;
  return a;
}

// Finds `name` among the kinds and sets up the activation's node; the caller adds the attributes.
Expected<const ActivationKind*> Begin(const InferContext& ctx, const std::string& name,
                                      FusedActivation* activation) {
  for (const ActivationKind& kind : Kinds()) {
    if (name != kind.name) continue;
    activation->op = FindRefOp("", kind.name);
    if (!activation->op) return ctx.UnsupportedError("activation '" + name + "' has no ref kernel");
    activation->opset = kind.opset;
    activation->node.name = ctx.node().name + "/" + name;
    activation->node.op_type = kind.name;
    activation->node.inputs = {0};
    activation->node.outputs = {0};
    return &kind;
  }
  return ctx.UnsupportedError("activation '" + name +
                              "' is not one of Relu, Tanh, Sigmoid, LeakyRelu, Clip, HardSigmoid, HardSwish");
}

}  // namespace

Status ParseConvActivation(const InferContext& ctx, FusedActivation* activation) {
  const std::string name = ctx.attributes().GetString("activation", "");
  if (name.empty()) return Status::Ok();
  EB_ASSIGN_OR_RETURN(const ActivationKind* kind, Begin(ctx, name, activation));
  const std::vector<float> params = ctx.attributes().GetFloats("activation_params");
  if (params.size() != kind->parameters.size()) {
    return ctx.Error("activation " + name + " takes " + std::to_string(kind->parameters.size()) +
                     " activation_params, got " + std::to_string(params.size()));
  }
  for (size_t p = 0; p < params.size(); ++p) {
    activation->node.attributes.Set(kind->parameters[p], FloatAttribute(params[p]));
  }
  return Status::Ok();
}

Status ParseGemmActivation(const InferContext& ctx, FusedActivation* activation) {
  const std::string name = ctx.attributes().GetString("activation", "");
  if (name.empty()) return Status::Ok();
  EB_RETURN_IF_ERROR(Begin(ctx, name, activation).status());
  const std::string prefix = "activation_";
  for (const auto& [attr_name, value] : ctx.attributes().all()) {
    if (attr_name.size() <= prefix.size() || attr_name.compare(0, prefix.size(), prefix) != 0) continue;
    if (value.kind != Attribute::Kind::kFloat) continue;
    activation->node.attributes.Set(attr_name.substr(prefix.size()), value);
  }
  return Status::Ok();
}

Status PrepareActivation(const InferContext& ctx, int output, FusedActivation* activation) {
  if (!activation->op) return Status::Ok();
  const InferContext::OutputInfo& info = ctx.outputs()[output];
  const Tensor y = Tensor::View(info.dtype, info.shape, nullptr);
  InferContext act(activation->node, activation->opset, {&y}, {false});
  EB_RETURN_IF_ERROR(activation->op->infer(act));
  if (act.scratch_bytes() > 0) return ctx.Error("activation " + activation->node.op_type + " needs scratch");
  activation->state = act.state();
  activation->ctx.node = &activation->node;
  activation->ctx.opset = activation->opset;
  activation->ctx.inputs.assign(1, nullptr);
  activation->ctx.outputs.assign(1, nullptr);
  activation->ctx.state = activation->state;
  return Status::Ok();
}

Status RunActivation(const FusedActivation& activation, Tensor* y) {
  if (!activation.op) return Status::Ok();
  // Element-wise ops read element i before writing it, so in place is exact.
  activation.ctx.inputs[0] = y;
  activation.ctx.outputs[0] = y;
  return activation.op->run(activation.ctx);
}

}  // namespace edgebench::ops
