#!/usr/bin/env bash
# Creates (once) and prints the path of the Python used by the test-only
# oracles: PyTorch (CPU), NumPy, pytest, ruff, and a Jupyter kernel (ipykernel,
# nbclient, nbformat) for notebook tests, and Selenium for the browser tests
# (which drive the system's chromium and chromedriver). The virtual environment lives
# outside the repository, in ${RNNGRAPH_TEST_VENV:-~/.cache/rnngraph/test-venv},
# and is reused while its stamp matches the requirements below.
#   scripts/test-venv.sh        prints …/bin/python, creating the venv if needed
set -euo pipefail
venv="${RNNGRAPH_TEST_VENV:-$HOME/.cache/rnngraph/test-venv}"
requirements="numpy pytest ipykernel nbclient nbformat"
# PyPI's default torch wheel pulls GPU libraries; a CPU wheel shipped on the machine is preferred.
torch_wheel="$(ls /opt/wheels/torch-*+cpu-*.whl 2>/dev/null | head -n 1 || true)"
stamp="$requirements|${torch_wheel:-torch}|v1"
python="$("$(dirname "$0")/cached-venv.sh" "$venv" "for the test oracles" "$stamp" $requirements "${torch_wheel:-torch}")"
# Added to the venv when missing, without remaking it.
for module in selenium ruff; do
  "$python" -c "import $module" >/dev/null 2>&1 || "$python" -m pip install -q --disable-pip-version-check "$module" >&2
done
echo "$python"
