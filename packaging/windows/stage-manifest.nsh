; Files a complete Windows stage must hold (CPU flavour; advariant.nsi adds the CUDA DLLs for FLAVOUR=cuda).
; Written by `cmake --install` (the executables, plugins, resources), packaging/windows/deploy.cmake
; (windeployqt: the Qt runtime and plugins; InstallRequiredSystemLibraries: the MSVC runtime; the LibTorch
; DLLs) - the names are those of Qt 6, the official LibTorch zip and the MSVC 2022 runtime.
; deploy.cmake also fails on any imported DLL it cannot find, so the names not listed here
; (OpenCV, spdlog, libpng, FreeType, HarfBuzz from vcpkg) are covered as well.
; tests/packaging/nsis_installer.cmake reads this list to stage the Windows-only files on Linux.
!insertmacro RequireStaged "bin\advariant.exe"
!insertmacro RequireStaged "bin\advariant-cli.exe"
!insertmacro RequireStaged "bin\Qt6Core.dll"
!insertmacro RequireStaged "bin\Qt6Gui.dll"
!insertmacro RequireStaged "bin\Qt6Widgets.dll"
!insertmacro RequireStaged "bin\Qt6PrintSupport.dll"
!insertmacro RequireStaged "bin\Qt6Svg.dll"
!insertmacro RequireStaged "bin\platforms\qwindows.dll"
!insertmacro RequireStaged "bin\imageformats\qsvg.dll"
!insertmacro RequireStaged "bin\c10.dll"
!insertmacro RequireStaged "bin\torch.dll"
!insertmacro RequireStaged "bin\torch_cpu.dll"
!insertmacro RequireStaged "bin\fbgemm.dll"
!insertmacro RequireStaged "bin\asmjit.dll"
!insertmacro RequireStaged "bin\libiomp5md.dll"
!insertmacro RequireStaged "bin\msvcp140.dll"
!insertmacro RequireStaged "bin\vcruntime140.dll"
!insertmacro RequireStaged "bin\vcruntime140_1.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_meta.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_google_display.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_google_pmax.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_tiktok.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_pinterest.dll"
!insertmacro RequireStaged "lib\advariant\plugins\adv_linkedin.dll"
!insertmacro RequireStaged "share\advariant\models\advariant-tiny\model_index.json"
!insertmacro RequireStaged "share\advariant\models\advariant-tiny\loras\demo.safetensors"
!insertmacro RequireStaged "share\advariant\models\advariant-tiny\loras\lcm.safetensors"
!insertmacro RequireStaged "share\advariant\fonts\DejaVuSans.ttf"
!insertmacro RequireStaged "share\doc\AdVariantStudio\LICENSE"
