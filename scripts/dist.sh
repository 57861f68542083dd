#!/usr/bin/env bash
# Writes dist/rnngraph-VERSION-OS-ARCH.tar.gz and its .sha256: a prefix tree
# (bin/, share/man, share/*completions*, share/doc/rnngraph with README.md
# and LICENSE) to unpack into /usr/local or ~/.local with --strip-components=1.
set -euo pipefail
cd "$(dirname "$0")/.."
name="rnngraph-$(cat VERSION)-$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
scripts/install.sh "$stage/$name"
install -d "$stage/$name/share/doc/rnngraph"
install -m 644 README.md LICENSE "$stage/$name/share/doc/rnngraph/"
mkdir -p dist
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$name" | gzip -9n >"dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
