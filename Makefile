PREFIX ?= /usr/local

.PHONY: run test test-all build bench docs install uninstall dist wheel docc install-test asan fuzz
run:
	scripts/run.sh
test:
	scripts/test.sh
test-all:
	scripts/test.sh --all
build:
	swift build
bench:
	bench/run.sh
docs:
	scripts/docs.sh
install:
	scripts/install.sh "$(PREFIX)"
uninstall:
	scripts/uninstall.sh "$(PREFIX)"
dist:
	scripts/dist.sh
wheel:
	scripts/wheel.sh
docc:
	scripts/docc.sh
install-test:
	scripts/install-test.sh
asan:
	scripts/asan.sh
fuzz:
	RNNGRAPH_FUZZ_SECONDS=60 scripts/asan.sh --filter "ValuesFileFuzzTests|ModelLanguageFuzzTests"
