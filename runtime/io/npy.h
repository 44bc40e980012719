// NumPy .npy files (format versions 1-3, C order, little-endian).
#pragma once

#include <string>

#include "runtime/core/tensor.h"

namespace edgebench {

Expected<Tensor> ReadNpyFile(const std::string& path);
Status WriteNpyFile(const Tensor& tensor, const std::string& path);

}  // namespace edgebench
