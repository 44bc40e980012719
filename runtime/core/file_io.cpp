#include "runtime/core/file_io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace edgebench {

namespace fs = std::filesystem;

Expected<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFound("'" + path + "' does not exist");
  if (fs::is_directory(path, ec)) return InvalidArgument("'" + path + "' is a directory, not a file");
  const auto size = fs::file_size(path, ec);
  if (ec) return IoError("cannot stat '" + path + "': " + ec.message());
  if (size > max_bytes) {
    return ResourceExhausted("'" + path + "' is " + std::to_string(size) + " bytes, over the limit of " +
                             std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open '" + path + "': " + std::strerror(errno));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) return IoError("reading '" + path + "' failed");
  return bytes;
}

Status WriteFileBytes(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot create '" + tmp + "': " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return IoError("writing '" + tmp + "' failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return IoError("renaming '" + tmp + "' to '" + path + "' failed: " + ec.message());
  return Status::Ok();
}

}  // namespace edgebench
