#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what the tests use
# (libgraphviz-dev, pdfinfo, pdflatex, man, chromium), build and run every test, the
# independent PyTorch oracles, the explorer's browser tests, the tests that exercise memory again under
# AddressSanitizer, the DocC documentation (failing on any warning, a broken
# link for instance), then the installation: make install, make dist, the
# wheel in a fresh virtual environment with the Python tests and the lab
# notebook. Ends with each stage's wall time and the processor time it used
# (on a machine shared with other jobs, wall time exceeds processor time / 2).
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
# measured FILE COMMAND…: runs COMMAND in a subshell that writes to FILE the
# processor seconds COMMAND and its children used (`times`, children's line).
measured() {
  local file="$1"
  shift
  (
    status=0
    "$@" || status=$?
    times >"$file.times"  # not in a pipe, whose subshell has no children of its own
    awk 'NR == 2 { split($1 " " $2, t, /[ms ]+/); print int(t[1] * 60 + t[2] + t[3] * 60 + t[4] + 0.5) }' "$file.times" >"$file"
    exit "$status"
  )
}
report() {
  local status=$? line fields total=0
  printf '\n%-34s %7s %7s\n' stage seconds cpu >&2
  for line in "${stages[@]}"; do
    read -r -a fields <<<"$line"
    total=$((total + fields[-1]))
    printf '%-34s %7s %7s\n' "${line% * *}" "${fields[-2]}" "${fields[-1]}" >&2
  done
  printf '%-34s %7s %7s\n' "total" "$((SECONDS - start))" "$total" >&2
  rm -rf "$logs"
  exit "$status"
}
trap report EXIT
# stage NAME COMMAND…: runs COMMAND and records its wall and processor time.
stage() {
  local name="$1" began=$SECONDS status=0
  shift
  measured "$logs/cpu" "$@" || status=$?
  stages+=("$name $((SECONDS - began)) $(cat "$logs/cpu")")
  return "$status"
}
# beside NAME COMMAND…: starts COMMAND in the background, its output in a log;
# joined by `join NAME`, which shows the log and fails if COMMAND failed.
# Only stages that leave a core idle run beside another (Python, DocC's conversion).
declare -A pids began_at
beside() {
  local name="$1"
  shift
  began_at[$name]=$SECONDS
  { measured "$logs/$name.cpu" "$@" && echo "$SECONDS" >"$logs/$name.end"; } >"$logs/$name.log" 2>&1 &
  pids[$name]=$!
}
join() {
  local name="$1" status=0
  wait "${pids[$name]}" || status=$?
  local ended
  ended="$(cat "$logs/$name.end" 2>/dev/null || echo "$SECONDS")"
  stages+=("$name (beside) $((ended - ${began_at[$name]})) $(cat "$logs/$name.cpu" 2>/dev/null || echo 0)")
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
# The explorer page (--html) in the system's headless Chromium: one browser session for every page.
stage "browser tests (Chromium)" scripts/browser-test.sh "$(swift build --show-bin-path)/rnngraph"
stage "build (AddressSanitizer)" scripts/asan.sh --build-only
# The DocC build waits for .build while the AddressSanitizer tests use .build-asan.
beside "docc" scripts/docc.sh
stage "swift test (AddressSanitizer)" scripts/asan.sh --skip-build "${asan_scope[@]}"
join "docc" >/dev/null
stage "installation test" scripts/install-test.sh
