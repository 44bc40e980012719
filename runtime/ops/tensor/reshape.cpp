// Reshape: same elements, new shape from input 'shape' (known at session
// creation). A 0 copies the input's dim at that index (unless opset 14's
// allowzero=1, where 0 is a real zero-size dim); one -1 is inferred from the
// element count. A pure copy, so it runs in place.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs 'data' and 'shape'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  std::vector<int64_t> requested;
  EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "shape", &requested));
  if (ctx.input_rank(1) != 1) return ctx.Error("input 'shape' must be 1-D");
  const bool allow_zero = ctx.opset() >= 14 && ctx.attributes().GetInt("allowzero", 0) != 0;
  const Shape& in_shape = ctx.input_shape(0);

  Shape out_shape(requested.size());
  int infer_index = -1;
  bool has_zero = false;
  int64_t known_product = 1;
  for (size_t i = 0; i < requested.size(); ++i) {
    int64_t d = requested[i];
    if (d == 0 && !allow_zero) {
      if (i >= in_shape.size()) {
        return ctx.Error("'shape' " + ShapeToString(requested) + " copies dim " + std::to_string(i) +
                         " that input of shape " + ShapeToString(in_shape) + " does not have");
      }
      d = in_shape[i];
    }
    if (d == -1) {
      if (infer_index >= 0) return ctx.Error("'shape' " + ShapeToString(requested) + " has more than one -1");
      infer_index = static_cast<int>(i);
      continue;
    }
    if (d < 0) return ctx.Error("'shape' " + ShapeToString(requested) + " has an invalid dim");
    if (d == 0) has_zero = true;
    out_shape[i] = d;
    auto product = CheckedNumElements({known_product, d});
    if (!product.ok()) return ctx.Error(product.status().message());
    known_product = *product;
  }
  const int64_t num_elements = NumElements(in_shape);
  if (infer_index >= 0) {
    if (allow_zero && has_zero) return ctx.Error("with allowzero=1, 'shape' cannot hold both 0 and -1");
    if (known_product == 0 || num_elements % known_product != 0) {
      return ctx.Error("cannot reshape " + ShapeToString(in_shape) + " to " + ShapeToString(requested));
    }
    out_shape[infer_index] = num_elements / known_product;
  } else if (known_product != num_elements) {
    return ctx.Error("cannot reshape " + ShapeToString(in_shape) + " (" + std::to_string(num_elements) +
                     " elements) to " + ShapeToString(out_shape));
  }
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  return Status::Ok();
}

}  // namespace

// Cost: reads the data, not the small shape input.
extern const OpDef kReshape = {"Reshape", Infer, RunCopy, CopyDataCost, /*in_place=*/true};

}  // namespace edgebench::ops
