#include "harness/inputs/dataset.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

#include "harness/inputs/synthetic_input.h"
#include "runtime/io/npy.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/session/session.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

constexpr char kLabelsFile[] = "labels.npy";

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

bool IsTensorFile(const fs::path& path) { return path.extension() == ".npy" || path.extension() == ".pb"; }

Expected<Tensor> ReadTensorFile(const fs::path& path) {
  if (path.extension() == ".npy") return ReadNpyFile(path.string());
  return ReadTensorProtoFile(path.string());
}

// "[N, 3, 224, 224]": the shape of a file of N samples of `input`.
std::string FileShapeString(const InputBinding& input) {
  std::string dims = "[N";
  for (size_t d = 1; d < input.shape.size(); ++d) dims += ", " + std::to_string(input.shape[d]);
  return dims + "]";
}

// One data file of `input`: its dtype must be the input's, and its dims after
// the first the bound shape's.
Expected<Tensor> ReadInputFile(const fs::path& path, const InputBinding& input) {
  const std::string save_hint = "input '" + input.name + "' takes " + DTypeName(input.dtype) +
                                ": save the data as " + DTypeName(input.dtype) + " (nothing is converted)";
  Expected<Tensor> read = ReadTensorFile(path);
  if (!read.ok()) {
    // The readers name the file; an unsupported dtype (float64, say) also
    // needs to say what to save instead.
    if (read.status().code() != ErrorCode::kUnsupported) return read.status();
    return Status(read.status().code(), read.status().message() + "; " + save_hint);
  }
  Tensor tensor = std::move(read).value();
  if (tensor.dtype() != input.dtype) {
    return InvalidArgument(Quoted(path) + " holds " + DTypeName(tensor.dtype()) + " data; " + save_hint);
  }
  const Shape& s = tensor.shape();
  const bool fits = s.size() == input.shape.size() && std::equal(s.begin() + 1, s.end(), input.shape.begin() + 1);
  if (!fits) {
    return InvalidArgument(Quoted(path) + " has shape " + ShapeToString(s) + "; input '" + input.name +
                           "' is bound to " + ShapeToString(input.shape) + ", so a file of N samples must be " +
                           FileShapeString(input));
  }
  return tensor;
}

// The files that feed each input, in the order of `inputs`.
Expected<std::vector<std::vector<fs::path>>> AssignFiles(const fs::path& folder, const std::vector<fs::path>& files,
                                                         const std::vector<InputBinding>& inputs) {
  std::vector<std::vector<fs::path>> assigned(inputs.size());
  if (inputs.size() == 1) {
    assigned[0] = files;
    return assigned;
  }
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < inputs.size(); ++i) by_name[inputs[i].name] = i;
  for (const fs::path& file : files) {
    auto it = by_name.find(file.stem().string());
    if (it == by_name.end()) {
      std::string names;
      for (const InputBinding& input : inputs) names += (names.empty() ? "'" : ", '") + input.name + "'";
      return InvalidArgument(Quoted(file) + " is named after no input of the model (" + names +
                             "); a model with several inputs reads one file per input, '<input name>.npy' or .pb");
    }
    if (!assigned[it->second].empty()) {
      return InvalidArgument(Quoted(assigned[it->second][0]) + " and " + Quoted(file) + " both feed input '" +
                             it->first + "'; keep one");
    }
    assigned[it->second].push_back(file);
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (assigned[i].empty()) {
      const std::string stem = (folder / inputs[i].name).string();
      return NotFound("dataset " + Quoted(folder) + " has no file for input '" + inputs[i].name + "' (expected '" +
                      stem + ".npy' or '" + stem + ".pb')");
    }
  }
  return assigned;
}

Expected<std::vector<int64_t>> ReadLabels(const fs::path& path, int64_t samples) {
  EB_ASSIGN_OR_RETURN(Tensor t, ReadNpyFile(path.string()));
  if (t.dtype() != DType::kInt64 && t.dtype() != DType::kInt32) {
    return InvalidArgument(Quoted(path) + " holds " + DTypeName(t.dtype()) + " data; labels are int64 or int32");
  }
  if (!(t.rank() == 1 || (t.rank() == 2 && t.dim(1) == 1))) {
    return InvalidArgument(Quoted(path) + " has shape " + ShapeToString(t.shape()) +
                           "; labels are one per sample, [samples] or [samples, 1]");
  }
  if (t.dim(0) != samples) {
    return InvalidArgument(Quoted(path) + " has " + std::to_string(t.dim(0)) + " labels for " +
                           std::to_string(samples) + " samples; there must be one label per sample");
  }
  std::vector<int64_t> labels(static_cast<size_t>(samples));
  for (int64_t i = 0; i < samples; ++i) {
    labels[i] = t.dtype() == DType::kInt64 ? t.data<int64_t>()[i] : t.data<int32_t>()[i];
  }
  return labels;
}

// Copies samples [first, first + count) of `parts`, concatenated along dim 0, to dst.
void CopySamples(const std::vector<Tensor>& parts, int64_t first, int64_t count, size_t sample_bytes, char* dst) {
  for (const Tensor& part : parts) {
    if (count == 0) return;
    if (first >= part.dim(0)) {
      first -= part.dim(0);
      continue;
    }
    const int64_t n = std::min(count, part.dim(0) - first);
    std::memcpy(dst, static_cast<const char*>(part.raw_data()) + first * sample_bytes, n * sample_bytes);
    dst += n * sample_bytes;
    count -= n;
    first = 0;
  }
}

// The folder's tensor files but labels.npy, sorted by name; has_labels says
// whether labels.npy is there.
Expected<std::vector<fs::path>> ListTensorFiles(const fs::path& folder, bool* has_labels) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return NotFound("dataset folder " + Quoted(folder) + " does not exist");
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || !IsTensorFile(it->path())) continue;
    if (it->path().filename() == kLabelsFile) {
      *has_labels = true;
    } else {
      files.push_back(it->path());
    }
  }
  if (ec) return IoError("cannot list dataset folder " + Quoted(folder) + ": " + ec.message());
  if (files.empty()) return InvalidArgument("dataset folder " + Quoted(folder) + " has no .npy or .pb tensor files");
  std::sort(files.begin(), files.end());
  return files;
}

// The first num_batches batches of `batch` samples, one tensor per input.
Expected<std::vector<std::vector<Tensor>>> MakeBatches(const std::vector<std::vector<Tensor>>& parts,
                                                       const std::vector<InputBinding>& inputs, int64_t batch,
                                                       int64_t num_batches) {
  std::vector<std::vector<Tensor>> batches;
  for (int64_t b = 0; b < num_batches; ++b) {
    std::vector<Tensor> tensors;
    for (size_t i = 0; i < inputs.size(); ++i) {
      EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(inputs[i].dtype, inputs[i].shape));
      const size_t sample_bytes = t.num_bytes() / static_cast<size_t>(batch);
      CopySamples(parts[i], b * batch, batch, sample_bytes, static_cast<char*>(t.raw_data()));
      tensors.push_back(std::move(t));
    }
    batches.push_back(std::move(tensors));
  }
  return batches;
}

// The bound batch, which every input must share.
Expected<int64_t> CommonBatch(const std::vector<InputBinding>& inputs) {
  if (inputs.empty()) return InvalidArgument("the model has no inputs to feed a dataset to");
  for (const InputBinding& input : inputs) {
    if (input.shape.empty() || input.shape[0] < 1) {
      return InvalidArgument("input '" + input.name + "' is bound to " + ShapeToString(input.shape) +
                             ": a dataset needs a leading batch dim of at least 1");
    }
    if (input.shape[0] != inputs[0].shape[0]) {
      return InvalidArgument("inputs '" + inputs[0].name + "' and '" + input.name +
                             "' have different batch dims (" + std::to_string(inputs[0].shape[0]) + ", " +
                             std::to_string(input.shape[0]) + "); a dataset splits every input the same way");
    }
  }
  return inputs[0].shape[0];
}

}  // namespace

std::vector<InputBinding> InputBindings(const Session& session) {
  std::vector<InputBinding> inputs;
  for (int i = 0; i < session.num_inputs(); ++i) {
    inputs.push_back({session.input_name(i), session.input_info(i).dtype(), session.input_info(i).shape()});
  }
  return inputs;
}

Expected<Dataset> ReadDataset(const std::string& folder_name, const std::vector<InputBinding>& inputs,
                              int64_t max_samples) {
  const fs::path folder(folder_name);
  if (max_samples < 0) return InvalidArgument("max_samples must be 0 (all) or positive");
  EB_ASSIGN_OR_RETURN(const int64_t batch, CommonBatch(inputs));
  bool has_labels = false;
  EB_ASSIGN_OR_RETURN(const std::vector<fs::path> files, ListTensorFiles(folder, &has_labels));
  EB_ASSIGN_OR_RETURN(const auto assigned, AssignFiles(folder, files, inputs));

  // Every input's files, and the sample count they hold, which all inputs share.
  std::vector<std::vector<Tensor>> parts(inputs.size());
  int64_t total = -1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    int64_t samples = 0;
    for (const fs::path& file : assigned[i]) {
      EB_ASSIGN_OR_RETURN(Tensor t, ReadInputFile(file, inputs[i]));
      samples += t.dim(0);
      parts[i].push_back(std::move(t));
    }
    if (total >= 0 && samples != total) {
      return InvalidArgument(Quoted(assigned[i][0]) + " holds " + std::to_string(samples) + " samples, " +
                             Quoted(assigned[0][0]) + " " + std::to_string(total) +
                             "; every input needs one sample per dataset sample");
    }
    total = samples;
  }

  Dataset dataset;
  dataset.source = "dataset:" + folder.string();
  if (has_labels) {
    EB_ASSIGN_OR_RETURN(dataset.labels, ReadLabels(folder / kLabelsFile, total));
  }
  const int64_t used = max_samples > 0 ? std::min(total, max_samples) : total;
  const int64_t num_batches = used / batch;
  dataset.samples = num_batches * batch;
  dataset.dropped_samples = used - dataset.samples;
  if (num_batches == 0) {
    return InvalidArgument("dataset " + Quoted(folder) + " has " + std::to_string(used) +
                           " samples (after the cap), fewer than one batch of " + std::to_string(batch));
  }
  if (!dataset.labels.empty()) dataset.labels.resize(static_cast<size_t>(dataset.samples));

  EB_ASSIGN_OR_RETURN(dataset.batches, MakeBatches(parts, inputs, batch, num_batches));
  return dataset;
}

Expected<Dataset> MakeSyntheticDataset(const std::vector<InputBinding>& inputs, int batches, uint64_t seed) {
  if (batches < 1) return InvalidArgument("a synthetic dataset needs at least one batch");
  // No common batch is needed here: any bound shapes can be generated. The
  // sample count follows the first input's leading dim (1 for a scalar).
  const int64_t batch = !inputs.empty() && !inputs[0].shape.empty() ? inputs[0].shape[0] : 1;
  Dataset dataset;
  dataset.source = "synthetic";
  for (int b = 0; b < batches; ++b) {
    std::vector<Tensor> tensors;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const uint64_t input_seed = seed + static_cast<uint64_t>(b) * inputs.size() + i;
      EB_ASSIGN_OR_RETURN(Tensor t, MakeSyntheticInput(inputs[i].dtype, inputs[i].shape, input_seed));
      tensors.push_back(std::move(t));
    }
    dataset.batches.push_back(std::move(tensors));
  }
  dataset.samples = batches * batch;
  return dataset;
}

std::vector<int64_t> BatchLabels(const Dataset& dataset, size_t b) {
  if (dataset.labels.empty() || dataset.batches.empty()) return {};
  const size_t per_batch = dataset.labels.size() / dataset.batches.size();
  const auto first = dataset.labels.begin() + static_cast<std::ptrdiff_t>(b * per_batch);
  return std::vector<int64_t>(first, first + static_cast<std::ptrdiff_t>(per_batch));
}

}  // namespace edgebench
