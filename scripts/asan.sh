#!/usr/bin/env bash
# Builds the tests under AddressSanitizer, in their own build folder
# (.build-asan), and runs those that exercise memory: parsing, rendering,
# values files, documents and templates, the command line, the fuzzers.
# The exhaustive formula checks and the LaTeX compiles run in the plain
# build only (listed below); --all runs them here too. No suppressions: any
# report fails the run.
#   scripts/asan.sh                    build, then the tests that exercise memory
#   scripts/asan.sh --all              build, then every test
#   scripts/asan.sh --build-only       build only
#   scripts/asan.sh --skip-build ...   run only (with any of the above)
#   scripts/asan.sh SWIFT-TEST-ARGS…   build, then `swift test` with these arguments (--filter …)
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:halt_on_error=1}"
# The exhaustive formula checks (expansions and counts compared with the
# enumerated paths and with numbers, at every N up to 8): arithmetic whose
# check is the plain build's run. The LaTeX compiles, whose time is pdflatex's.
# The counts refused at a million steps, whose time is the estimate's arithmetic.
# A test not named here runs under AddressSanitizer.
exhaustive='^RNNGraphKitTests\.(CompactExpansionTests|VectorCompactExpansionTests|RecurrenceCompactExpansionTests|StackedStateExpansionTests|ExpandedFactorsTests|FormAgreementTests|GradientAgreementTests|NumericAgreementTests|FiniteDifferenceTests|MatrixFormulaTests|RecursiveFormTests|PathCountTests|RolledCountTests|RolledCountModelTests)/'
compiles='^(RNNGraphKitTests\.LaTeXCompileTests|RNNGraphDocsTests\.DocumentCompileTests)/'
millions='^CLITests\.CountLimitTests/(theLSTMCountAtAMillionSteps|pathsAndTheExpandedFormAtAMillionSteps)'
build=1 run=1 scope=(--skip "$exhaustive|$compiles|$millions")
arguments=()
for argument in "$@"; do
  case "$argument" in
    --build-only) run=0 ;;
    --skip-build) build=0 ;;
    --all) scope=() ;;
    *) arguments+=("$argument") ;;
  esac
done
[ ${#arguments[@]} -eq 0 ] || scope=()
if [ "$build" -eq 1 ]; then
  swift build --build-tests -Xswiftc -sanitize=address --scratch-path .build-asan
fi
if [ "$run" -eq 1 ]; then
  swift test --skip-build --scratch-path .build-asan "${scope[@]}" "${arguments[@]}"
fi
