# Heed: the two commands a new user needs are `make run` and `make test` (see README.md).
.PHONY: deps build run test test-release tsan bench clean

DB ?= heed.db
LISTEN ?= 127.0.0.1:8080
DEMO_COUNT ?= 3000

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release

# Builds the release binary, creates a demo database on first use and serves it.
run: build
	@if [ ! -f "$(DB)" ]; then \
	    ./build/heed demo --db "$(DB)" --count $(DEMO_COUNT) && \
	    ./build/heed token create --db "$(DB)" --role manager --name demo.manager | tail -n 1 > "$(DB).token"; \
	fi
	@echo "API token (manager of tenant 'default'), kept in $(DB).token:"
	@echo "  export HEED_TOKEN=$$(cat "$(DB).token")"
	@echo "  curl -H \"Authorization: Bearer \$$HEED_TOKEN\" http://$(LISTEN)/api/v1/complaints"
	./build/heed serve --db "$(DB)" --listen "$(LISTEN)"

# Every test, built with AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps
	cmake --preset debug
	cmake --build --preset debug
	ctest --preset debug

tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan
	ctest --preset tsan -R 'Contract|SqliteStore'

bench: build
	bash bench/run.sh

clean:
	rm -rf build build-debug build-tsan
