// Element types. Values match onnx::TensorProto_DataType so conversion is a cast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace edgebench {

enum class DType : int {
  kUndefined = 0,
  kFloat32 = 1,
  kUInt8 = 2,
  kInt8 = 3,
  kInt32 = 6,
  kInt64 = 7,
  kBool = 9,
  kFloat16 = 10,
};

// Size of one element in bytes; 0 for kUndefined.
size_t DTypeSize(DType dtype);
const char* DTypeName(DType dtype);
// True for the ONNX data-type numbers edgebench implements.
bool IsSupportedOnnxDataType(int onnx_data_type);
// Name of any ONNX data type number, supported or not, for error messages.
std::string OnnxDataTypeName(int onnx_data_type);

// Maps a C++ element type to its DType at compile time. bool is stored as one byte.
template <typename T> constexpr DType DTypeOf();
template <> constexpr DType DTypeOf<float>() { return DType::kFloat32; }
template <> constexpr DType DTypeOf<uint8_t>() { return DType::kUInt8; }
template <> constexpr DType DTypeOf<int8_t>() { return DType::kInt8; }
template <> constexpr DType DTypeOf<int32_t>() { return DType::kInt32; }
template <> constexpr DType DTypeOf<int64_t>() { return DType::kInt64; }
template <> constexpr DType DTypeOf<bool>() { return DType::kBool; }

// Calls fn(T{}) with the C++ type of `dtype` for the numeric types kernels
// compute on; returns false for the others (kFloat16, kUndefined).
template <typename Fn>
bool VisitNumericDType(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::kFloat32: fn(float{}); return true;
    case DType::kUInt8: fn(uint8_t{}); return true;
    case DType::kInt8: fn(int8_t{}); return true;
    case DType::kInt32: fn(int32_t{}); return true;
    case DType::kInt64: fn(int64_t{}); return true;
    case DType::kBool: fn(bool{}); return true;
    default: return false;
  }
}

}  // namespace edgebench
