.PHONY: run test build bench docs asan fuzz
run:
	scripts/run.sh
test:
	scripts/test.sh
build:
	swift build
bench:
	bench/run.sh
docs:
	scripts/docs.sh
asan:
	scripts/asan.sh
fuzz:
	RNNGRAPH_FUZZ_SECONDS=60 scripts/asan.sh --filter ValuesFileFuzzTests
