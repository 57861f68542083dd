#!/usr/bin/env bash
# Builds and runs every test under AddressSanitizer, in its own build folder
# (.build-asan), with no suppressions: any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:halt_on_error=1}"
swift build --build-tests -Xswiftc -sanitize=address --scratch-path .build-asan
swift test --skip-build --scratch-path .build-asan "$@"
