// Conversion between onnx::TensorProto and edgebench tensors, and the .pb
// tensor files of ONNX's test-data layout.
#pragma once

#include <string>

#include "runtime/core/tensor.h"

namespace onnx {
class TensorProto;
}

namespace edgebench {

struct TensorReadOptions {
  // Folder that external-data locations are resolved against and must stay in.
  // Empty: external data is refused.
  std::string base_dir;
  // Largest tensor accepted; refused before allocating.
  size_t max_bytes = size_t{8} << 30;
};

// Decodes raw_data, the typed *_data fields or external data. Errors name the tensor.
Expected<Tensor> TensorFromProto(const onnx::TensorProto& proto, const TensorReadOptions& options);
void TensorToProto(const Tensor& tensor, const std::string& name, onnx::TensorProto* proto);

// A serialized TensorProto file (input_0.pb, output_0.pb, ...); also returns its name.
Expected<Tensor> ReadTensorProtoFile(const std::string& path, std::string* name = nullptr);
Status WriteTensorProtoFile(const Tensor& tensor, const std::string& name, const std::string& path);

}  // namespace edgebench
