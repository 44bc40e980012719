// SHA-256 (FIPS 180-4), for model fingerprints in results.
#pragma once

#include <string>

namespace edgebench {

// Lower-case hex digest of `bytes`.
std::string Sha256Hex(const std::string& bytes);

}  // namespace edgebench
