# Heed: the two commands a new user needs are `make run` and `make test` (see README.md).
.PHONY: deps build web run test test-web fuzz fuzz-smoke test-release tsan bench clean

DB ?= heed.db
LISTEN ?= 127.0.0.1:8080
DEMO_COUNT ?= 3000

deps:
	@bash scripts/install-deps.sh

build: deps web
	cmake --preset release
	cmake --build --preset release

# The web application (web/dist, served by heed serve). npm ci only when the lock file changed.
web: deps
	@if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	    cd web && npm ci --no-audit --no-fund; \
	fi
	cd web && npm run build

# Builds the release binary, creates a demo database on first use and serves it.
run: build
	@if [ ! -f "$(DB)" ]; then \
	    ./build/heed demo --db "$(DB)" --count $(DEMO_COUNT) && \
	    ./build/heed token create --db "$(DB)" --role manager --name demo.manager | tail -n 1 > "$(DB).token"; \
	fi
	@echo "Web app: http://$(LISTEN)/ — sign in to tenant 'default' as agent, lead, manager, analyst, admin or logistics,"
	@echo "         password demo-password. Customers: http://$(LISTEN)/complain and http://$(LISTEN)/track"
	@echo "API token (manager of tenant 'default'), kept in $(DB).token:"
	@echo "  export HEED_TOKEN=$$(cat "$(DB).token")"
	@echo "  curl -H \"Authorization: Bearer \$$HEED_TOKEN\" http://$(LISTEN)/api/v1/complaints"
	./build/heed serve --db "$(DB)" --listen "$(LISTEN)"

# Every test: C++ and end-to-end built with AddressSanitizer and UndefinedBehaviorSanitizer, the web app's unit
# tests and its browser tests in Chromium against the real binary, and each fuzzer once over its corpus.
test: deps web
	cmake --preset debug
	cmake --build --preset debug
	ctest --preset debug
	$(MAKE) test-web fuzz-smoke

test-web:
	cd web && npm test
	cd web && ASAN_OPTIONS=detect_leaks=0 HEED_BIN=$(CURDIR)/build-debug/heed node e2e/run.mjs

# libFuzzer (clang): `make fuzz` runs each fuzzer 10 minutes; fuzz-smoke replays the kept corpora.
fuzz: deps
	bash fuzz/run.sh 600

fuzz-smoke: deps
	bash fuzz/run.sh --smoke

tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan
	ctest --preset tsan -E '^e2e\.'
	cd tests/e2e && HEED_BINARY=$(CURDIR)/build-tsan/heed TSAN_OPTIONS=halt_on_error=1 python3 -m unittest test_api test_web_security

bench: build
	bash bench/run.sh

clean:
	rm -rf build build-debug build-tsan build-fuzz web/dist
