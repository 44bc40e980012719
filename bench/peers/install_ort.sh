#!/bin/sh
# Installs ONNX Runtime's CPU build for Node.js (npm: onnxruntime-node) into
# bench/peers/node_modules, the yardstick for compare_ort.py. Never a product
# dependency: nothing in the build links it. --ignore-scripts skips the
# package's install script (it fetches GPU libraries); the CPU library ships
# inside the package. Idempotent: does nothing when the package is present.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${ORT_VERSION:-}
if [ -f "$here/node_modules/onnxruntime-node/package.json" ]; then
  installed=$(node -p "require('$here/node_modules/onnxruntime-node/package.json').version")
  if [ -z "$version" ] || [ "$version" = "$installed" ]; then
    echo "onnxruntime-node $installed already in $here/node_modules"
    exit 0
  fi
fi
cd "$here"
npm install --ignore-scripts --no-save --no-audit --no-fund --prefix "$here" "onnxruntime-node${version:+@$version}"
node -p "'installed onnxruntime-node ' + require('$here/node_modules/onnxruntime-node/package.json').version"
