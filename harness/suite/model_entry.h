// The models of a suite: zoo names, .onnx paths and globs as written, and the
// files they name once resolved at plan time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

enum class ModelEntryKind { kZoo, kPath, kGlob };

// One entry of a suite's "models" list.
//   "zoo:resnet18" or "resnet18" (a known zoo name)  -> kZoo
//   "../models/kws.onnx"                              -> kPath
//   "../models/*.onnx" (with * ? or [)               -> kGlob, expanded by glob(3)
// Paths and globs must end in .onnx, so a misspelt zoo name is an error rather
// than a file that is not there.
struct ModelEntry {
  ModelEntryKind kind = ModelEntryKind::kZoo;
  std::string text;   // as written
  std::string value;  // the zoo name, or the absolute path or pattern
};

// `text` as an absolute, normalized path: itself when absolute, else relative
// to base_dir (the working directory when empty).
Expected<std::string> ResolvePath(const std::string& base_dir, const std::string& text);

// Classifies one entry; relative paths and globs resolve against base_dir
// (itself made absolute). `path` names the entry in errors.
Expected<ModelEntry> ParseModelEntry(const std::string& text, const std::string& base_dir, const std::string& path);

// Per-model settings of a suite, keyed by model name.
struct ModelOverride {
  // Full input shapes (batch dim included), as SessionOptions::input_shapes.
  std::map<std::string, std::vector<int64_t>> input_shapes;
  // Absolute path of a folder of .pb/.npy tensors (harness/inputs/dataset.h)
  // the accuracy deltas are measured on, and calibration too when there is no
  // calibration folder; empty when none.
  std::string dataset;
  // Absolute path of a folder of representative inputs for INT8 calibration
  // (kept apart from the test data); empty when none.
  std::string calibration;
};

// A model a sweep runs.
struct ModelRef {
  std::string name;   // zoo name or file stem; names results and overrides
  std::string path;   // the .onnx file
  bool zoo = false;   // written by `edgebench zoo build`, not found on disk
  std::string entry;  // the models entry it came from, as written
  ModelOverride overrides;
};

// Zoo entries become <zoo_dir>/<name>.onnx (which need not exist yet: the
// harness builds the zoo); paths must name existing files; globs must match
// at least one. A file reached twice is listed once; two different files with
// one name are an error, since results and overrides go by name.
Expected<std::vector<ModelRef>> ResolveModelEntries(const std::vector<ModelEntry>& entries, const std::string& zoo_dir);

// Whether `name` is a name an entry can give a model: its zoo name, its file
// stem, or a stem its glob could match. Lets overrides be checked for typos
// before any file is looked at.
bool ModelEntryCanName(const ModelEntry& entry, const std::string& name);

}  // namespace edgebench
