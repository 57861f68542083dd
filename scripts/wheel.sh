#!/usr/bin/env bash
# Writes dist/rnngraph-VERSION-py3-none-PLATFORM.whl: the Python package of
# python/ with the release binary (Swift runtime linked in, stripped) inside.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(scripts/build-release.sh)"
stripped="$(mktemp)"
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" "$binary"
python3 python/build_wheel.py "$stripped" "$(cat VERSION)" dist
