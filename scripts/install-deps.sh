#!/usr/bin/env bash
# Installs what rnngraph needs from Debian packages, only when it is missing.
#   scripts/install-deps.sh          libgraphviz-dev (build and run)
#   scripts/install-deps.sh --test   also pdfinfo, pdflatex, beamer, man, DejaVu Sans, debootstrap, chromium and
#                                    chromium-driver (the test suite)
set -euo pipefail

packages=()
if ! command -v pkg-config >/dev/null 2>&1; then packages+=(pkg-config); fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libgvc; then packages+=(libgraphviz-dev); fi
if [ "${1:-}" = "--test" ]; then
  command -v pdfinfo >/dev/null 2>&1 || packages+=(poppler-utils)
  command -v pdflatex >/dev/null 2>&1 || packages+=(texlive-latex-base texlive-latex-recommended)
  kpsewhich beamer.cls >/dev/null 2>&1 || packages+=(texlive-latex-recommended)
  # beamer loads pgf, which Debian ships in texlive-pictures.
  kpsewhich pgfmath.sty >/dev/null 2>&1 || packages+=(texlive-pictures)
  # The installation test reads the man page through man.
  command -v man >/dev/null 2>&1 || packages+=(man-db)
  # The wheel ships DejaVu Sans; its test installs it in a minimal Debian root made by debootstrap.
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
  command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
  # The explorer's browser tests drive the system Chromium through its WebDriver.
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "rnngraph: cannot install ${packages[*]}: apt-get not found; install Graphviz's development files (libgvc) with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "rnngraph: cannot install ${packages[*]}: not root and no sudo; run: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi
echo "rnngraph: installing ${packages[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
