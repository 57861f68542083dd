#!/usr/bin/env bash
# Builds the release binary with the Swift runtime linked in statically and
# its symbols stripped by the linker, and prints its path. Every caller runs
# the same command, so a second call (make install after scripts/run.sh)
# builds nothing. Fails when the binary still needs a library of the Swift
# toolchain or looks for libraries inside it, so it runs on machines without
# Swift (it needs only the C libraries and Graphviz's).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib -Xlinker --strip-all --product rnngraph >&2
binary="$(swift build -c release --show-bin-path)/rnngraph"
toolchain="$(dirname "$(dirname "$(command -v swift)")")"
if command -v ldd >/dev/null 2>&1; then
  if ldd "$binary" | grep -E "libswift|libFoundation|libdispatch|libBlocksRuntime|$toolchain" >&2; then
    echo "build-release: $binary needs the Swift toolchain's libraries (above)" >&2
    exit 1
  fi
  if readelf -d "$binary" | grep -E "R(UN)?PATH" | grep -F "$toolchain" >&2; then
    echo "build-release: $binary looks for libraries in $toolchain" >&2
    exit 1
  fi
fi
echo "$binary"
