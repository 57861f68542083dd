#!/usr/bin/env bash
# Regenerates everything generated under Docs/ (figures in Docs/images, the
# example documents and the lab's worked example in Docs/examples) by running
# the example generator, which uses only the public library API. A test fails
# while the checked-in files differ from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product DocsGeneratorExample
"$(swift build --show-bin-path)/DocsGeneratorExample" --docs Docs
