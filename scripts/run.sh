#!/usr/bin/env bash
# The main job on a fresh machine: install libgraphviz-dev if missing, build
# in release mode, and draw the CS187 lab's unrolled graph for N = 3.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
binary="$(scripts/build-release.sh)"
"$binary" --length 3 --pdf out.pdf --svg out.svg
echo "wrote $(pwd)/out.pdf and $(pwd)/out.svg"
