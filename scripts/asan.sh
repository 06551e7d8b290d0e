#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer over the whole project and its test suite.
#   scripts/asan.sh [ctest arguments...]     (build folder: $ADV_ASAN_BUILD, default build-asan)
# Builds every target of ours instrumented (-DADV_SANITIZE=address,undefined, GCC, Release + -g1) and runs
# CTest with the sanitizers halting on the first report. Left out: the tests that only repackage or rebuild
# the project (packaging, the fuzz smoke and TSan runs build their own instrumented copies), the Slurm cluster
# (needs root for munge/slurmd) and CUDA. The suppressions (tests/asan/*.supp) cover Debian's uninstrumented
# LibTorch and Qt only; the file says why for each.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${ADV_ASAN_BUILD:-build-asan}"
jobs=$(nproc 2>/dev/null || echo 2)
# -O1: half the compile time of -O3 under the sanitizers; the heavy kernels are LibTorch's anyway.
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG" -DADV_SANITIZE=address,undefined -DADV_WERROR=ON >/dev/null
cmake --build "$BUILD" -j "$jobs"
supp="$PWD/tests/asan"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=67:detect_stack_use_after_return=0:check_initialization_order=1:strict_init_order=1:detect_odr_violation=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=68:suppressions=$supp/ubsan.supp"
export QT_QPA_PLATFORM=offscreen
cd "$BUILD"
# A sanitized run is 2-30x slower than a plain one (our instrumented kernels): three times ctest's usual limit
# for tests without their own (the build gives the tests' own TIMEOUTs five times as long: adv_scale_timeouts).
ctest --output-on-failure --timeout 3600 -j "$jobs" -LE "packaging|fuzz|sanitizer|slurm|cuda" "$@"
