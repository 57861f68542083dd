#!/usr/bin/env bash
# Writes dist/rnngraph-VERSION-py3-none-PLATFORM.whl: the Python package of
# python/ with the release binary (Swift runtime linked in, stripped) inside.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(scripts/build-release.sh)"
python3 python/build_wheel.py "$binary" "$(cat VERSION)" dist
