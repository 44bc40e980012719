#include "devices/profiles/profile_loader.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "devices/profiles/profile_json.h"
#include "profilers/thermal/sysfs_file.h"

namespace edgebench {

namespace {

namespace fs = std::filesystem;

std::string ProfilePath(const std::string& dir, const std::string& id) { return (fs::path(dir) / (id + ".json")).string(); }

}  // namespace

Expected<DeviceProfile> LoadDeviceProfile(const std::string& path) {
  // A bounded whole-file read (profiles are a few KB; it refuses over 1 MB).
  Expected<std::string> text = ReadSysfsText(path);
  if (!text.ok()) return Status(text.status().code(), "cannot read device profile: " + text.status().message());
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(path + ": not valid JSON: " + e.what());
  }
  EB_ASSIGN_OR_RETURN(DeviceProfile profile, ParseDeviceProfile(document, path));
  const std::string stem = fs::path(path).stem().string();
  if (profile.id != stem) {
    return InvalidArgument(path + ": id: '" + profile.id + "' does not match the file name; name the file " +
                           profile.id + ".json or set id to '" + stem + "'");
  }
  return profile;
}

std::vector<std::string> ListDeviceProfileIds(const std::string& dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) ids.push_back(it->path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Expected<std::vector<DeviceProfile>> LoadDeviceProfiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound("no device profile folder " + dir);
  const std::vector<std::string> ids = ListDeviceProfileIds(dir);
  if (ids.empty()) return NotFound("no device profiles (*.json) in " + dir);
  std::vector<DeviceProfile> profiles;
  for (const std::string& id : ids) {
    EB_ASSIGN_OR_RETURN(DeviceProfile profile, LoadDeviceProfile(ProfilePath(dir, id)));
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

Expected<DeviceProfile> FindDeviceProfile(const std::string& dir, const std::string& id) {
  const std::vector<std::string> ids = ListDeviceProfileIds(dir);
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    std::string known;
    for (const std::string& name : ids) known += (known.empty() ? "" : ", ") + name;
    return NotFound("unknown device '" + id + "'; known: " + (known.empty() ? "none (no profiles in " + dir + ")" : known));
  }
  return LoadDeviceProfile(ProfilePath(dir, id));
}

}  // namespace edgebench
