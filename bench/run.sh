#!/usr/bin/env bash
# make bench: release build, baselines (SymPy in bench/.venv, Graphviz's dot),
# then bench/bench.py times everything and writes BENCHMARKS.md.
#   BENCH_QUICK=1        at most 3 timed runs per measurement
#   BENCH_SYMPY_80=0     leave out SymPy at N = 80 (about 2 minutes)
#   BENCH_SYMPY_CAP=S    time cap per SymPy run (default 400 s)
#   BENCH_RENDER_CAP=S   time cap per rendering run (default 120 s)
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
command -v dot >/dev/null || need_apt+=(graphviz)
pkg-config --exists libgvc 2>/dev/null || need_apt+=(libgraphviz-dev)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "bench: installing ${need_apt[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${need_apt[@]}"
fi

echo "bench: release build (the Swift runtime linked in, as installed)"
scripts/build-release.sh >/dev/null

if [ ! -x bench/.venv/bin/python ]; then
    echo "bench: creating bench/.venv with SymPy"
    python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c 'import sympy' 2>/dev/null || bench/.venv/bin/pip install -q sympy

exec bench/.venv/bin/python bench/bench.py "$@"
