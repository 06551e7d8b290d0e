#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (GUI tests offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DADV_WERROR=ON
cd build
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure --timeout 1200 -j "$(nproc 2>/dev/null || echo 2)"
