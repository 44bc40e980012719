#!/usr/bin/env bash
# Installs edgebench's build, test and fixture dependencies from Debian 12
# packages. Idempotent: prints nothing and touches nothing when all are present.
set -euo pipefail

packages=(
  build-essential cmake make ccache pkg-config
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  libeigen3-dev libhwloc-dev libpfm4-dev nlohmann-json3-dev libcli11-dev
  libgnuplot-iostream-dev libboost-iostreams-dev gnuplot-nox fonts-dejavu-core
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-torch python3-torchvision python3-onnx python3-sklearn python3-numpy
  python3-jsonschema python3-pil
  chromium  # the report test opens report.html in headless Chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
