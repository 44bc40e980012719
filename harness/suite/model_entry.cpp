#include "harness/suite/model_entry.h"

#include <fnmatch.h>
#include <glob.h>

#include <filesystem>

#include "harness/suite/json_object.h"
#include "harness/zoo/zoo.h"

namespace edgebench {

namespace {

namespace fs = std::filesystem;

constexpr char kZooPrefix[] = "zoo:";
constexpr char kOnnxSuffix[] = ".onnx";

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string ZooNames() {
  std::string names;
  for (const zoo::ZooModel& model : zoo::Models()) names += (names.empty() ? "" : ", ") + std::string(model.name);
  return names;
}

// The files glob(3) matches, regular files only, in glob's sorted order.
Expected<std::vector<std::string>> GlobFiles(const ModelEntry& entry, const std::string& path) {
  glob_t matches{};
  const int rc = glob(entry.value.c_str(), 0, nullptr, &matches);
  std::vector<std::string> files;
  for (size_t i = 0; rc == 0 && i < matches.gl_pathc; ++i) {
    std::error_code ec;
    if (fs::is_regular_file(matches.gl_pathv[i], ec)) files.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  if (rc != 0 && rc != GLOB_NOMATCH)
    return FieldError(path, "'" + entry.text + "': glob(3) failed (" + std::to_string(rc) + ")");
  if (files.empty()) return FieldError(path, "'" + entry.text + "' matches no file (looked for " + entry.value + ")");
  return files;
}

}  // namespace

Expected<std::string> ResolvePath(const std::string& base_dir, const std::string& text) {
  std::error_code ec;
  const fs::path base = fs::absolute(base_dir.empty() ? fs::path(".") : fs::path(base_dir), ec);
  if (ec) return IoError("cannot make '" + base_dir + "' absolute: " + ec.message());
  return (base / text).lexically_normal().string();
}

Expected<ModelEntry> ParseModelEntry(const std::string& text, const std::string& base_dir, const std::string& path) {
  ModelEntry entry;
  entry.text = text;
  if (text.rfind(kZooPrefix, 0) == 0) {
    entry.value = text.substr(sizeof(kZooPrefix) - 1);
    if (zoo::FindModel(entry.value) == nullptr) {
      return FieldError(path, "'" + text + "' is not a zoo model (zoo models: " + ZooNames() + ")");
    }
    return entry;
  }
  if (zoo::FindModel(text) != nullptr) {
    entry.value = text;
    return entry;
  }
  if (!EndsWith(text, kOnnxSuffix)) {
    return FieldError(path,
                      "'" + text + "' is neither a zoo model (" + ZooNames() + ") nor a path or glob ending in .onnx");
  }
  entry.kind = text.find_first_of("*?[") == std::string::npos ? ModelEntryKind::kPath : ModelEntryKind::kGlob;
  EB_ASSIGN_OR_RETURN(entry.value, ResolvePath(base_dir, text));
  return entry;
}

Expected<std::vector<ModelRef>> ResolveModelEntries(const std::vector<ModelEntry>& entries,
                                                    const std::string& zoo_dir) {
  std::vector<ModelRef> refs;
  for (size_t i = 0; i < entries.size(); ++i) {
    const ModelEntry& entry = entries[i];
    const std::string path = JsonPathIndex("models", i);
    std::vector<std::string> files;
    switch (entry.kind) {
      case ModelEntryKind::kZoo: {
        EB_ASSIGN_OR_RETURN(std::string file, ResolvePath(zoo_dir, entry.value + kOnnxSuffix));
        files.push_back(std::move(file));
        break;
      }
      case ModelEntryKind::kPath: {
        std::error_code ec;
        if (!fs::is_regular_file(entry.value, ec)) {
          return FieldError(path, "'" + entry.text + "' is not a file (looked for " + entry.value + ")");
        }
        files.push_back(entry.value);
        break;
      }
      case ModelEntryKind::kGlob: {
        EB_ASSIGN_OR_RETURN(files, GlobFiles(entry, path));
        break;
      }
    }
    for (const std::string& file : files) {
      const std::string name = entry.kind == ModelEntryKind::kZoo ? entry.value : fs::path(file).stem().string();
      bool listed = false;
      for (const ModelRef& ref : refs) {
        if (ref.name != name) continue;
        if (ref.path != file) {
          return FieldError(path, "'" + entry.text + "' gives a second model named '" + name + "' (" + file + ", and " +
                                      ref.path + " from '" + ref.entry + "'); results and overrides go by model name");
        }
        listed = true;
      }
      if (listed) continue;
      ModelRef ref;
      ref.name = name;
      ref.path = file;
      ref.zoo = entry.kind == ModelEntryKind::kZoo;
      ref.entry = entry.text;
      refs.push_back(std::move(ref));
    }
  }
  return refs;
}

bool ModelEntryCanName(const ModelEntry& entry, const std::string& name) {
  switch (entry.kind) {
    case ModelEntryKind::kZoo:
      return entry.value == name;
    case ModelEntryKind::kPath:
      return fs::path(entry.value).stem().string() == name;
    case ModelEntryKind::kGlob: {
      const std::string pattern = fs::path(entry.value).filename().string();
      return fnmatch(pattern.c_str(), (name + kOnnxSuffix).c_str(), 0) == 0;
    }
  }
  return false;
}

}  // namespace edgebench
