# Windows runtime deployment, run at install time (cmake --install / cpack / the `installer` target):
#  - windeployqt copies the Qt DLLs and plugins (platforms/qwindows.dll, imageformats/qsvg.dll, styles)
#    next to advariant.exe;
#  - InstallRequiredSystemLibraries copies the MSVC runtime (msvcp140.dll, vcruntime140*.dll), so the
#    installer needs no separate vc_redist;
#  - every DLL in the import tables of the executables and plugins (LibTorch, OpenCV, spdlog, libpng,
#    FreeType, HarfBuzz, QCustomPlot ...) is copied from the LibTorch folder, the vcpkg tree or PATH, and
#    an import that cannot be found FAILS the install (a missing DLL would otherwise surface as a crash
#    on a user's PC). LibTorch's OpenMP runtime (libiomp5md.dll) is loaded by torch_cpu.dll and covered.
# packaging/windows/stage-manifest.nsh lists the names the installer refuses to build without.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
set(CMAKE_INSTALL_UCRT_LIBRARIES OFF)  # Windows 10+ has the UCRT
include(InstallRequiredSystemLibraries)

find_program(WINDEPLOYQT windeployqt HINTS "${Qt6_DIR}/../../../bin")
if(NOT WINDEPLOYQT)
  message(WARNING "windeployqt not found: the Qt runtime will be missing from the install tree")
endif()
set(ADV_DLL_DIRS "${TORCH_INSTALL_PREFIX}/lib" "${OpenCV_DIR}/bin" "${OpenCV_DIR}/../../bin"
                 "${Qt6_DIR}/../../../bin" "${CMAKE_PREFIX_PATH}/bin")
install(CODE "
  set(bin \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  if(EXISTS \"${WINDEPLOYQT}\")
    execute_process(COMMAND \"${WINDEPLOYQT}\" --release --no-compiler-runtime --no-translations
                    \"\${bin}/advariant.exe\" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"windeployqt failed (\${rc})\")
    endif()
  endif()
  file(GLOB plugins \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/advariant/plugins/*.dll\")
  file(GET_RUNTIME_DEPENDENCIES
       EXECUTABLES \"\${bin}/advariant.exe\" \"\${bin}/advariant-cli.exe\"
       MODULES \${plugins}
       RESOLVED_DEPENDENCIES_VAR deps
       UNRESOLVED_DEPENDENCIES_VAR missing
       PRE_EXCLUDE_REGEXES \"^[Aa][Pp][Ii]-[Mm][Ss]-.*\" \"^[Ee][Xx][Tt]-[Mm][Ss]-.*\"
       POST_EXCLUDE_REGEXES \".*[Ss][Yy][Ss][Tt][Ee][Mm]32.*\"
       DIRECTORIES \"\${bin}\" ${ADV_DLL_DIRS} \$ENV{PATH})
  if(missing)
    message(FATAL_ERROR \"DLLs imported by the studio that were found nowhere: \${missing}\")
  endif()
  foreach(d \${deps})
    file(INSTALL \"\${d}\" DESTINATION \"\${bin}\")
  endforeach()
  # LibTorch loads some DLLs by name at run time (not in any import table).
  foreach(extra libiomp5md.dll uv.dll torch_global_deps.dll)
    if(EXISTS \"${TORCH_INSTALL_PREFIX}/lib/\${extra}\")
      file(INSTALL \"${TORCH_INSTALL_PREFIX}/lib/\${extra}\" DESTINATION \"\${bin}\")
    endif()
  endforeach()
")
