#!/usr/bin/env bash
# Installs the Debian 12 packages AdVariant Studio needs to build, run and
# test — only those missing, so it is cheap to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache
  libtorch-dev                       # LibTorch 1.13 (CPU)
  libgloo-dev                        # gloo's headers: LibTorch's c10d ProcessGroupGloo (data-parallel training)
  libopenblas0-openmp                # fast BLAS for LibTorch (reference BLAS is ~18x slower)
  libjemalloc-dev                    # allocator: keeps LibTorch's big buffers mapped between steps
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 libgl-dev
  libqcustomplot-dev                 # QCustomPlot 2.1 (Qt 6 build: QCustomPlotQt6)
  libopencv-dev libspdlog-dev nlohmann-json3-dev zlib1g-dev
  libsimdjson-dev                    # the COCO reader's fast JSON parser (Fashionpedia's train file: several x nlohmann)
  libpng-dev libimagequant-dev       # ad export: PNG writing and palette quantisation for byte budgets
  libharfbuzz-dev libfreetype-dev    # brand layouts: text shaping and rendering in the Qt-free export
  qt6-svg-dev                        # SVG logos in brand kits (rasterised by the executables)
  xvfb xauth                         # GUI screenshots under a virtual display
  dpkg-dev file                      # building and checking the .deb
  clang-14 libclang-rt-14-dev        # libFuzzer harnesses (tests/fuzz, scripts/fuzz.sh) with ASan/UBSan
  g++-mingw-w64-x86-64 wine64        # Windows: the platform layer and its test cross-compiled and run (CTest platform_mingw)
  nsis                               # Windows: the installer script built with makensis (CTest nsis_installer)
  slurm-wlm munge                    # a real scheduler on localhost for the cluster test (CTest slurm_cluster)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
