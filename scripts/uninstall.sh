#!/usr/bin/env bash
# Removes what scripts/install.sh installed under a prefix.
#   scripts/uninstall.sh [PREFIX]      default /usr/local; DESTDIR is honoured
set -euo pipefail
root="${DESTDIR:-}${1:-/usr/local}"
rm -f "$root/bin/rnngraph" "$root/share/man/man1/rnngraph.1" \
  "$root/share/bash-completion/completions/rnngraph" "$root/share/zsh/site-functions/_rnngraph" \
  "$root/share/fish/vendor_completions.d/rnngraph.fish"
echo "removed rnngraph from $root" >&2
