#include "runtime/ops/math/gemm_attributes.h"

#include <string>

namespace edgebench::ops {

Status ParseGemmAttributes(const InferContext& ctx, GemmAttributes* attrs) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("inputs 'A' and 'B' are required");
  if (!ctx.has_input(2) && ctx.opset() < 11) return ctx.Error("input 'C' is required before opset 11");
  for (int i = 0; i < 3; ++i) {
    if (ctx.has_input(i) && ctx.input_dtype(i) != DType::kFloat32) {
      return ctx.UnsupportedError(std::string("input ") + "ABC"[i] + " has type " +
                                  DTypeName(ctx.input_dtype(i)) + "; Gemm supports float32");
    }
  }
  if (ctx.input_rank(0) != 2 || ctx.input_rank(1) != 2) {
    return ctx.Error("A and B must be 2-D, got " + ShapeToString(ctx.input_shape(0)) + " and " +
                     ShapeToString(ctx.input_shape(1)));
  }
  const Attributes& node_attrs = ctx.attributes();
  attrs->alpha = node_attrs.GetFloat("alpha", 1.0f);
  attrs->beta = node_attrs.GetFloat("beta", 1.0f);
  attrs->trans_a = node_attrs.GetInt("transA", 0) != 0;
  attrs->trans_b = node_attrs.GetInt("transB", 0) != 0;

  const Shape& a = ctx.input_shape(0);
  const Shape& b = ctx.input_shape(1);
  attrs->m = attrs->trans_a ? a[1] : a[0];
  attrs->k = attrs->trans_a ? a[0] : a[1];
  const int64_t k_b = attrs->trans_b ? b[1] : b[0];
  attrs->n = attrs->trans_b ? b[0] : b[1];
  if (attrs->k != k_b) {
    return ctx.Error("inner dimensions differ: op(A) is [" + std::to_string(attrs->m) + ", " +
                     std::to_string(attrs->k) + "], op(B) is [" + std::to_string(k_b) + ", " +
                     std::to_string(attrs->n) + "]");
  }

  if (ctx.has_input(2)) {
    const Shape& c = ctx.input_shape(2);
    if (c.size() > 2) return ctx.Error("C must have rank <= 2, got " + ShapeToString(c));
    const int64_t c_m = c.size() == 2 ? c[0] : 1;
    const int64_t c_n = c.empty() ? 1 : c.back();
    if ((c_m != 1 && c_m != attrs->m) || (c_n != 1 && c_n != attrs->n)) {
      return ctx.Error("C of shape " + ShapeToString(c) + " does not broadcast to [" + std::to_string(attrs->m) +
                       ", " + std::to_string(attrs->n) + "]");
    }
    attrs->has_c = true;
    attrs->c_stride_m = c_m == 1 ? 0 : c_n;
    attrs->c_stride_n = c_n == 1 ? 0 : 1;
  }

  return Status::Ok();
}

}  // namespace edgebench::ops
