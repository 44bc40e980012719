#include "runtime/backends/ref/float16_adapter.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/core/float16.h"
#include "runtime/ops/op_registry.h"

namespace edgebench {
namespace {

// Ops whose ref implementation copies elements by their size in bytes
// (runtime/ops/tensor/data_movement.h) or converts float16 itself (Cast):
// they run on float16 as they are, without a round trip through float32.
const char* const kNativeFloat16Ops[] = {
    "Identity", "Dropout",   "Constant",  "ConstantOfShape", "Shape",     "Size",   "Gather",
    "Slice",    "Concat",    "Split",     "Reshape",         "Flatten",   "Squeeze", "Unsqueeze",
    "Transpose", "Expand",   "Tile",      "Cast",
};

size_t AlignUp(size_t bytes) { return (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

// A float16 input or output of the node, staged as float32 in the scratch.
struct Staged {
  std::vector<int> slots;  // node input (or output) positions it stands for
  size_t offset = 0;       // in the node's scratch
  Tensor view;             // float32, re-pointed into the scratch on every run
};

struct Float16AdapterState {
  const OpDef* op = nullptr;
  std::vector<Staged> inputs;
  std::vector<Staged> outputs;
  // The wrapped op's context: its state and scratch (at offset 0 of ours);
  // run() fills in this run's tensors.
  KernelContext inner;
};

// The wrapped op's infer on float32 stand-ins for the float16 inputs. Known
// float16 values are widened so that ops reading values at infer time (Clip's
// min/max, Range, Pad's fill, Resize's roi) see them; the widened copies die
// with this call, which is safe because no ref op keeps pointers to its
// inputs past infer (each copies what it needs into its state).
Status Infer(InferContext& ctx) {
  const Node& node = ctx.node();
  auto state = std::make_shared<Float16AdapterState>();
  state->op = FindRefOp(node.domain, node.op_type);
  if (!state->op) return ctx.UnsupportedError("no ref implementation to run on float16");

  const int n_in = ctx.num_inputs();
  std::vector<Tensor> stand_ins(n_in);
  std::vector<const Tensor*> inputs(n_in, nullptr);
  std::vector<bool> known(n_in, false);
  for (int i = 0; i < n_in; ++i) {
    if (!ctx.has_input(i)) continue;
    const Tensor* value = ctx.input_value(i);
    known[i] = value != nullptr;
    if (ctx.input_dtype(i) != DType::kFloat16) {
      stand_ins[i] = value ? *value : Tensor::View(ctx.input_dtype(i), ctx.input_shape(i), nullptr);
    } else if (value) {
      EB_ASSIGN_OR_RETURN(stand_ins[i], Tensor::Allocate(DType::kFloat32, value->shape()));
      Float16ToFloat32(value->data<uint16_t>(), stand_ins[i].data<float>(), static_cast<size_t>(value->num_elements()));
    } else {
      stand_ins[i] = Tensor::View(DType::kFloat32, ctx.input_shape(i), nullptr);
    }
    inputs[i] = &stand_ins[i];
  }
  InferContext inner(node, ctx.opset(), inputs, known);
  EB_RETURN_IF_ERROR(state->op->infer(inner));

  size_t scratch = AlignUp(inner.scratch_bytes());
  for (int i = 0; i < n_in; ++i) {
    if (!ctx.has_input(i) || ctx.input_dtype(i) != DType::kFloat16) continue;
    // An input used twice (Mul(x, x)) is widened once.
    auto same = std::find_if(state->inputs.begin(), state->inputs.end(),
                             [&](const Staged& s) { return node.inputs[s.slots[0]] == node.inputs[i]; });
    if (same != state->inputs.end()) {
      same->slots.push_back(i);
      continue;
    }
    state->inputs.push_back({{i}, scratch, Tensor::View(DType::kFloat32, ctx.input_shape(i), nullptr)});
    scratch += AlignUp(static_cast<size_t>(NumElements(ctx.input_shape(i))) * sizeof(float));
  }
  for (int o = 0; o < ctx.num_outputs(); ++o) {
    if (!ctx.has_output(o)) continue;
    const InferContext::OutputInfo& info = inner.outputs()[o];
    if (!info.set) return Internal(node.Describe() + ": infer did not set output " + std::to_string(o));
    if (info.dtype != DType::kFloat32) {
      ctx.set_output(o, info.dtype, info.shape);  // int64 indices (ArgMax, TopK) pass through
      continue;
    }
    ctx.set_output(o, DType::kFloat16, info.shape);
    Staged staged{{o}, scratch, Tensor::View(DType::kFloat32, info.shape, nullptr)};
    // An op that may write output 0 over an input of its size writes it over
    // that input's float32 copy, which nothing else reads.
    auto alias = std::find_if(state->inputs.begin(), state->inputs.end(),
                              [&](const Staged& s) { return s.view.num_elements() == staged.view.num_elements(); });
    if (o == 0 && state->op->in_place && alias != state->inputs.end()) {
      staged.offset = alias->offset;
    } else {
      scratch += AlignUp(static_cast<size_t>(staged.view.num_elements()) * sizeof(float));
    }
    state->outputs.push_back(std::move(staged));
  }

  state->inner.node = &node;
  state->inner.opset = ctx.opset();
  state->inner.inputs.assign(n_in, nullptr);
  state->inner.outputs.assign(ctx.num_outputs(), nullptr);
  state->inner.scratch_bytes = inner.scratch_bytes();
  state->inner.state = inner.state();
  ctx.set_scratch_bytes(scratch);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  // run() re-points the views prepared at infer into this run's tensors and
  // scratch, allocating nothing; the session runs one step at a time.
  auto& state = *static_cast<Float16AdapterState*>(ctx.state.get());
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  KernelContext& inner = state.inner;
  std::copy(ctx.inputs.begin(), ctx.inputs.end(), inner.inputs.begin());
  std::copy(ctx.outputs.begin(), ctx.outputs.end(), inner.outputs.begin());
  inner.scratch = inner.scratch_bytes > 0 ? scratch : nullptr;
  for (Staged& s : state.inputs) {
    s.view.set_data(scratch + s.offset);
    const Tensor& half = *ctx.inputs[s.slots[0]];
    Float16ToFloat32(half.data<uint16_t>(), s.view.data<float>(), static_cast<size_t>(half.num_elements()));
    for (int slot : s.slots) inner.inputs[slot] = &s.view;
  }
  for (Staged& s : state.outputs) {
    s.view.set_data(scratch + s.offset);
    inner.outputs[s.slots[0]] = &s.view;
  }
  EB_RETURN_IF_ERROR(state.op->run(inner));
  for (const Staged& s : state.outputs) {
    Tensor& half = *ctx.outputs[s.slots[0]];
    Float32ToFloat16(s.view.data<float>(), half.data<uint16_t>(), static_cast<size_t>(half.num_elements()));
  }
  return Status::Ok();
}

// The wrapped op's cost on the float16 tensors: the MACs it does and the
// traffic of its inputs and outputs as stored. The widening through scratch
// is not counted; it shows in the measured latency.
OpCost Cost(const CostContext& ctx) {
  const OpDef* op = FindRefOp(ctx.node->domain, ctx.node->op_type);
  return op ? DefaultCost(*op, ctx) : ElementwiseCost(ctx);
}

}  // namespace

bool RunsNativelyOnFloat16(const Node& node, int64_t opset) {
  if (!node.domain.empty() && node.domain != "ai.onnx") return false;
  // Pad fills from the 'constant_value' input (bytes of any type) from opset
  // 11; before, from a float attribute it can only write into numeric types.
  if (node.op_type == "Pad") return opset >= 11;
  for (const char* name : kNativeFloat16Ops) {
    if (node.op_type == name) return true;
  }
  return false;
}

bool NeedsFloat16Adapter(const Node& node, const InferContext& ctx) {
  bool has_float16_input = false;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    has_float16_input = has_float16_input || (ctx.has_input(i) && ctx.input_dtype(i) == DType::kFloat16);
  }
  return has_float16_input && !RunsNativelyOnFloat16(node, ctx.opset());
}

const OpDef* Float16AdapterFor(const OpDef* op) {
  // One adapter per ref op, built on first use from the one op list, so each
  // keeps its op's name and in-place property.
  static const std::vector<OpDef> kAdapters = [] {
    std::vector<OpDef> adapters;
    for (const OpDef* ref : AllRefOps()) adapters.push_back({ref->op_type, Infer, Run, Cost, ref->in_place, false});
    return adapters;
  }();
  const std::vector<const OpDef*>& ops = AllRefOps();
  auto it = std::find(ops.begin(), ops.end(), op);
  return it == ops.end() ? nullptr : &kAdapters[static_cast<size_t>(it - ops.begin())];
}

}  // namespace edgebench
