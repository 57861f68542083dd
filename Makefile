.PHONY: run test build docs
run:
	scripts/run.sh
test:
	scripts/test.sh
build:
	swift build
docs:
	scripts/docs.sh
