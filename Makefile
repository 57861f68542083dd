.PHONY: run test build bench
run:
	scripts/run.sh
test:
	scripts/test.sh
build:
	swift build
bench:
	bench/run.sh
