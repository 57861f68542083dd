#!/usr/bin/env bash
# Builds the DocC documentation of the libraries (RNNGraphKit and the stages it re-exports,
# RNNGraphRender, RNNGraphDocs) as one combined archive in .build, and fails
# on any DocC warning (a broken symbol link, for instance).
#   scripts/docc.sh         prints the archive's path
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift package --disable-sandbox generate-documentation \
  --target RNNGraphCore --target RNNGraphNotation --target RNNGraphPaths --target RNNGraphCalculus --target RNNGraphNumerics \
  --target RNNGraphPrinters --target RNNGraphFigure --target RNNGraphKit --target RNNGraphRender --target RNNGraphDocs \
  --enable-experimental-combined-documentation >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -q -E '^(warning|error):' "$log"; then
  grep -A6 -E '^(warning|error):' "$log" >&2
  echo "docc: fix the warnings above" >&2
  exit 1
fi
sed -n 's/^ *\(\/.*\.doccarchive\)$/\1/p' "$log"
