#!/usr/bin/env bash
# Tests what a user installs, from outside the source tree:
#   make install into a staging prefix; the binary runs with an empty
#   environment; the man page reads intact through man; completions are in
#   their places and complete options and subcommands; make uninstall
#   removes it all; make dist's archive verifies and runs; make wheel
#   installs into a fresh virtual environment, where the Python tests and
#   the lab notebook (in a real Jupyter kernel) run, here and in a minimal
#   Debian root without Graphviz (scripts/wheel-isolated-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
start=$SECONDS
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install-test: $*" >&2; exit 1; }
mkdir "$tmp/elsewhere"

make -s install PREFIX="$tmp/stage"
stage="$tmp/stage"
(cd "$tmp/elsewhere" && env -i "$stage/bin/rnngraph" --length 3 --svg -) >"$tmp/out.svg"
grep -q '</svg>' "$tmp/out.svg" || fail "the installed binary wrote no SVG with an empty environment"
[ "$(env -i "$stage/bin/rnngraph" --version)" = "$(cat VERSION)" ] || fail "--version is not $(cat VERSION)"

page="$(LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$stage/share/man/man1/rnngraph.1" 2>&1 | col -b)"
grep -q 'Sequence length N (1…1000000)\.' <<<"$page" || fail "man page: '1…1000000' is not intact"
grep -q -- '--values file' <<<"$page" || fail "man page: options are not shown with plain hyphens"
grep -q 'rnngraph compute --values lab.json writes what rnngraph --values lab.json writes' <<<"$page" ||
  fail "man page: the subcommands are not shown with their flat form"

bash_completion="$stage/share/bash-completion/completions/rnngraph"
grep -qF -- "--svg[Write the graph as SVG" "$stage/share/zsh/site-functions/_rnngraph" &&
  grep -qF "_files -g '\''*.svg'\''" "$stage/share/zsh/site-functions/_rnngraph" || fail "zsh: no file completion for --svg"
grep -qF -- "-l 'svg'" "$stage/share/fish/vendor_completions.d/rnngraph.fish" &&
  grep -qF "*.\'svg\'" "$stage/share/fish/vendor_completions.d/rnngraph.fish" || fail "fish: no file completion for --svg"
touch "$tmp/elsewhere/lab.rnn" "$tmp/elsewhere/figure.svg" "$tmp/elsewhere/notes.txt"
completed="$(cd "$tmp/elsewhere" && PATH="$stage/bin:$PATH" bash -c '
  shopt -s extglob; source "$1"
  complete_words() {  # completes the last of the words given
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _rnngraph rnngraph "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s " "${COMPREPLY[@]}"; echo
  }
  complete_words rnngraph --svg ""
  complete_words rnngraph --model ""
  complete_words rnngraph com
  complete_words rnngraph compute --val' _ "$bash_completion")"
[ "$completed" = "$(printf 'figure.svg \ncs187 goodfellow pytorch lstm gru elman stacked bidirectional bigram layernorm-lstm lab.rnn \ncompute \n--values \n')" ] ||
  fail "bash completion of --svg, --model, a subcommand and its options gave: $completed"

make -s uninstall PREFIX="$stage"
[ -z "$(find "$stage" -type f)" ] || fail "make uninstall left $(find "$stage" -type f)"

archive="$(make -s dist | tail -n 1)"
(cd dist && sha256sum -c "$(basename "$archive").sha256" >/dev/null) || fail "$archive does not match its .sha256"
mkdir "$tmp/unpacked"
tar -xzf "$archive" -C "$tmp/unpacked" --strip-components=1
for file in bin/rnngraph share/man/man1/rnngraph.1 share/doc/rnngraph/README.md share/doc/rnngraph/LICENSE \
  share/bash-completion/completions/rnngraph share/zsh/site-functions/_rnngraph \
  share/fish/vendor_completions.d/rnngraph.fish; do
  [ -s "$tmp/unpacked/$file" ] || fail "$archive lacks $file"
done
env -i "$tmp/unpacked/bin/rnngraph" --count --length 1000 | grep -qx 500500 || fail "the archive's binary does not run"

wheel="$(make -s wheel | tail -n 1)"
test_python="$(scripts/test-venv.sh)"
# A fresh environment for the wheel; the test tools come from the test venv through a .pth file.
"$test_python" -m venv --without-pip "$tmp/venv"
tools="$("$test_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
"$tmp/venv/bin/python" -c 'import sysconfig, sys; print(sysconfig.get_paths()["purelib"])' |
  xargs -I{} sh -c "echo '$tools' >{}/test-tools.pth"
"$test_python" -m pip --python "$tmp/venv/bin/python" install -q --no-deps --no-index --disable-pip-version-check "$wheel"
(cd "$tmp/elsewhere" && env -u RNNGRAPH_BINARY "$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests")
# The same wheel where Graphviz, cairo, pango, glib, X11 and fonts are absent.
scripts/wheel-isolated-test.sh "$wheel"
echo "install-test: passed in $((SECONDS - start)) s" >&2
