# Compiler settings shared by every target.
if(ADV_USE_CCACHE)
  find_program(ADV_CCACHE ccache)
  if(ADV_CCACHE)
    # Precompiled headers and ccache: let ccache hash the PCH by time stamps. CCACHE_BASEDIR makes paths
    # relative, so a second clone of the project (CI's) reuses the cache of the first.
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND}" -E env
        "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
        "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" "${ADV_CCACHE}")
  endif()
endif()

# Qt keywords (slots/signals/emit) clash with LibTorch and QCustomPlot headers:
# the project writes Q_SLOTS / Q_SIGNALS / Q_EMIT everywhere.
add_compile_definitions(QT_NO_KEYWORDS)
# Every target is position independent, so one precompiled header serves
# libraries, executables and tests alike.
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

option(ADV_WERROR "Treat compiler warnings in the project's own code as errors (.ci/run turns it on)" OFF)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra -Wno-unused-parameter)
  if(ADV_WERROR)
    add_compile_options(-Werror)
  endif()
elseif(MSVC)
  add_compile_options(/W3 /utf-8 /permissive-)
  if(ADV_WERROR)
    add_compile_options(/WX)
  endif()
endif()

# A whole-project sanitizer build (scripts/asan.sh): every target of ours instrumented; LibTorch, Qt and
# OpenCV are Debian's uninstrumented libraries (their memory is still checked at the malloc/free boundary,
# which ASan intercepts process-wide). jemalloc is left out of such a build: ASan brings its own allocator.
set(ADV_SANITIZE "" CACHE STRING "Sanitizers for every target (e.g. address,undefined); empty: none")
if(ADV_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "ADV_SANITIZE needs GCC or Clang")
  endif()
  add_compile_options(-fsanitize=${ADV_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g1)
  add_link_options(-fsanitize=${ADV_SANITIZE})
  add_compile_definitions(ADV_SANITIZED=1)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's flow analysis misfires on instrumented code (c10::optional copies inside LibTorch's headers);
    # the plain build keeps the warning as an error.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  message(STATUS "Sanitizers: ${ADV_SANITIZE}")
endif()
