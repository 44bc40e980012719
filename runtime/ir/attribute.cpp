#include "runtime/ir/attribute.h"

namespace edgebench {

const Attribute* Attributes::Find(const std::string& name) const {
  auto it = map_.find(name);
  return it == map_.end() ? nullptr : &it->second;
}

int64_t Attributes::GetInt(const std::string& name, int64_t fallback) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kInt ? a->i : fallback;
}

float Attributes::GetFloat(const std::string& name, float fallback) const {
  const Attribute* a = Find(name);
  if (a && a->kind == Attribute::Kind::kFloat) return a->f;
  if (a && a->kind == Attribute::Kind::kInt) return static_cast<float>(a->i);
  return fallback;
}

std::string Attributes::GetString(const std::string& name, const std::string& fallback) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kString ? a->s : fallback;
}

std::vector<int64_t> Attributes::GetInts(const std::string& name) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kInts ? a->ints : std::vector<int64_t>{};
}

std::vector<float> Attributes::GetFloats(const std::string& name) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kFloats ? a->floats : std::vector<float>{};
}

std::vector<std::string> Attributes::GetStrings(const std::string& name) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kStrings ? a->strings : std::vector<std::string>{};
}

const Tensor* Attributes::GetTensor(const std::string& name) const {
  const Attribute* a = Find(name);
  return a && a->kind == Attribute::Kind::kTensor ? &a->t : nullptr;
}

}  // namespace edgebench
