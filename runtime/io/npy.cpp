#include "runtime/io/npy.h"

#include <cstring>
#include <regex>

#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

// The .npy magic string; see numpy/lib/format.py.
constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

struct NpyType {
  const char* descr;
  DType dtype;
};
constexpr NpyType kNpyTypes[] = {
    {"<f4", DType::kFloat32}, {"<i8", DType::kInt64}, {"<i4", DType::kInt32},
    {"|u1", DType::kUInt8},   {"|i1", DType::kInt8},  {"|b1", DType::kBool}, {"<f2", DType::kFloat16},
};

}  // namespace

Expected<Tensor> ReadNpyFile(const std::string& path) {
  EB_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path));
  const std::string label = "'" + path + "'";
  if (bytes.size() < 10 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    return InvalidArgument(label + " is not a .npy file (bad magic)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return InvalidArgument(label + " is truncated");
    uint32_t len = 0;
    std::memcpy(&len, bytes.data() + 8, 4);
    header_len = len;
    header_start = 12;
  } else {
    return Unsupported(label + ": .npy format version " + std::to_string(major));
  }
  if (header_start + header_len > bytes.size()) return InvalidArgument(label + " is truncated in its header");
  const std::string header = bytes.substr(header_start, header_len);

  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'"))) {
    return InvalidArgument(label + ": header has no descr");
  }
  const std::string descr = m[1];
  DType dtype = DType::kUndefined;
  for (const NpyType& t : kNpyTypes) {
    if (descr == t.descr) dtype = t.dtype;
  }
  if (dtype == DType::kUndefined) return Unsupported(label + ": unsupported .npy dtype '" + descr + "'");
  if (std::regex_search(header, std::regex("'fortran_order':\\s*True"))) {
    return Unsupported(label + ": Fortran-order arrays are not supported");
  }
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)"))) {
    return InvalidArgument(label + ": header has no shape");
  }
  Shape shape;
  const std::string dims = m[1];
  static const std::regex kDim("[0-9]+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), kDim), end; it != end; ++it) {
    shape.push_back(std::stoll(it->str()));
  }
  EB_ASSIGN_OR_RETURN(Tensor tensor, Tensor::Allocate(dtype, shape));
  const size_t data_start = header_start + header_len;
  if (bytes.size() - data_start != tensor.num_bytes()) {
    return InvalidArgument(label + " has " + std::to_string(bytes.size() - data_start) + " data bytes, shape " +
                           ShapeToString(shape) + " needs " + std::to_string(tensor.num_bytes()));
  }
  if (tensor.num_bytes() > 0) std::memcpy(tensor.raw_data(), bytes.data() + data_start, tensor.num_bytes());
  return tensor;
}

Status WriteNpyFile(const Tensor& tensor, const std::string& path) {
  const char* descr = nullptr;
  for (const NpyType& t : kNpyTypes) {
    if (t.dtype == tensor.dtype()) descr = t.descr;
  }
  if (!descr) return Unsupported(std::string("cannot write ") + DTypeName(tensor.dtype()) + " to .npy");
  std::string shape;
  for (int64_t d : tensor.shape()) shape += std::to_string(d) + ",";
  if (tensor.rank() > 1) shape.pop_back();
  std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" + shape + "), }";
  // Pad so the data starts 64-byte aligned, ending the header with '\n'.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes(kMagic, kMagicSize);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  bytes.append(static_cast<const char*>(tensor.raw_data()), tensor.num_bytes());
  return WriteFileBytes(path, bytes);
}

}  // namespace edgebench
