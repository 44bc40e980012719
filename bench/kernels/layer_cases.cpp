#include "bench/kernels/layer_cases.h"

namespace edgebench::bench {
namespace {

LayerCase Conv(std::string family, std::string name, int64_t in_channels, int64_t out_channels, int64_t size,
               int64_t kernel, int64_t stride, int64_t group = 1) {
  LayerCase c;
  c.family = std::move(family);
  c.name = std::move(name);
  c.op = LayerOp::kConv;
  c.in_channels = in_channels;
  c.out_channels = out_channels;
  c.height = size;
  c.width = size;
  c.kernel = kernel;
  c.stride = stride;
  c.group = group;
  c.pad = kernel / 2;
  return c;
}

// A conv case without pads (SqueezeNet's first layer), not kernel / 2.
LayerCase Unpadded(LayerCase c) {
  c.pad = 0;
  return c;
}

// A conv case on a height x width plane (Conv's are square): DS-CNN's 25x5.
LayerCase OnPlane(LayerCase c, int64_t height, int64_t width) {
  c.height = height;
  c.width = width;
  return c;
}

LayerCase Dense(std::string family, std::string name, LayerOp op, int64_t m, int64_t k, int64_t n) {
  LayerCase c;
  c.family = std::move(family);
  c.name = std::move(name);
  c.op = op;
  c.m = m;
  c.k = k;
  c.n = n;
  return c;
}

// A 3x3 stride-2 MaxPool over `channels` square planes.
LayerCase MaxPool(std::string name, int64_t channels, int64_t size, int64_t pad, bool ceil_mode) {
  LayerCase c;
  c.family = "maxpool";
  c.name = std::move(name);
  c.op = LayerOp::kMaxPool;
  c.in_channels = channels;
  c.out_channels = channels;
  c.height = size;
  c.width = size;
  c.kernel = 3;
  c.stride = 2;
  c.pad = pad;
  c.ceil_mode = ceil_mode;
  return c;
}

}  // namespace

int64_t LayerCase::Output(int64_t in) const {
  const int64_t span = in + 2 * pad - kernel;
  int64_t out = (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) --out;
  return out;
}

int64_t LayerCase::Macs() const {
  if (op == LayerOp::kMaxPool) return 0;  // comparisons only
  if (op != LayerOp::kConv) return m * k * n;
  return out_channels * Output(height) * Output(width) * (in_channels / group) * kernel * kernel;
}

const std::vector<LayerCase>& LayerCases() {
  static const std::vector<LayerCase> kCases = {
      Conv("conv1x1", "mobilenetv2_expand_24to144x56x56", 24, 144, 56, 1, 1),
      Conv("conv1x1", "resnet18_downsample_64to128x56x56_s2", 64, 128, 56, 1, 2),
      Conv("conv1x1", "mobilenetv2_320to1280x7x7", 320, 1280, 7, 1, 1),
      Conv("conv1x1", "mobilenetv2_960to160x7x7", 960, 160, 7, 1, 1),
      Conv("conv1x1", "squeezenet1_1_classifier_512to1000x13x13", 512, 1000, 13, 1, 1),
      Conv("conv3x3", "resnet18_64x56x56", 64, 64, 56, 3, 1),
      Conv("conv3x3", "resnet18_256x14x14", 256, 256, 14, 3, 1),
      Conv("conv3x3", "resnet18_512x7x7", 512, 512, 7, 3, 1),
      Conv("conv3x3", "squeezenet1_1_expand_16to64x55x55", 16, 64, 55, 3, 1),
      Conv("dwconv3x3", "mobilenetv2_144x56x56_s1", 144, 144, 56, 3, 1, 144),
      Conv("dwconv3x3", "mobilenetv2_144x56x56_s2", 144, 144, 56, 3, 2, 144),
      Conv("dwconv3x3", "mobilenetv2_576x14x14_s1", 576, 576, 14, 3, 1, 576),
      Conv("dwconv3x3", "mobilenetv2_576x14x14_s2", 576, 576, 14, 3, 2, 576),
      Conv("dwconv3x3", "mobilenetv2_960x7x7_s1", 960, 960, 7, 3, 1, 960),
      OnPlane(Conv("dwconv3x3", "dscnn_64x25x5_s1", 64, 64, 0, 3, 1, 64), 25, 5),
      Conv("conv_first", "mobilenetv2_3to32x224x224_s2", 3, 32, 224, 3, 2),
      Conv("conv_first", "resnet18_3to64x224x224_7x7s2", 3, 64, 224, 7, 2),
      Unpadded(Conv("conv_first", "squeezenet1_1_3to64x224x224_s2", 3, 64, 224, 3, 2)),
      Dense("gemm", "mobilenetv2_classifier_1x1280x1000", LayerOp::kGemm, 1, 1280, 1000),
      Dense("matmul", "1x512x512", LayerOp::kMatMul, 1, 512, 512),
      MaxPool("squeezenet1_1_64x111x111_ceil", 64, 111, 0, true),
      MaxPool("resnet18_64x112x112_pad1", 64, 112, 1, false),
  };
  return kCases;
}

}  // namespace edgebench::bench
