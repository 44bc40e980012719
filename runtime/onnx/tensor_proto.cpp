#include "runtime/onnx/tensor_proto.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include <onnx/onnx_pb.h>

#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

std::string TensorLabel(const onnx::TensorProto& proto) {
  return "tensor '" + proto.name() + "'";
}

// Copies `count` values of a repeated proto field into `dst`, converting each.
template <typename Dst, typename Field>
void CopyField(const Field& field, Dst* dst, int64_t count) {
  for (int64_t i = 0; i < count; ++i) dst[i] = static_cast<Dst>(field.Get(static_cast<int>(i)));
}

// Number of entries the typed field holding this data type has.
int TypedFieldSize(const onnx::TensorProto& proto) {
  switch (proto.data_type()) {
    case onnx::TensorProto::FLOAT: return proto.float_data_size();
    case onnx::TensorProto::INT64: return proto.int64_data_size();
    default: return proto.int32_data_size();  // int32, int8, uint8, bool, float16 (bits)
  }
}

Status CopyTypedField(const onnx::TensorProto& proto, Tensor& tensor) {
  const int64_t n = tensor.num_elements();
  switch (tensor.dtype()) {
    case DType::kFloat32: CopyField(proto.float_data(), tensor.data<float>(), n); break;
    case DType::kInt64: CopyField(proto.int64_data(), tensor.data<int64_t>(), n); break;
    case DType::kInt32: CopyField(proto.int32_data(), tensor.data<int32_t>(), n); break;
    case DType::kInt8: CopyField(proto.int32_data(), tensor.data<int8_t>(), n); break;
    case DType::kUInt8: CopyField(proto.int32_data(), tensor.data<uint8_t>(), n); break;
    case DType::kBool: CopyField(proto.int32_data(), tensor.data<uint8_t>(), n); break;
    case DType::kFloat16: CopyField(proto.int32_data(), tensor.data<uint16_t>(), n); break;
    case DType::kUndefined: return Internal("undefined dtype");
  }
  return Status::Ok();
}

// Rejects locations that could read outside the model's folder.
Status CheckExternalLocation(const std::string& location, const std::string& base_dir) {
  const fs::path loc(location);
  if (location.empty()) return InvalidArgument("external data has no location");
  if (loc.is_absolute()) return InvalidArgument("external data location '" + location + "' is absolute");
  for (const auto& part : loc) {
    if (part == "..") return InvalidArgument("external data location '" + location + "' escapes the model folder");
  }
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::path(base_dir), ec);
  const fs::path full = fs::weakly_canonical(fs::path(base_dir) / loc, ec);
  const std::string b = base.string(), f = full.string();
  if (ec || f.compare(0, b.size(), b) != 0) {
    return InvalidArgument("external data location '" + location + "' resolves outside the model folder");
  }
  return Status::Ok();
}

Status ReadExternalData(const onnx::TensorProto& proto, const TensorReadOptions& options, Tensor& tensor) {
  if (options.base_dir.empty()) return InvalidArgument("external data is not allowed here");
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto& kv : proto.external_data()) {
    try {
      if (kv.key() == "location") location = kv.value();
      if (kv.key() == "offset") offset = std::stoll(kv.value());
      if (kv.key() == "length") length = std::stoll(kv.value());
    } catch (const std::exception&) {
      return InvalidArgument("external data field '" + kv.key() + "' is not a number: '" + kv.value() + "'");
    }
  }
  EB_RETURN_IF_ERROR(CheckExternalLocation(location, options.base_dir));
  const int64_t want = static_cast<int64_t>(tensor.num_bytes());
  if (length >= 0 && length != want) {
    return InvalidArgument("external data length " + std::to_string(length) + " != " + std::to_string(want) +
                           " bytes the shape needs");
  }
  const fs::path path = fs::path(options.base_dir) / location;
  std::error_code ec;
  const auto file_size = fs::file_size(path, ec);
  if (ec) return NotFound("external data file '" + path.string() + "' cannot be read: " + ec.message());
  if (offset < 0 || static_cast<uint64_t>(offset) + static_cast<uint64_t>(want) > file_size) {
    return InvalidArgument("external data [" + std::to_string(offset) + ", +" + std::to_string(want) +
                           ") points past the end of '" + location + "' (" + std::to_string(file_size) +
                           " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  in.read(static_cast<char*>(tensor.raw_data()), want);
  if (!in) return IoError("reading external data from '" + path.string() + "' failed");
  return Status::Ok();
}

}  // namespace

Expected<Tensor> TensorFromProto(const onnx::TensorProto& proto, const TensorReadOptions& options) {
  if (!IsSupportedOnnxDataType(proto.data_type())) {
    return Unsupported(TensorLabel(proto) + " has unsupported data type " + OnnxDataTypeName(proto.data_type()));
  }
  if (proto.segment().begin() != 0 || proto.segment().end() != 0) {
    return Unsupported(TensorLabel(proto) + " is segmented");
  }
  const DType dtype = static_cast<DType>(proto.data_type());
  Shape shape(proto.dims().begin(), proto.dims().end());
  auto count = CheckedNumElements(shape);
  if (!count.ok()) return count.status().WithContext(TensorLabel(proto));
  if (static_cast<uint64_t>(*count) > options.max_bytes / DTypeSize(dtype)) {
    return ResourceExhausted(TensorLabel(proto) + " " + TensorTypeToString(dtype, shape) + " exceeds the limit of " +
                             std::to_string(options.max_bytes) + " bytes");
  }
  auto allocated = Tensor::Allocate(dtype, shape);
  if (!allocated.ok()) return allocated.status().WithContext(TensorLabel(proto));
  Tensor tensor = std::move(allocated).value();

  Status status;
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    status = ReadExternalData(proto, options, tensor);
  } else if (proto.has_raw_data()) {
    if (proto.raw_data().size() != tensor.num_bytes()) {
      status = InvalidArgument("raw_data has " + std::to_string(proto.raw_data().size()) + " bytes, shape needs " +
                               std::to_string(tensor.num_bytes()));
    } else if (tensor.num_bytes() > 0) {
      std::memcpy(tensor.raw_data(), proto.raw_data().data(), tensor.num_bytes());  // little-endian hosts only
    }
  } else if (TypedFieldSize(proto) != *count) {
    status = InvalidArgument("has " + std::to_string(TypedFieldSize(proto)) + " values, shape needs " +
                             std::to_string(*count));
  } else {
    status = CopyTypedField(proto, tensor);
  }
  if (!status.ok()) return status.WithContext(TensorLabel(proto));
  return tensor;
}

void TensorToProto(const Tensor& tensor, const std::string& name, onnx::TensorProto* proto) {
  proto->Clear();
  proto->set_name(name);
  proto->set_data_type(static_cast<int>(tensor.dtype()));
  for (int64_t d : tensor.shape()) proto->add_dims(d);
  proto->set_raw_data(tensor.raw_data(), tensor.num_bytes());
}

Expected<Tensor> ReadTensorProtoFile(const std::string& path, std::string* name) {
  EB_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path));
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) {
    return InvalidArgument("'" + path + "' is not a serialized ONNX TensorProto (truncated or corrupt?)");
  }
  if (name) *name = proto.name();
  TensorReadOptions options;
  options.base_dir = fs::path(path).parent_path().string();
  auto tensor = TensorFromProto(proto, options);
  if (!tensor.ok()) return tensor.status().WithContext("'" + path + "'");
  return tensor;
}

Status WriteTensorProtoFile(const Tensor& tensor, const std::string& name, const std::string& path) {
  onnx::TensorProto proto;
  TensorToProto(tensor, name, &proto);
  return WriteFileBytes(path, proto.SerializeAsString());
}

}  // namespace edgebench
