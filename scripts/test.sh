#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests use
# (libgraphviz-dev, pdfinfo, pdflatex), then build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build
# Independent oracles: every bundled model against PyTorch (float64) in a test-only venv.
scripts/oracle-test.sh "$(swift build --show-bin-path)/rnngraph"
