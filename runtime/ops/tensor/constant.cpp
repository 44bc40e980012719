// Constant: output = the tensor in attribute `value`, or (opset 12+) a
// float32 or int64 scalar or 1-D tensor from value_float(s) / value_int(s).
// Exactly one of these attributes is set.
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct ConstantState {
  Tensor value;  // owning for value_float(s)/value_int(s); a view of attribute `value` otherwise
};

template <typename T>
Expected<Tensor> MakeTensor(const std::vector<T>& values, bool scalar) {
  Shape shape;
  if (!scalar) shape.push_back(static_cast<int64_t>(values.size()));
  EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(DTypeOf<T>(), shape));
  if (!values.empty()) std::memcpy(t.raw_data(), values.data(), values.size() * sizeof(T));
  return t;
}

Expected<Tensor> ValueFromAttributes(const InferContext& ctx) {
  const Attributes& attrs = ctx.attributes();
  const char* const kNames[] = {"value",      "sparse_value", "value_float",   "value_floats",
                                "value_int",  "value_ints",   "value_string",  "value_strings"};
  const char* set = nullptr;
  for (const char* name : kNames) {
    if (!attrs.Has(name)) continue;
    if (set) return ctx.Error(std::string("attributes '") + set + "' and '" + name + "' are both set; one is allowed");
    set = name;
  }
  if (!set) return ctx.Error("one of the attributes 'value', 'value_float(s)' or 'value_int(s)' must be set");
  const std::string name = set;
  if (name == "sparse_value" || name == "value_string" || name == "value_strings") {
    return ctx.UnsupportedError("attribute '" + name + "' (sparse or string constants) is not implemented");
  }
  if (name != "value" && ctx.opset() < 12) {
    return ctx.Error("attribute '" + name + "' needs opset 12; this model has opset " + std::to_string(ctx.opset()));
  }
  const Attribute& a = *attrs.Find(name);
  if (name == "value") {
    if (a.kind != Attribute::Kind::kTensor) return ctx.Error("attribute 'value' must be a tensor");
    return Tensor::View(a.t.dtype(), a.t.shape(), const_cast<void*>(a.t.raw_data()));
  }
  if (name == "value_float" && a.kind == Attribute::Kind::kFloat) return MakeTensor(std::vector<float>{a.f}, true);
  if (name == "value_floats" && a.kind == Attribute::Kind::kFloats) return MakeTensor(a.floats, false);
  if (name == "value_int" && a.kind == Attribute::Kind::kInt) return MakeTensor(std::vector<int64_t>{a.i}, true);
  if (name == "value_ints" && a.kind == Attribute::Kind::kInts) return MakeTensor(a.ints, false);
  return ctx.Error("attribute '" + name + "' has the wrong type");
}

Status Infer(InferContext& ctx) {
  EB_ASSIGN_OR_RETURN(Tensor value, ValueFromAttributes(ctx));
  if (DTypeSize(value.dtype()) == 0) {
    return ctx.UnsupportedError(std::string("constants of type ") + DTypeName(value.dtype()) + " are not implemented");
  }
  auto state = std::make_shared<ConstantState>();
  state->value = std::move(value);
  if (ctx.has_output(0)) ctx.set_output(0, state->value.dtype(), state->value.shape());
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  CopyTensorData(ctx.get_state<ConstantState>().value, ctx.outputs[0]);
  return Status::Ok();
}

// Copies the attribute's bytes to the output.
OpCost Cost(const CostContext& ctx) {
  return CopyCost(ctx, ctx.outputs[0] ? static_cast<int64_t>(ctx.outputs[0]->num_bytes()) : 0);
}

}  // namespace

extern const OpDef kConstant = {"Constant", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
