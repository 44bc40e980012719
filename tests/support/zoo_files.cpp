#include "tests/support/zoo_files.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "harness/zoo/zoo.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {

std::string ZooModelFile(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::string> built;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = built.find(name);
  if (it != built.end()) return it->second;
  if (zoo::FindModel(name) == nullptr) {
    ADD_FAILURE() << "no zoo model called '" << name << "'";
    return "";
  }
  static const std::string dir = MakeTempDir("eb_zoo_files_");
  const Expected<std::vector<std::string>> paths = zoo::BuildZoo(dir, {name});
  if (!paths.ok() || paths->size() != 1) {
    ADD_FAILURE() << "building zoo model '" << name << "': "
                  << (paths.ok() ? std::string("no file written") : paths.status().ToString());
    return "";
  }
  return built[name] = paths->front();
}

}  // namespace edgebench::testing
