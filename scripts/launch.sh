#!/usr/bin/env bash
# Sets up, builds and launches the studio on its embedded defaults.
# Without a display it starts under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/bin/advariant "$@"
fi
exec build/bin/advariant "$@"
