#!/usr/bin/env bash
# Creates (once) and prints the path of the Python used by the test-only
# oracles: PyTorch (CPU), NumPy, pytest, ruff, and a Jupyter kernel (ipykernel,
# nbclient, nbformat) for notebook tests. The virtual environment lives
# outside the repository, in ${RNNGRAPH_TEST_VENV:-~/.cache/rnngraph/test-venv},
# and is reused while its stamp matches the requirements below.
#   scripts/test-venv.sh        prints …/bin/python, creating the venv if needed
set -euo pipefail
venv="${RNNGRAPH_TEST_VENV:-$HOME/.cache/rnngraph/test-venv}"
requirements="numpy pytest ipykernel nbclient nbformat"
# PyPI's default torch wheel pulls GPU libraries; a CPU wheel shipped on the machine is preferred.
torch_wheel="$(ls /opt/wheels/torch-*+cpu-*.whl 2>/dev/null | head -n 1 || true)"
stamp="$requirements|${torch_wheel:-torch}|v1"
# Linters for generated code, added to an existing venv without rebuilding it.
linters="ruff"
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.rnngraph-stamp" 2>/dev/null)" = "$stamp" ]; then
  "$venv/bin/python" -m ruff --version >/dev/null 2>&1 \
    || "$venv/bin/python" -m pip install -q --disable-pip-version-check $linters >&2
  echo "$venv/bin/python"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "rnngraph: installing python3-venv for the test oracles" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check $requirements >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check "${torch_wheel:-torch}" >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check $linters >&2
echo "$stamp" >"$venv/.rnngraph-stamp"
echo "$venv/bin/python"
