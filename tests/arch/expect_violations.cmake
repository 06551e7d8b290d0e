# Runs layering.cmake on the fixture tree and passes only if it fails with every expected violation
# (one per rule, direct and transitive) and none on the fixture's clean files.
#   cmake -DSRC=<fixture> -DSCRIPT=<layering.cmake> -P expect_violations.cmake
execute_process(COMMAND "${CMAKE_COMMAND}" -DSRC=${SRC} -DMIN_FILES=1 -P "${SCRIPT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "layering check passed on a tree that breaks every rule:\n${all}")
endif()
set(expected
  "core/bad_core.cpp: core/ reaches Qt"
  "core/bad_core_transitive.cpp: core/ reaches Qt: core/bad_core_transitive.cpp -> core/util/qt_helper.h -> <QString>"
  "ui/bad_ui.cpp: ui/ reaches LibTorch or OpenCV"
  "ui/bad_ui_transitive.cpp: ui/ reaches LibTorch or OpenCV: ui/bad_ui_transitive.cpp -> core/studio/leaky.h -> <torch/types.h>"
  "ui/bad_ui_app.cpp: ui/ reaches app/"
  "plugins/bad_plugin.cpp: plugins/ reaches ui/"
  "plugins/bad_plugin_opencv.cpp: plugins/ reaches LibTorch or OpenCV"
  "core/bad_core_posix.cpp: core/ includes a platform header outside core/platform/: core/bad_core_posix.cpp -> core/util/posix_helper.h -> <sys/mman.h>")
set(missing "")
foreach(e IN LISTS expected)
  string(FIND "${all}" "${e}" at)
  if(at EQUAL -1)
    string(APPEND missing "\n  ${e}")
  endif()
endforeach()
foreach(clean "core/util/fine.h:" "core/studio/leaky.h:" "app/cli/args.h:" "core/platform/platform_posix.cpp:")
  string(FIND "${all}" "  ${clean}" at)
  if(NOT at EQUAL -1)
    string(APPEND missing "\n  (false positive) ${clean}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "layering check missed:${missing}\n--- its output:\n${all}")
endif()
message(STATUS "layering check catches all eight fixture violations")
