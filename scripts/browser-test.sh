#!/usr/bin/env bash
# Runs the explorer's browser tests: the --html page in the system's headless
# Chromium (chromium and chromium-driver, installed by install-deps.sh --test),
# driven by Selenium from the test-only venv. Nothing is downloaded.
#   scripts/browser-test.sh [RNNGRAPH_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/test-venv.sh)"
export RNNGRAPH="${1:-$(swift build --show-bin-path)/rnngraph}"
"$python" -m pytest -q -s Tests/Browser
