# Downloads and builds the studio's two dependencies vcpkg lacks (libimagequant 2.18, QCustomPlot 2.1.1)
# into -Prefix with MSVC; see extra-deps/CMakeLists.txt. Used by .github/workflows/windows.yml.
param([Parameter(Mandatory)][string]$Prefix, [Parameter(Mandatory)][string]$QtDir)
$ErrorActionPreference = 'Stop'
$work = Join-Path $env:RUNNER_TEMP 'extra-deps'
New-Item -ItemType Directory -Force -Path $work | Out-Null
Invoke-WebRequest 'https://github.com/ImageOptim/libimagequant/archive/refs/tags/2.18.0.zip' -OutFile "$work\liq.zip"
Expand-Archive "$work\liq.zip" -DestinationPath $work -Force
Invoke-WebRequest 'https://www.qcustomplot.com/release/2.1.1/QCustomPlot-source.tar.gz' -OutFile "$work\qcp.tar.gz"
tar -xzf "$work\qcp.tar.gz" -C $work
cmake -S "$PSScriptRoot\extra-deps" -B "$work\build" -G 'Visual Studio 17 2022' -A x64 `
  -DIMAGEQUANT_SRC="$work/libimagequant-2.18.0" -DQCUSTOMPLOT_SRC="$work/qcustomplot-source" `
  -DCMAKE_PREFIX_PATH="$QtDir" -DCMAKE_INSTALL_PREFIX="$Prefix"
cmake --build "$work\build" --config Release --parallel
cmake --install "$work\build" --config Release
