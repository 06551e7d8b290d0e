#!/usr/bin/env bash
# Configures and builds (Release) into build/. Uses ccache when present.
#
#   scripts/build.sh [--torch DIR] [--build-dir DIR] [cmake options...]
#
# --torch DIR   build everything (studio, CLI, tests) against another LibTorch instead of Debian's 1.13:
#               a LibTorch 2.x, CPU or CUDA - the unpacked libtorch/ folder of a download from pytorch.org
#               (the cxx11-ABI build on Linux), a PyTorch install's torch/ folder, or the folder holding
#               TorchConfig.cmake. A CUDA LibTorch also needs the CUDA toolkit (nvcc) of its CUDA version;
#               set CUDAToolkit_ROOT when it is not on PATH. Default build folder then: build-torch/.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
build=build
torch=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --torch) torch="${2:?--torch needs a folder}"; shift 2 ;;
    --torch=*) torch="${1#--torch=}"; shift ;;
    --build-dir) build="${2:?--build-dir needs a folder}"; shift 2 ;;
    --build-dir=*) build="${1#--build-dir=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -n "$torch" ]; then
  torch_dir=""
  for cand in "$torch" "$torch/share/cmake/Torch" "$torch/torch/share/cmake/Torch"; do
    if [ -f "$cand/TorchConfig.cmake" ]; then torch_dir=$(cd "$cand" && pwd); break; fi
  done
  if [ -z "$torch_dir" ]; then
    echo "build.sh: $torch: no TorchConfig.cmake there (nor in share/cmake/Torch): not a LibTorch folder" >&2
    exit 2
  fi
  [ "$build" = build ] && build=build-torch
  args=("-DTorch_DIR=$torch_dir" "${args[@]}")
  echo "build.sh: LibTorch from $torch_dir into $build/"
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${args[@]}"
cmake --build "$build" -j "$jobs"
