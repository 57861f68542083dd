#!/usr/bin/env bash
# Installs the wheel where Graphviz is absent and runs the Python tests there.
# The root filesystem is a minimal Debian of this machine's release with only
# Python added (debootstrap --variant=minbase, cached as a tarball in
# ${RNNGRAPH_CACHE:-~/.cache/rnngraph}): no Graphviz, cairo, pango, glib or X11.
# In a private mount namespace the repository and the test tools (NumPy,
# PyTorch, pytest, Jupyter from the test venv, through a .pth file) are mounted
# read-only into it; then, chrooted, a fresh venv installs the wheel, draws a
# PDF through the package, and runs python/tests (the notebook included). The
# PDF is read back with pdfinfo and pdftotext outside the root, and ldd must
# find every library of the installed executable and plugins inside the wheel.
#   scripts/wheel-isolated-test.sh [WHEEL]      (default: make wheel's)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
start=$SECONDS
fail() { echo "wheel-isolated-test: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (chroot and mounts)"

wheel="${1:-$(make -s wheel | tail -n 1)}"
[ -f "$wheel" ] || fail "no wheel at $wheel"
test_python="$(scripts/test-venv.sh)"
tools="$("$test_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
tools_python="$("$test_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

. /etc/os-release
release="${VERSION_CODENAME:?this machine names no Debian release}"
cache="${RNNGRAPH_CACHE:-$HOME/.cache/rnngraph}"
tarball="$cache/root-$release-minbase-python.tar.gz"
if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  building="$(mktemp -d)"
  echo "wheel-isolated-test: making a minimal $release root (once, cached in $tarball)" >&2
  debootstrap --variant=minbase --include=python3,python3-venv "$release" "$building/root" >"$building/log" 2>&1 ||
    { tail -n 20 "$building/log" >&2; fail "debootstrap failed"; }
  rm -rf "$building"/root/var/cache/apt/archives/*.deb "$building"/root/var/lib/apt/lists/*
  mkdir -p "$cache"
  tar -czf "$tarball.part" -C "$building/root" . && mv "$tarball.part" "$tarball"
  rm -rf "$building"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
mkdir "$root"
tar -xzf "$tarball" -C "$root"
for library in libgvc.so.6 libcairo.so.2 libpango-1.0.so.0 libglib-2.0.so.0 libX11.so.6; do
  ! compgen -G "$root/usr/lib/*/$library" >/dev/null && ! compgen -G "$root/lib/*/$library" >/dev/null ||
    fail "the root has $library"
done
mkdir -p "$root/src" "$root/tools" "$root/wheel" "$root/work"
cp "$wheel" "$root/wheel/"

# Inside the root: a fresh venv, the wheel, the tools' .pth, a PDF, ldd, the Python tests.
cat >"$root/run-test.sh" <<'INSIDE'
set -euo pipefail
export HOME=/work PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
root_python="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
[ "$root_python" = "$1" ] || { echo "the test tools are built for Python $1, the root has Python $root_python"; exit 1; }
python3 -m venv /work/venv
/work/venv/bin/pip install -q --no-index --no-deps --disable-pip-version-check /wheel/*.whl
site="$(/work/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo /tools >"$site/test-tools.pth"
cd /work
/work/venv/bin/python -c "import rnngraph; rnngraph.draw(length=3).save('x.pdf')"
for elf in "$site"/rnngraph/bin/rnngraph "$site"/rnngraph/lib/rnngraph/graphviz/*.so*; do
  ldd "$elf" >/work/ldd.txt 2>&1 || { cat /work/ldd.txt; echo "ldd failed on $elf"; exit 1; }
  # Only the C and C++ runtimes, zlib and expat (which manylinux assumes) may come from the system.
  if grep -v -E "=> $site/|lib(c|m|dl|rt|pthread|stdc\+\+|gcc_s|z|expat)\.so|ld-linux|linux-vdso" /work/ldd.txt; then
    echo "$elf needs a library from outside the wheel (above)"; exit 1
  fi
done
env -u RNNGRAPH_BINARY /work/venv/bin/python -m pytest -q -p no:cacheprovider /src/python/tests
INSIDE

unshare --mount --fork bash -euo pipefail -c '
  root="$1"; repo="$2"; tools="$3"
  mount --make-rprivate /
  mount --bind -o ro "$repo" "$root/src"
  mount --bind -o ro "$tools" "$root/tools"
  mount -t proc proc "$root/proc"
  mount -t tmpfs tmpfs "$root/dev/shm"
  chroot "$root" /bin/bash /run-test.sh "$4"
' _ "$root" "$repo" "$tools" "$tools_python" || fail "the wheel failed inside the root without Graphviz (above)"

pdf="$root/work/x.pdf"
[ -s "$pdf" ] || fail "no PDF written"
pdfinfo "$pdf" >/dev/null || fail "x.pdf is not a PDF pdfinfo reads"
text="$(pdftotext "$pdf" - | tr -s '[:space:]' ' ')"
for label in x1 h1 o1 L U V W; do  # labels the figure shows, as text a reader finds
  grep -qw "$label" <<<"$text" || fail "x.pdf shows no '$label' (pdftotext read: ${text:0:200})"
done
echo "wheel-isolated-test: passed in $((SECONDS - start)) s" >&2
