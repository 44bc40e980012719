// Zoo models as files for tests that need a path (CLI runs, suites). The
// zoo is built, never read from the source tree: a clean checkout has no
// zoo/ folder (it is git-ignored, written by `edgebench zoo build`).
#pragma once

#include <string>

namespace edgebench::testing {

// DIR/<name>.onnx, built once per test process into a temporary folder.
// Fails the calling test (and returns "") when the name is unknown or the
// build fails.
std::string ZooModelFile(const std::string& name);

}  // namespace edgebench::testing
