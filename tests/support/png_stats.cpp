#include "tests/support/png_stats.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

constexpr char kPython[] = "/usr/bin/python3";

// Prints one JSON line; any failure (no PIL, no file, not a PNG) exits 1 with
// the reason on the same stream, so the caller reads one file either way.
constexpr char kScript[] = R"PY(
import json, sys
try:
    from PIL import Image
    img = Image.open(sys.argv[1])
    if img.format != "PNG":
        raise ValueError("not a PNG image (format %s)" % img.format)
    rgba = img.convert("RGBA")
    w, h = rgba.size
    colors = rgba.getcolors(maxcolors=w * h)
    top = max(count for count, _ in colors)
    print(json.dumps({"width": w, "height": h, "distinct_colors": len(colors),
                      "non_background_fraction": 1.0 - top / float(w * h)}))
except Exception as e:
    print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))
    sys.exit(1)
)PY";

}  // namespace

Expected<PngStats> ReadPngStats(const std::string& path) {
  const std::string work = MakeTempDir("eb_png_stats_");
  const std::string script = work + "/png_stats.py";
  const std::string out = work + "/out.json";
  WriteFile(script, kScript);
  const std::string cmd = std::string(kPython) + " '" + script + "' '" + path + "' >'" + out + "' 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream printed;
  printed << in.rdbuf();
  std::remove(script.c_str());
  std::remove(out.c_str());
  std::remove(work.c_str());

  const nlohmann::json line = nlohmann::json::parse(printed.str(), nullptr, /*allow_exceptions=*/false);
  if (!line.is_object()) {
    return IoError(path + ": python3-pil printed no statistics (exit status " + std::to_string(status) +
                   "): " + printed.str());
  }
  if (line.contains("error") || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return InvalidArgument(path + ": " + line.value("error", std::string("python3-pil failed")));
  }
  PngStats stats;
  stats.width = line.value("width", 0);
  stats.height = line.value("height", 0);
  stats.distinct_colors = line.value("distinct_colors", 0);
  stats.non_background_fraction = line.value("non_background_fraction", 0.0);
  return stats;
}

}  // namespace edgebench::testing
