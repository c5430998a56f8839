# The two commands a newcomer runs (README.md): `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PORT_BASE ?= 10000
DATA_DIR ?= $(CURDIR)/var
# ccache hashes paths relative to the tree, so a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: fuzz all bootstrap bootstrap-test configure build run test check-layers bench clean format

all: build

bootstrap:
	@scripts/bootstrap.sh

bootstrap-test:
	@scripts/bootstrap.sh --test

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

build: bootstrap configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts skerryd on the embedded default (SQLite + encrypted blob files under ./var),
# loopback only, ports PORT_BASE + offset. Ctrl-C stops it gracefully.
run: build
	@scripts/run-dev.sh $(BUILD_DIR) $(DATA_DIR) $(PORT_BASE)

check-layers:
	@python3 scripts/check_layers.py src

test: bootstrap-test configure
	cmake --build $(BUILD_DIR) -j $(JOBS)
	@python3 scripts/check_layers.py src
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	@scripts/run-bench.sh $(BUILD_DIR)

format:
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

# libFuzzer targets under clang with ASan+UBSan; each runs FUZZ_SECONDS on its corpus.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= header_fields_fuzz blob_stream_fuzz blob_range_fuzz json11_request_fuzz sigv4_request_fuzz
fuzz:
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKERRY_FUZZ=ON -DSKERRY_SANITIZE=ON
	cmake --build build-fuzz --target $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	  exe=$$(find build-fuzz/src -name $$t -type f | head -1); name=$${t%_fuzz}; \
	  mkdir -p build-fuzz/corpus/$$name; \
	  $$exe -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus/$$name tests/corpus/$$name || exit 1; \
	done
