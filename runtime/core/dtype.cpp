#include "runtime/core/dtype.h"

namespace edgebench {

size_t DTypeSize(DType dtype) {
  switch (dtype) {
    case DType::kFloat32: return 4;
    case DType::kUInt8: return 1;
    case DType::kInt8: return 1;
    case DType::kInt32: return 4;
    case DType::kInt64: return 8;
    case DType::kBool: return 1;
    case DType::kFloat16: return 2;
    case DType::kUndefined: return 0;
  }
  return 0;
}

const char* DTypeName(DType dtype) {
  switch (dtype) {
    case DType::kFloat32: return "float32";
    case DType::kUInt8: return "uint8";
    case DType::kInt8: return "int8";
    case DType::kInt32: return "int32";
    case DType::kInt64: return "int64";
    case DType::kBool: return "bool";
    case DType::kFloat16: return "float16";
    case DType::kUndefined: return "undefined";
  }
  return "undefined";
}

bool IsSupportedOnnxDataType(int onnx_data_type) {
  switch (static_cast<DType>(onnx_data_type)) {
    case DType::kFloat32:
    case DType::kUInt8:
    case DType::kInt8:
    case DType::kInt32:
    case DType::kInt64:
    case DType::kBool:
    case DType::kFloat16:
      return true;
    default:
      return false;
  }
}

std::string OnnxDataTypeName(int onnx_data_type) {
  // Order follows onnx.proto's TensorProto.DataType.
  static const char* const kNames[] = {"undefined", "float32", "uint8",  "int8",      "uint16",
                                       "int16",     "int32",   "int64",  "string",    "bool",
                                       "float16",   "double",  "uint32", "uint64",    "complex64",
                                       "complex128", "bfloat16"};
  if (onnx_data_type >= 0 && onnx_data_type < static_cast<int>(sizeof(kNames) / sizeof(kNames[0]))) {
    return kNames[onnx_data_type];
  }
  return "data type " + std::to_string(onnx_data_type);
}

}  // namespace edgebench
