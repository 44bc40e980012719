// Runs one float16 node (float32 test tensors rounded to half) through the
// native float16 op of a kernel level and through ref's float16 adapter (the
// path fp16 models took before), and compares them in half ulps.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "runtime/backends/native/native_backend.h"
#include "runtime/backends/ref/float16_adapter.h"
#include "runtime/core/float16.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {

inline Attribute Str(const std::string& value) {
  Attribute a;
  a.kind = Attribute::Kind::kString;
  a.s = value;
  return a;
}

inline Attribute FloatList(const std::vector<float>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kFloats;
  a.floats = values;
  return a;
}

inline Tensor ToHalf(const Tensor& t) {
  Tensor h = Tensor::Allocate(DType::kFloat16, t.shape()).value();
  Float32ToFloat16(t.data<float>(), h.data<uint16_t>(), static_cast<size_t>(t.num_elements()));
  return h;
}

// `c` with every input rounded to half.
inline NodeCase ToHalfCase(const NodeCase& c) {
  NodeCase h = c;
  for (Tensor& t : h.inputs) t = ToHalf(t);
  return h;
}

// One unit in the last place of a half near |v| (subnormal spacing below 2^-14).
inline float HalfUlp(float v) {
  const float a = std::fabs(v);
  if (a < 6.103515625e-05f) return 5.9604644775390625e-08f;
  return std::ldexp(1.0f, std::ilogb(a) - 10);
}

// The native float16 op of `isa` against ref's float16 adapter on the
// half-rounded case. Both sum the same halves in float32 and round once, so
// they differ by the float32 reordering (1e-5 of sum |w * x|, the bound the
// float32 kernel tests use) plus the half rounding that difference can tip:
// one half ulp of the larger of the two.
inline void ExpectF16MatchesRef(const NodeCase& c32, native::Isa isa, const std::string& label, int threads = 1,
                                ThreadPool* pool = nullptr) {
  const NodeCase c = ToHalfCase(c32);
  const NativeBackend backend(isa);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : c.inputs) infos.push_back(&t);
  const InferContext ictx(c.node, 13, infos, c.known);
  const OpDef* native_op = backend.Find(c.node, ictx);
  ASSERT_NE(native_op, nullptr) << label;
  const OpDef* ref_op = Float16AdapterFor(FindRefOp(c.node.domain, c.node.op_type));
  ASSERT_NE(ref_op, nullptr) << label;
  const Tensor want = RunOp(*ref_op, c);
  NodeCase abs_case = c;
  for (Tensor& t : abs_case.inputs) {
    t = t.Clone().value();
    for (int64_t i = 0; i < t.num_elements(); ++i) t.data<uint16_t>()[i] &= 0x7fff;
  }
  const Tensor bound = RunOp(*ref_op, abs_case);
  const Tensor got = RunOp(*native_op, c, threads, pool);
  ASSERT_EQ(got.dtype(), DType::kFloat16) << label;
  ASSERT_EQ(got.shape(), want.shape()) << label;
  int failures = 0;
  for (int64_t i = 0; i < want.num_elements() && failures < 5; ++i) {
    const float g = Float16ToFloat32(got.data<uint16_t>()[i]);
    const float w = Float16ToFloat32(want.data<uint16_t>()[i]);
    const float reorder = 1e-5f * Float16ToFloat32(bound.data<uint16_t>()[i]);
    if (std::fabs(g - w) > HalfUlp(std::max(std::fabs(g), std::fabs(w))) + reorder) {
      ADD_FAILURE() << label << " [" << native::IsaName(isa) << "] element " << i << ": got " << g << ", ref " << w;
      ++failures;
    }
  }
}

// A pool of `threads` for the multithreaded cases.
inline std::unique_ptr<ThreadPool> MakePool(int threads) {
  ThreadPoolOptions options;
  options.threads = threads;
  return std::move(ThreadPool::Create(options).value());
}

}  // namespace edgebench::native::testing
