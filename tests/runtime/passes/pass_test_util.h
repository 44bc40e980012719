// What the pass tests build and compare: random float weights and the small
// Conv most of them start from, a model's outputs on fixed synthetic inputs
// (ref backend unless asked), their relative L2 distance, and node counts by
// op type.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <string>
#include <vector>

#include "harness/inputs/synthetic_input.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {

// n float32 values in [-1, 1) from a fixed seed (RandomValues).
inline std::vector<float> Random(int64_t n, uint32_t seed) {
  std::vector<float> v;
  for (double d : RandomValues(n, seed)) v.push_back(static_cast<float>(d));
  return v;
}

// Conv `name` of `in` (4 channels) into `out`: 4 filters, 3x3 pad 1 or 1x1
// (pads kernel / 2), B when `bias`, `group` groups.
inline void AddConv(onnx::ModelProto& m, const std::string& name, const std::string& in, const std::string& out,
                    int64_t kernel, bool bias, uint32_t seed, int64_t group = 1) {
  AddFloatInitializer(m, name + "_w", {4, 4 / group, kernel, kernel}, Random(16 / group * kernel * kernel, seed));
  std::vector<std::string> inputs = {in, name + "_w"};
  if (bias) {
    AddFloatInitializer(m, name + "_b", {4}, Random(4, seed + 1));
    inputs.push_back(name + "_b");
  }
  onnx::NodeProto* conv = AddNode(m, "Conv", inputs, {out}, name);
  onnx::AttributeProto* pads = AddAttribute(conv, "pads", onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(kernel / 2);
  if (group != 1) AddAttribute(conv, "group", onnx::AttributeProto::INT)->set_i(group);
}

inline int CountOps(const onnx::ModelProto& model, const std::string& op_type) {
  int n = 0;
  for (const auto& node : model.graph().node()) n += node.op_type() == op_type;
  return n;
}

// Every float32 output, concatenated, on inputs seeded by `seed`, run on
// `backend`; empty (with a test failure) when the model does not load or run.
// `fallbacks` (may be null) receives the op type of every node the backend
// left to ref.
inline std::vector<float> RunOutputs(const onnx::ModelProto& proto, uint64_t seed = 7,
                                     const std::string& backend = "ref", std::vector<std::string>* fallbacks = nullptr) {
  auto model = LoadModelFromBytes(proto.SerializeAsString(), "", "model");
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  if (!model.ok()) return {};
  SessionOptions options;
  options.backend = backend;
  auto session = Session::Create(*model, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return {};
  std::vector<Tensor> inputs;
  for (int i = 0; i < (*session)->num_inputs(); ++i) {
    const Tensor& info = (*session)->input_info(i);
    auto input = MakeSyntheticInput(info.dtype(), info.shape(), seed + i);
    EXPECT_TRUE(input.ok());
    if (!input.ok()) return {};
    inputs.push_back(std::move(*input));
  }
  const Status run = (*session)->Run(inputs);
  EXPECT_TRUE(run.ok()) << run.ToString();
  if (fallbacks) {
    for (const NodeReport& r : (*session)->node_reports()) {
      if (r.fallback) fallbacks->push_back((*session)->graph().nodes[r.node].op_type);
    }
  }
  std::vector<float> out;
  for (int o = 0; run.ok() && o < (*session)->num_outputs(); ++o) {
    const Tensor& t = (*session)->output(o);
    if (t.dtype() != DType::kFloat32) continue;
    out.insert(out.end(), t.data<float>(), t.data<float>() + t.num_elements());
  }
  return out;
}

inline double RelL2(const std::vector<float>& reference, const std::vector<float>& candidate) {
  EXPECT_EQ(reference.size(), candidate.size());
  if (reference.size() != candidate.size()) return 1.0;
  double diff = 0, norm = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    diff += (double(reference[i]) - candidate[i]) * (double(reference[i]) - candidate[i]);
    norm += double(reference[i]) * reference[i];
  }
  return norm > 0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

}  // namespace edgebench::testing
