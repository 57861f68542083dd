.PHONY: run test build bench docs
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
