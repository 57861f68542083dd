#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests use
# (libgraphviz-dev, pdfinfo, pdflatex, man), build and run every test, the
# independent PyTorch oracles, the tests that exercise memory again under
# AddressSanitizer, the DocC documentation (failing on any warning, a broken
# link for instance), then the installation: make install, make dist, the
# wheel in a fresh virtual environment with the Python tests and the lab
# notebook. Ends with each stage's wall time.
#   scripts/test.sh          the test command (CI runs it)
#   scripts/test.sh --all    the same with every test under AddressSanitizer (make test-all, for a release)
set -euo pipefail
cd "$(dirname "$0")/.."
asan_scope=()
case "${1:-}" in
  "") ;;
  --all) asan_scope=(--all) ;;
  *) echo "test: unknown option $1; use --all or nothing" >&2; exit 2 ;;
esac

logs="$(mktemp -d)"
start=$SECONDS
stages=()
report() {
  local status=$?
  printf '\n%-34s %7s\n' stage seconds >&2
  local line
  for line in "${stages[@]}"; do printf '%-34s %7s\n' "${line% *}" "${line##* }" >&2; done
  printf '%-34s %7s\n' "total (wall)" "$((SECONDS - start))" >&2
  rm -rf "$logs"
  exit "$status"
}
trap report EXIT
# stage NAME COMMAND…: runs COMMAND and records its wall time.
stage() {
  local name="$1" began=$SECONDS
  shift
  "$@"
  stages+=("$name $((SECONDS - began))")
}
# beside NAME COMMAND…: starts COMMAND in the background, its output in a log;
# joined by `join NAME`, which shows the log and fails if COMMAND failed.
# Only stages that leave a core idle run beside another (Python, DocC's conversion).
declare -A pids began_at
beside() {
  local name="$1"
  shift
  began_at[$name]=$SECONDS
  "$@" >"$logs/$name.log" 2>&1 &
  pids[$name]=$!
}
join() {
  local name="$1" status=0
  wait "${pids[$name]}" || status=$?
  stages+=("$name (beside) $((SECONDS - ${began_at[$name]}))")
  if [ "$status" -ne 0 ]; then
    cat "$logs/$name.log" >&2
    echo "test: $name failed (exit $status)" >&2
    exit "$status"
  fi
  cat "$logs/$name.log"
}

stage "dependencies" scripts/install-deps.sh --test
stage "python test venv" scripts/test-venv.sh >/dev/null
# Undeclared imports between the library's stages fail the build: the layering is the compiler's to keep.
stage "build (debug, tests)" swift build --build-tests --explicit-target-dependency-import-check error
# Independent oracles: every bundled model against PyTorch (float64) in a test-only venv, beside the suite.
beside "oracles (PyTorch)" scripts/oracle-test.sh "$(swift build --show-bin-path)/rnngraph"
stage "swift test" swift test --skip-build
join "oracles (PyTorch)"
stage "build (AddressSanitizer)" scripts/asan.sh --build-only
# The DocC build waits for .build while the AddressSanitizer tests use .build-asan.
beside "docc" scripts/docc.sh
stage "swift test (AddressSanitizer)" scripts/asan.sh --skip-build "${asan_scope[@]}"
join "docc" >/dev/null
stage "installation test" scripts/install-test.sh
