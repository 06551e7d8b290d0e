# Windows runtime deployment, run at install time (cmake --install / cpack):
# windeployqt copies the Qt DLLs and plugins next to advariant.exe; the LibTorch,
# OpenCV and other DLLs found in the import tables are copied too.
find_program(WINDEPLOYQT windeployqt HINTS "${Qt6_DIR}/../../../bin")
install(CODE "
  execute_process(COMMAND \"${WINDEPLOYQT}\" --release --no-compiler-runtime --no-translations
                  \"\${CMAKE_INSTALL_PREFIX}/bin/advariant.exe\")
  file(GET_RUNTIME_DEPENDENCIES
       EXECUTABLES \"\${CMAKE_INSTALL_PREFIX}/bin/advariant.exe\" \"\${CMAKE_INSTALL_PREFIX}/bin/advariant-cli.exe\"
       RESOLVED_DEPENDENCIES_VAR deps
       PRE_EXCLUDE_REGEXES \"api-ms-.*\" \"ext-ms-.*\"
       POST_EXCLUDE_REGEXES \".*system32/.*\\\\.dll\"
       DIRECTORIES \"${TORCH_INSTALL_PREFIX}/lib\" \"${OpenCV_DIR}/bin\" \$ENV{PATH})
  foreach(d \${deps})
    file(INSTALL \"\${d}\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
  endforeach()
")
