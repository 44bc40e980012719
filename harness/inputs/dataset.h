// The inputs a sweep compares precisions on: a dataset folder read into
// batches of the bound shapes, or synthetic batches when the suite names none.
//
// Folder convention (the issue 6 calibration/accuracy dataset):
// - Tensors are .npy (runtime/io/npy.h) or .pb files (a serialized ONNX
//   TensorProto, runtime/onnx/tensor_proto.h). Other files (a README, a
//   provenance note) are ignored.
// - One-input model: every tensor file except labels.npy feeds the input, in
//   sorted file-name order. Several inputs: each input reads its own file,
//   "<input name>.npy" or "<input name>.pb".
// - A file holds one or more samples along dim 0; its other dims must equal
//   the bound shape's. Samples are grouped into batches of the bound batch
//   (the bound dim 0); a last partial batch is dropped and counted.
// - labels.npy (optional, int64 or int32, shape [samples] or [samples, 1])
//   holds one class label per sample.
// The data must have the input's dtype: nothing is converted, so a float64
// array for a float32 input is refused rather than silently rounded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench {

class Session;

// A model input as the session bound it.
struct InputBinding {
  std::string name;
  DType dtype = DType::kUndefined;
  Shape shape;  // dim 0 is the batch
};

// The session's inputs, in the order Session::Run takes them.
std::vector<InputBinding> InputBindings(const Session& session);

struct Dataset {
  // Per batch, one tensor per model input (in the order of the bindings),
  // each with the bound shape; ready for Session::Run.
  std::vector<std::vector<Tensor>> batches;
  // One class label per sample of `batches` (batch b holds samples
  // [b * batch, (b + 1) * batch)); empty when the dataset has none.
  std::vector<int64_t> labels;
  std::string source;           // "dataset:<folder>" or "synthetic"
  int64_t samples = 0;          // samples in `batches`
  int64_t dropped_samples = 0;  // read but left out: the last partial batch
};

// Reads `folder` into batches of the bound shapes. max_samples caps the
// samples used (0: all of them); the cap applies before batching. Errors name
// the file at fault.
Expected<Dataset> ReadDataset(const std::string& folder, const std::vector<InputBinding>& inputs,
                              int64_t max_samples);

// `batches` batches of MakeSyntheticInput data. Input i of batch b is seeded
// with seed + b * inputs.size() + i, so batch 0 is exactly what the timed
// loop runs (seed + i) and no two tensors share a seed.
Expected<Dataset> MakeSyntheticDataset(const std::vector<InputBinding>& inputs, int batches, uint64_t seed);

// The labels of batch b (empty when the dataset has none).
std::vector<int64_t> BatchLabels(const Dataset& dataset, size_t b);

}  // namespace edgebench
