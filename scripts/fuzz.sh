#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang-14 with AddressSanitizer and UBSan) and runs each
# for SECONDS (default 60) from its seed corpus. New inputs go to build-fuzz/corpus/<name> (the seeds
# stay untouched); findings (crash-*, leak-*, timeout-*, oom-*) to build-fuzz/findings/<name>.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
# Exit status: 0 when every harness ran clean. A per-harness line reports executions, corpus size and
# coverage (libFuzzer's "cov:" edges and "ft:" features).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
BUILD="${ADV_FUZZ_BUILD:-build-fuzz}"
CXX_FUZZ="${CXX_FUZZ:-clang++-14}"
if ! command -v "$CXX_FUZZ" >/dev/null; then
  echo "fuzz: $CXX_FUZZ not found (Debian: apt install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi
cmake -S tests/fuzz -B "$BUILD" -DCMAKE_CXX_COMPILER="$CXX_FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then
  HARNESSES=(safetensors_header coco rle clip_tokenizer model_config train_config presets variant_record image_header copy_sheet brand_kit utf8_paths grid_spec prompt_syntax pair_manifest recipe key_map project)
fi
status=0
printf '%-20s %8s %12s %8s %8s %8s  %s\n' harness seconds executions corpus cov ft result
for h in "${HARNESSES[@]}"; do
  corpus="$BUILD/corpus/$h"
  findings="$BUILD/findings/$h"
  mkdir -p "$corpus" "$findings"
  log="$BUILD/$h.log"
  set +e
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$BUILD/fuzz_$h" "$corpus" "tests/fuzz/corpus/$h" -max_total_time="$SECONDS_EACH" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  files=$(find "$corpus" -type f | wc -l)
  result=clean
  if [ $rc -ne 0 ]; then
    result="FINDING (exit $rc, see $log and $findings)"
    status=1
  fi
  printf '%-20s %8s %12s %8s %8s %8s  %s\n' "$h" "$SECONDS_EACH" "$execs" "$files" "$cov" "$ft" "$result"
done
exit $status
