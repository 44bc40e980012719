// Runs one node through an OpDef directly (infer, then run with planned
// scratch), for the native kernel tests: the same node goes through the ref
// op and the native op of every kernel level this host has.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "runtime/backends/native/cpu_features.h"
#include "runtime/backends/native/native_backend.h"
#include "runtime/core/tensor.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native::testing {

inline Attribute Ints(const std::vector<int64_t>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kInts;
  a.ints = values;
  return a;
}

inline Attribute Int(int64_t value) {
  Attribute a;
  a.kind = Attribute::Kind::kInt;
  a.i = value;
  return a;
}

inline Attribute Float(float value) {
  Attribute a;
  a.kind = Attribute::Kind::kFloat;
  a.f = value;
  return a;
}

inline Attribute Floats(const std::vector<float>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kFloats;
  a.floats = values;
  return a;
}

inline Attribute String(const std::string& value) {
  Attribute a;
  a.kind = Attribute::Kind::kString;
  a.s = value;
  return a;
}

// A float32 tensor of `shape` with values in [-1, 1) from a fixed seed.
inline Tensor RandomTensor(const Shape& shape, uint32_t seed) {
  Tensor t = Tensor::Allocate(DType::kFloat32, shape).value();
  uint32_t s = seed * 2654435761u + 1;
  float* d = t.data<float>();
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    s = s * 1664525u + 1013904223u;
    d[i] = static_cast<float>(s >> 8) / 8388608.0f - 1.0f;
  }
  return t;
}

// The linear congruential step of the tests' data: the next 24-bit value.
inline uint32_t Next(uint32_t* s) {
  *s = *s * 1664525u + 1013904223u;
  return *s >> 8;
}

// 8-bit tensor of `type` with every value of the type, from a fixed seed.
inline Tensor Random8(DType type, const Shape& shape, uint32_t seed) {
  Tensor t = Tensor::Allocate(type, shape).value();
  uint32_t s = seed * 2654435761u + 1;
  auto* d = static_cast<uint8_t*>(t.raw_data());
  for (int64_t i = 0; i < t.num_elements(); ++i) d[i] = static_cast<uint8_t>(Next(&s));
  return t;
}

// 8-bit tensor of `type` holding `values` (each taken as its low byte).
inline Tensor Bytes8(DType type, const Shape& shape, const std::vector<int32_t>& values) {
  Tensor t = Tensor::Allocate(type, shape).value();
  for (size_t i = 0; i < values.size(); ++i) static_cast<uint8_t*>(t.raw_data())[i] = static_cast<uint8_t>(values[i]);
  return t;
}

inline Tensor Abs(const Tensor& t) {
  Tensor a = t.Clone().value();
  for (int64_t i = 0; i < a.num_elements(); ++i) a.data<float>()[i] = std::fabs(a.data<float>()[i]);
  return a;
}

// One node whose inputs are `inputs`; those listed in `known` are constants
// (weights), the others arrive at run.
struct NodeCase {
  Node node;
  std::vector<Tensor> inputs;
  std::vector<bool> known;
};

// Infers and runs `op` on the case (whatever its output type); the output,
// or an empty tensor after a test failure.
inline Tensor RunOp(const OpDef& op, const NodeCase& c, int threads = 1, ThreadPool* pool = nullptr) {
  std::vector<const Tensor*> infos;
  for (const Tensor& t : c.inputs) infos.push_back(&t);
  InferContext ictx(c.node, 13, infos, c.known);
  ictx.set_num_threads(threads);
  const Status s = op.infer(ictx);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!s.ok()) return Tensor();
  Tensor y = Tensor::Allocate(ictx.outputs()[0].dtype, ictx.outputs()[0].shape).value();
  Tensor scratch = Tensor::Allocate(DType::kUInt8, {static_cast<int64_t>(ictx.scratch_bytes()) + 1}).value();
  // Scratch holds garbage in a session's arena: a kernel must not depend on zeros.
  std::fill(scratch.data<uint8_t>(), scratch.data<uint8_t>() + scratch.num_elements(), uint8_t{0xff});
  KernelContext k;
  k.node = &c.node;
  k.opset = 13;
  k.inputs = infos;
  k.outputs = {&y};
  k.state = ictx.state();
  k.scratch = scratch.raw_data();
  k.scratch_bytes = ictx.scratch_bytes();
  k.pool = pool;
  const Status r = op.run(k);
  EXPECT_TRUE(r.ok()) << r.ToString();
  return y;
}

// Every kernel level this host runs.
inline std::vector<native::Isa> HostIsas() {
  std::vector<native::Isa> isas;
  const native::Isa best = native::BestIsa(native::HostCpuFeatures());
  for (native::Isa isa : {native::Isa::kScalar, native::Isa::kAvx2, native::Isa::kAvx512, native::Isa::kNeon}) {
    if (native::IsaRuns(isa, best)) isas.push_back(isa);
  }
  return isas;
}

// Every INT8 kernel level this host runs (one per FP32 level, duplicates dropped).
// Every INT8 level this host runs: each FP32 level's, and the same with the
// dot-product extensions masked, so that the int16 fallbacks (avx2, neon)
// stay tested on hosts that have VNNI or dotprod.
inline std::vector<native::Int8Isa> HostInt8Isas() {
  native::CpuFeatures plain = native::HostCpuFeatures();
  plain.avx_vnni = plain.avx512_vnni = plain.asimddp = false;
  native::CpuFeatures no_avx512_vnni = native::HostCpuFeatures();
  no_avx512_vnni.avx512_vnni = false;
  std::vector<native::Int8Isa> isas;
  for (native::Isa isa : HostIsas()) {
    for (const native::CpuFeatures& f : {plain, no_avx512_vnni, native::HostCpuFeatures()}) {
      const native::Int8Isa level = native::Int8IsaFor(isa, f);
      if (std::find(isas.begin(), isas.end(), level) == isas.end()) isas.push_back(level);
    }
  }
  return isas;
}

// An 8-bit output equal to ref's byte for byte (the first 5 differences
// reported), with at most 3/4 of ref's values at a clamp, so that the data
// exercise the requantization and not only its clamps (a zero point of 0 on
// uint8 y clamps the negative half by itself).
inline void ExpectSameBytes(const Tensor& got, const Tensor& want, const std::string& label) {
  ASSERT_EQ(got.shape(), want.shape()) << label;
  ASSERT_EQ(got.dtype(), want.dtype()) << label;
  const auto* g = static_cast<const uint8_t*>(got.raw_data());
  const auto* w = static_cast<const uint8_t*>(want.raw_data());
  int failures = 0;
  int64_t saturated = 0;
  for (int64_t i = 0; i < want.num_elements() && failures < 5; ++i) {
    if (g[i] != w[i]) {
      ADD_FAILURE() << label << " element " << i << ": got " << int{g[i]} << ", ref " << int{w[i]};
      ++failures;
    }
    saturated += (w[i] == 0 || w[i] == 255 || w[i] == 127 || w[i] == 128);
  }
  EXPECT_LT(saturated, want.num_elements() * 3 / 4 + 1) << label;
}

// Compares the native op of `isa` with ref on the case: each output within
// 1e-5 of (|the ref op run on absolute values| + 1), i.e. relative to
// sum |w * x|, the scale of float32 rounding in a reordered sum.
inline void ExpectMatchesRef(const NodeCase& c, native::Isa isa, const std::string& label, int threads = 1,
                             ThreadPool* pool = nullptr) {
  const NativeBackend backend(isa);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : c.inputs) infos.push_back(&t);
  const InferContext ictx(c.node, 13, infos, c.known);
  const OpDef* native_op = backend.Find(c.node, ictx);
  ASSERT_NE(native_op, nullptr) << label;
  const OpDef* ref_op = FindRefOp(c.node.domain, c.node.op_type);
  const Tensor want = RunOp(*ref_op, c);
  NodeCase abs_case = c;
  for (Tensor& t : abs_case.inputs) t = Abs(t);
  const Tensor bound = RunOp(*ref_op, abs_case);
  const Tensor got = RunOp(*native_op, c, threads, pool);
  ASSERT_EQ(got.shape(), want.shape()) << label;
  int failures = 0;
  for (int64_t i = 0; i < want.num_elements() && failures < 5; ++i) {
    const float tol = 1e-5f * (std::fabs(bound.data<float>()[i]) + 1.0f);
    if (std::fabs(got.data<float>()[i] - want.data<float>()[i]) > tol) {
      ADD_FAILURE() << label << " [" << native::IsaName(isa) << "] element " << i << ": got " << got.data<float>()[i]
                    << ", ref " << want.data<float>()[i];
      ++failures;
    }
  }
}

}  // namespace edgebench::native::testing
