// Which values of a graph are constants a pass may read and rewrite:
// initializers the run cannot override (an initializer also listed as a
// graph input, the IR < 4 style, is a default the caller may replace).
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <set>
#include <string>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"

namespace edgebench {

class GraphConstants {
 public:
  explicit GraphConstants(const onnx::GraphProto& graph);

  // The initializer `name`, or null when there is none or a graph input may override it.
  const onnx::TensorProto* Find(const std::string& name) const;
  bool IsFloat32(const std::string& name) const;
  // float32 or float16: the weights a pass may fold, before or after the
  // float16 conversion.
  bool IsFloat(const std::string& name) const;
  // Its data; an error for a missing or overridable name.
  Expected<Tensor> Read(const std::string& name) const;
  // Its data widened to float32 when it is float16.
  Expected<Tensor> ReadAsFloat32(const std::string& name) const;

 private:
  std::map<std::string, const onnx::TensorProto*> initializers_;
  std::set<std::string> inputs_;
};

// A float32 tensor rounded to `dtype` (float16), or a copy (float32).
Expected<Tensor> NarrowFloat32(const Tensor& value, DType dtype);

}  // namespace edgebench
