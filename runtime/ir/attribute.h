// Node attributes, decoded once from the ONNX proto.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench {

struct Attribute {
  enum class Kind { kFloat, kInt, kString, kTensor, kFloats, kInts, kStrings };
  Kind kind = Kind::kInt;
  float f = 0.0f;
  int64_t i = 0;
  std::string s;
  Tensor t;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
};

// Attribute lookup with defaults, as the ONNX operator specs state them.
class Attributes {
 public:
  void Set(const std::string& name, Attribute value) { map_[name] = std::move(value); }
  bool Has(const std::string& name) const { return map_.count(name) != 0; }
  const Attribute* Find(const std::string& name) const;

  int64_t GetInt(const std::string& name, int64_t fallback) const;
  float GetFloat(const std::string& name, float fallback) const;
  std::string GetString(const std::string& name, const std::string& fallback) const;
  // Empty when absent.
  std::vector<int64_t> GetInts(const std::string& name) const;
  std::vector<float> GetFloats(const std::string& name) const;
  std::vector<std::string> GetStrings(const std::string& name) const;
  // Null when absent or not a tensor.
  const Tensor* GetTensor(const std::string& name) const;

  const std::map<std::string, Attribute>& all() const { return map_; }

 private:
  std::map<std::string, Attribute> map_;
};

}  // namespace edgebench
