#!/usr/bin/env bash
# Writes dist/rnngraph-VERSION-py3-none-PLATFORM.whl and prints its path: the
# Python package of python/ with the release executable, Graphviz's plugins
# and a fallback font inside, built by python/pyproject.toml's backend (hatchling), then
# made self-contained by auditwheel (Linux: the shared libraries the
# executable and the plugins need are copied into rnngraph.libs/ and the wheel
# is tagged manylinux_…) or delocate (macOS, not tested here). The executable
# finds the plugins beside itself, so the wheel needs no Graphviz installed.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(scripts/build-release.sh)"
python="$(scripts/wheel-venv.sh)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The same inputs give the same bytes: every zip entry dated 1980-01-01 (hatchling and auditwheel read this).
export SOURCE_DATE_EPOCH=315532800

# lib/rnngraph, where the executable looks beside itself: the plugins the tool
# uses (SVG and DOT, the dot and neato layouts, cairo's PDF and PNG with
# pango's text) from the folder beside the libgvc it links, their configuration
# written by Graphviz itself for these alone, and DejaVu Sans with a font
# configuration, so PDF and PNG labels are drawn where no font is installed.
case "$(uname -s)" in
  Darwin) libgvc="$(otool -L "$binary" | awk '/libgvc/ { print $1; exit }')"; suffix=6.dylib ;;
  *) libgvc="$(ldd "$binary" | awk '/libgvc/ { print $3; exit }')"; suffix=so.6 ;;
esac
[ -n "$libgvc" ] || { echo "wheel: $binary does not link libgvc" >&2; exit 1; }
installed="$(dirname "$(realpath "$libgvc")")/graphviz"
mkdir -p "$tmp/lib/graphviz" "$tmp/lib/fonts"
for plugin in core dot_layout neato_layout pango; do
  cp -L "$installed/libgvplugin_$plugin.$suffix" "$tmp/lib/graphviz/"
done
if command -v dot >/dev/null 2>&1; then configure=(dot -c); else configure=(/usr/sbin/libgvc6-config-update -c); fi
GVBINDIR="$tmp/lib/graphviz" "${configure[@]}"
compgen -G "$tmp/lib/graphviz/config*" >/dev/null || { echo "wheel: Graphviz wrote no plugin configuration" >&2; exit 1; }
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -f "$font" ] || font="$(fc-match -f '%{file}' 'DejaVu Sans:style=Book' 2>/dev/null || true)"
[ "$(basename "$font")" = DejaVuSans.ttf ] ||
  { echo "wheel: DejaVu Sans not found; install it (Debian: apt-get install fonts-dejavu-core)" >&2; exit 1; }
cp "$font" python/fonts/fonts.conf python/fonts/DejaVuSans-LICENSE "$tmp/lib/fonts/"

RNNGRAPH_WHEEL_BINARY="$binary" RNNGRAPH_WHEEL_LIB="$tmp/lib" \
  "$python" -m pip wheel -q --disable-pip-version-check --no-build-isolation --no-deps -w "$tmp/built" ./python >&2
version="$(cat VERSION)"
mkdir -p dist
rm -f dist/rnngraph-"$version"-*.whl
case "$(uname -s)" in
  Darwin) "$(dirname "$python")/delocate-wheel" -w dist "$tmp"/built/rnngraph-*.whl >&2 ;;
  *) PATH="$(dirname "$python"):$PATH" "$python" scripts/wheel-repair.py "$tmp"/built/rnngraph-*.whl dist >&2 ;;
esac
ls dist/rnngraph-"$version"-*.whl
