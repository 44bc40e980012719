// The layers the kernel benchmarks time: the conv layer types of the zoo
// (1x1, 3x3, depthwise, first layer), the classifier GEMMs and the 3x3
// stride-2 max pools, at the shapes
// the zoo models run them. One list; the benchmark binary and the tests read it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace edgebench::bench {

enum class LayerOp { kConv, kGemm, kMatMul, kMaxPool };

struct LayerCase {
  std::string family;  // "conv1x1", "conv3x3", "dwconv3x3", "conv_first", "gemm", "matmul", "maxpool"
  std::string name;    // where the shape comes from: "resnet18_64x56x56"
  LayerOp op = LayerOp::kConv;
  // Conv: NCHW input of batch 1, square kernel, `pad` on every side.
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  int64_t height = 0;
  int64_t width = 0;
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t group = 1;
  int64_t pad = 0;
  // MaxPool: in_channels planes of height x width, kernel, stride and pad as
  // above, and ceil_mode.
  bool ceil_mode = false;
  // Gemm (A[m,k] x B[n,k] transposed, plus bias, as torchvision's Linear
  // exports) and MatMul (A[m,k] x B[k,n]).
  int64_t m = 0;
  int64_t k = 0;
  int64_t n = 0;

  // "conv3x3/resnet18_64x56x56".
  std::string Label() const { return family + "/" + name; }
  // Multiply-adds of the layer, from its geometry alone (0 for MaxPool).
  int64_t Macs() const;
  // The output size along a side of `in` (ONNX's rule, with ceil_mode
  // dropping a last window that would start in the end pad).
  int64_t Output(int64_t in) const;
};

const std::vector<LayerCase>& LayerCases();

}  // namespace edgebench::bench
