#!/usr/bin/env bash
# ThreadSanitizer on the studio's worker (ui/JobRunner) and its Qt Test (tests/tsan): builds with clang-14 and
# runs; exit 0 only when every test passes and TSan reports nothing (tests/tsan/tsan.supp: Qt Test internals only).
#   scripts/tsan.sh            (build folder: $ADV_TSAN_BUILD, default build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${ADV_TSAN_BUILD:-build-tsan}"
CXX_TSAN="${CXX_TSAN:-clang++-14}"
if ! command -v "$CXX_TSAN" >/dev/null; then
  echo "tsan: $CXX_TSAN not found (Debian: apt install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi
cmake -S tests/tsan -B "$BUILD" -DCMAKE_CXX_COMPILER="$CXX_TSAN" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
log="$BUILD/tsan_job_runner.log"
set +e
QT_QPA_PLATFORM=offscreen TSAN_OPTIONS="halt_on_error=0 exitcode=66 suppressions=$PWD/tests/tsan/tsan.supp" "$BUILD/tsan_job_runner" >"$log" 2>&1
rc=$?
set -e
races=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
grep -E "^Totals" "$log" || true
echo "tsan: $races report(s), exit $rc (log: $log)"
[ "$rc" = 0 ] && [ "$races" = 0 ]
