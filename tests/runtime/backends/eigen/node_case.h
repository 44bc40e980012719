// One-node models run on a backend and on `ref`, for the eigen kernel tests:
// random inputs with fixed seeds, the node's output on both, and the
// tolerance each output element gets.
//
// Tolerance: the kernels are dot products, so the float32 rounding error of
// an element grows with the magnitudes summed into it. Conv, Gemm and MatMul
// are linear in each operand, so ref run on |inputs| (with |alpha|, |beta|)
// gives sum |w * x| per element, and an element may differ from ref by
// 1e-4 * (1 + that sum). With a fused activation the magnitude run passes
// through it too; the activations here are at most 1-Lipschitz and the
// products in those tests short, so the bound still covers the rounding.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {

struct NodeRun {
  Tensor y;
  NodeReport report;
};

class NodeCase {
 public:
  explicit NodeCase(const std::string& op_type, const std::string& domain = "") : op_type_(op_type), domain_(domain) {}

  // A graph input of random values in [-1, 1).
  NodeCase& Input(const Shape& shape, uint32_t seed) { return Add(shape, seed, false); }
  // An initializer (weights, bias) of random values.
  NodeCase& Weight(const Shape& shape, uint32_t seed) { return Add(shape, seed, true); }
  NodeCase& Int(const std::string& name, int64_t v) {
    ints_.push_back({name, {v}, false});
    return *this;
  }
  NodeCase& Ints(const std::string& name, const std::vector<int64_t>& v) {
    ints_.push_back({name, v, true});
    return *this;
  }
  NodeCase& Float(const std::string& name, float v) {
    floats_.push_back({name, v});
    return *this;
  }
  // A list of floats, kept as is in the magnitude run (activation_params).
  NodeCase& Floats(const std::string& name, const std::vector<float>& v) {
    float_lists_.push_back({name, v});
    return *this;
  }
  NodeCase& String(const std::string& name, const std::string& v) {
    strings_.push_back({name, v});
    return *this;
  }

  // Runs the node on `backend` with `threads`, twice; the second run must not allocate.
  NodeRun Run(const std::string& backend, int threads, bool magnitudes = false) const {
    onnx::ModelProto model = MakeEmptyModel(13);
    if (!domain_.empty()) {
      auto* opset = model.add_opset_import();
      opset->set_domain(domain_);
      opset->set_version(1);
    }
    std::vector<std::string> names;
    std::vector<Tensor> inputs;
    for (size_t i = 0; i < operands_.size(); ++i) {
      const Operand& o = operands_[i];
      names.push_back("in" + std::to_string(i));
      std::vector<double> values = RandomValues(Count(o.shape), o.seed);
      if (magnitudes) {
        for (double& v : values) v = std::fabs(v);
      }
      const Tensor t = MakeTensor(DType::kFloat32, o.shape, values);
      if (o.known) {
        AddInitializer(model, names.back(), t);
      } else {
        AddInput(model, names.back(), DType::kFloat32, o.shape);
        inputs.push_back(t.Clone().value());
      }
    }
    onnx::NodeProto* node = AddNode(model, op_type_, names, {"y"}, "node");
    if (!domain_.empty()) node->set_domain(domain_);
    for (const IntAttr& a : ints_) {
      auto* attr = AddAttribute(node, a.name, a.list ? onnx::AttributeProto::INTS : onnx::AttributeProto::INT);
      if (a.list) {
        for (int64_t v : a.values) attr->add_ints(v);
      } else {
        attr->set_i(a.values[0]);
      }
    }
    for (const FloatAttr& a : floats_) {
      AddAttribute(node, a.name, onnx::AttributeProto::FLOAT)->set_f(magnitudes ? std::fabs(a.value) : a.value);
    }
    for (const FloatsAttr& a : float_lists_) {
      auto* attr = AddAttribute(node, a.name, onnx::AttributeProto::FLOATS);
      for (float v : a.values) attr->add_floats(v);
    }
    for (const StringAttr& a : strings_) AddAttribute(node, a.name, onnx::AttributeProto::STRING)->set_s(a.value);
    AddOutputWithoutShape(model, "y", DType::kFloat32);
    model.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()->mutable_shape();

    NodeRun result;
    auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "eigen_node_case.onnx");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    if (!loaded.ok()) return result;
    SessionOptions options;
    options.backend = backend;
    options.threads = threads;
    auto session = Session::Create(*loaded, options);
    EXPECT_TRUE(session.ok()) << session.status().ToString();
    if (!session.ok()) return result;
    Status run = (*session)->Run(inputs);
    EXPECT_TRUE(run.ok()) << run.ToString();
    {
      AllocationCounter allocations;
      run = (*session)->Run(inputs);
      EXPECT_EQ(allocations.count(), 0) << "the second run allocated";
    }
    EXPECT_TRUE(run.ok()) << run.ToString();
    result.y = (*session)->output(0).Clone().value();
    result.report = (*session)->node_reports()[0];
    return result;
  }

  // Runs on `backend` and on ref and checks every element within the
  // tolerance above; returns the backend's run for further checks.
  NodeRun ExpectMatchesRef(const std::string& backend, int threads) const {
    NodeRun got = Run(backend, threads);
    const NodeRun want = Run("ref", 1);
    const NodeRun magnitude = Run("ref", 1, /*magnitudes=*/true);
    EXPECT_EQ(got.y.shape(), want.y.shape());
    if (got.y.shape() != want.y.shape() || want.y.num_elements() == 0) return got;
    const float* g = got.y.data<float>();
    const float* w = want.y.data<float>();
    const float* m = magnitude.y.data<float>();
    int64_t bad = 0;
    for (int64_t i = 0; i < want.y.num_elements(); ++i) {
      const double tolerance = 1e-4 * (1.0 + std::fabs(m[i]));
      if (!(std::fabs(static_cast<double>(g[i]) - w[i]) <= tolerance) && bad++ < 5) {
        ADD_FAILURE() << "element " << i << ": " << backend << " " << g[i] << ", ref " << w[i] << ", tolerance "
                      << tolerance;
      }
    }
    EXPECT_EQ(bad, 0) << "elements outside tolerance, of " << want.y.num_elements();
    return got;
  }

 private:
  struct Operand {
    Shape shape;
    uint32_t seed;
    bool known;
  };
  struct IntAttr {
    std::string name;
    std::vector<int64_t> values;
    bool list;
  };
  struct FloatAttr {
    std::string name;
    float value;
  };
  struct FloatsAttr {
    std::string name;
    std::vector<float> values;
  };
  struct StringAttr {
    std::string name;
    std::string value;
  };

  static int64_t Count(const Shape& shape) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
  NodeCase& Add(const Shape& shape, uint32_t seed, bool known) {
    operands_.push_back({shape, seed, known});
    return *this;
  }

  std::string op_type_;
  std::string domain_;
  std::vector<Operand> operands_;
  std::vector<IntAttr> ints_;
  std::vector<FloatAttr> floats_;
  std::vector<FloatsAttr> float_lists_;
  std::vector<StringAttr> strings_;
};

}  // namespace edgebench::testing
