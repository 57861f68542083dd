#!/usr/bin/env bash
# Runs the independent-oracle tests: every bundled model and models written
# in the tests, against PyTorch (float64) in the test-only venv.
#   scripts/oracle-test.sh [RNNGRAPH_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/test-venv.sh)"
export RNNGRAPH="${1:-$(swift build --show-bin-path)/rnngraph}"
"$python" -m pytest -q Tests/Oracle
