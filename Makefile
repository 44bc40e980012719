# The two entry points of the README: `make run` (the main job) and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh).
BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
JOBS        ?= $(shell nproc)
PYTHON      ?= /usr/bin/python3
ZOO_DIR     ?= $(BUILD_DIR)/zoo
EXPORTS_DIR ?= $(BUILD_DIR)/exports
NEON_DIR    ?= build-neon
EDGEBENCH   := $(BUILD_DIR)/harness/edgebench

.PHONY: all deps build run zoo-inspect test test-release test-asan test-neon exports clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The main job: sweep suites/quick.json on this machine into results/<timestamp>/results.json,
# then draw its report into results/<timestamp>/report/ (report.html, report.md, charts/).
run: build
	$(EDGEBENCH) run

# Build the zoo, print every model's inspect table and run each once.
zoo-inspect: build
	$(EDGEBENCH) zoo build --out $(ZOO_DIR)
	@for m in $(ZOO_DIR)/*.onnx; do echo; $(EDGEBENCH) inspect $$m || exit $$?; done
	@for m in $(ZOO_DIR)/*.onnx; do echo; echo "== $$m"; $(EDGEBENCH) infer $$m || exit $$?; done

# Real PyTorch exports with PyTorch's own outputs, for the export tests.
exports: deps
	@if [ ! -f $(EXPORTS_DIR)/.done ]; then \
	  $(PYTHON) tools/export_models.py --out $(EXPORTS_DIR) && touch $(EXPORTS_DIR)/.done; fi

test: test-release test-neon test-asan

test-release: build exports
	cd $(BUILD_DIR) && EDGEBENCH_EXPORTS_DIR=$(abspath $(EXPORTS_DIR)) ctest --output-on-failure -j$(JOBS)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps exports
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDGEBENCH_SANITIZE=ON -DEDGEBENCH_BUILD_BENCH=OFF
	cmake --build $(ASAN_DIR) -j$(JOBS)
	cd $(ASAN_DIR) && EDGEBENCH_EXPORTS_DIR=$(abspath $(EXPORTS_DIR)) ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j$(JOBS)

# The aarch64 NEON kernel tables against the scalar ones: cross-built with
# only the kernel sources and run under qemu-aarch64 with and without dotprod.
test-neon:
	scripts/test-neon.sh $(NEON_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
