#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests use
# (libgraphviz-dev, pdfinfo, pdflatex), then build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build
