#!/usr/bin/env bash
# Creates (once) and prints the path of the Python of a virtual environment
# kept outside the repository and reused while its stamp matches:
#   scripts/cached-venv.sh VENV PURPOSE STAMP PIP-ARGUMENT…
# makes VENV (for PURPOSE, as a message names it) with `pip install` of the
# arguments unless VENV's stamp already reads STAMP.
set -euo pipefail
venv="$1" purpose="$2" stamp="$3"
shift 3
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.rnngraph-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$venv/bin/python"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "rnngraph: installing python3-venv $purpose" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2
echo "$stamp" >"$venv/.rnngraph-stamp"
echo "$venv/bin/python"
