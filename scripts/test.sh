#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests use
# (libgraphviz-dev, pdfinfo, pdflatex, man), build and run every test, build
# the DocC documentation (failing on any warning, a broken link for instance),
# then test the installation: make install, make dist, the wheel in a fresh
# virtual environment with the Python tests and the lab notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
# Undeclared imports between the library's stages fail the build: the layering is the compiler's to keep.
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build
# Independent oracles: every bundled model against PyTorch (float64) in a test-only venv.
scripts/oracle-test.sh "$(swift build --show-bin-path)/rnngraph"
# The whole suite again under AddressSanitizer (its own build folder, .build-asan).
scripts/asan.sh
scripts/docc.sh >/dev/null
scripts/install-test.sh
