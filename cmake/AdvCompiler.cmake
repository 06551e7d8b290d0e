# Compiler settings shared by every target.
if(ADV_USE_CCACHE)
  find_program(ADV_CCACHE ccache)
  if(ADV_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${ADV_CCACHE}")
    # Precompiled headers and ccache: let ccache hash the PCH by time stamps.
    set(ENV{CCACHE_SLOPPINESS} "pch_defines,time_macros,include_file_mtime,include_file_ctime")
  endif()
endif()

# Qt keywords (slots/signals/emit) clash with LibTorch and QCustomPlot headers:
# the project writes Q_SLOTS / Q_SIGNALS / Q_EMIT everywhere.
add_compile_definitions(QT_NO_KEYWORDS)
# Every target is position independent, so one precompiled header serves
# libraries, executables and tests alike.
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra -Wno-unused-parameter)
endif()
