#!/usr/bin/env bash
# Installs rnngraph under a prefix: the release binary (Swift runtime linked
# in, stripped), its man page and its bash, zsh and fish completions; first
# libgraphviz-dev, if it is missing (scripts/install-deps.sh).
#   scripts/install.sh [PREFIX]        default /usr/local; DESTDIR is honoured for staging
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
root="${DESTDIR:-}$prefix"
scripts/install-deps.sh
binary="$(scripts/build-release.sh)"
version="$(cat VERSION)"

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/rnngraph"
scripts/man-page.py "$binary" "$version" >"$root/share/man/man1/rnngraph.1"
"$binary" --generate-completion-script bash >"$root/share/bash-completion/completions/rnngraph"
"$binary" --generate-completion-script zsh >"$root/share/zsh/site-functions/_rnngraph"
"$binary" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/rnngraph.fish"
chmod 644 "$root/share/man/man1/rnngraph.1" "$root/share/bash-completion/completions/rnngraph" \
  "$root/share/zsh/site-functions/_rnngraph" "$root/share/fish/vendor_completions.d/rnngraph.fish"
echo "installed rnngraph $version in $root" >&2
