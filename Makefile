# BoyoDB: `make run` sets up, builds and starts the server on ./data (127.0.0.1); `make test`
# sets up, builds the sanitized build and runs every test; `make bench` runs the benchmarks.
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TEST_DIR := build/asan
CMAKE_COMMON := -G Ninja -Wno-dev

.PHONY: all deps build build-test run test bench format clean

all: build

deps:
	@scripts/setup-deps.sh

$(RELEASE_DIR)/build.ninja:
	cmake -S . -B $(RELEASE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release

$(TEST_DIR)/build.ninja:
	cmake -S . -B $(TEST_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DBOYO_SANITIZE=ON -DBOYO_BUILD_BENCH=OFF

build: deps $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j $(JOBS)

build-test: deps $(TEST_DIR)/build.ninja
	cmake --build $(TEST_DIR) -j $(JOBS)

run: build
	@scripts/run-server.sh $(RELEASE_DIR) ./data

test: build-test
	cd $(TEST_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 1200

bench: build
	bench/run.sh $(RELEASE_DIR)
	bench/load/run.sh $(RELEASE_DIR)
	bench/sql/run.sh $(RELEASE_DIR)

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build
