# Cross-compiles the platform layer's Windows implementation and its unit test with Debian's mingw-w64
# (package g++-mingw-w64-x86-64) and checks the result: a PE32+ x86-64 console program that imports only
# system DLLs. Warnings are errors, so a Win32 API misuse the compiler can see fails here on every run.
# With wine (Debian's wine64, which scripts/setup.sh installs) the program is also run: the Win32 code paths
# (CreateFileMappingW copy-on-write views, MoveFileExW over a mapped file, FlushFileBuffers, UTF-16 paths)
# must pass the same checks as the POSIX ones.
#   cmake -DSRC=<source tree> -DOUT=<scratch folder> -P platform_mingw.cmake
find_program(MINGW_CXX NAMES x86_64-w64-mingw32-g++ x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-g++-win32)
if(NOT MINGW_CXX)
  message("SKIPPED: x86_64-w64-mingw32-g++ not installed (Debian package g++-mingw-w64-x86-64; scripts/setup.sh installs it)")
  return()
endif()
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(exe "${OUT}/test_platform.exe")
set(sources
  "${SRC}/tests/core/test_platform.cpp"
  "${SRC}/core/platform/platform_common.cpp"
  "${SRC}/core/platform/cpu_features.cpp"
  "${SRC}/core/platform/platform_win32.cpp")
execute_process(
  COMMAND "${MINGW_CXX}" -std=c++17 -O1 -Wall -Wextra -Wpedantic -Werror -I "${SRC}/core" ${sources}
          -static -lpsapi -o "${exe}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mingw-w64 build of the platform layer failed:\n${out}${err}")
endif()

# PE32+ for x86-64: "MZ", then "PE\0\0" at e_lfanew with machine 0x8664 and the optional header magic 0x20b.
file(READ "${exe}" head LIMIT 1024 HEX)
string(SUBSTRING "${head}" 0 4 mz)
if(NOT mz STREQUAL "4d5a")
  message(FATAL_ERROR "${exe}: not a Windows executable (no MZ header)")
endif()
string(SUBSTRING "${head}" 120 8 lfanew_hex)  # bytes 0x3c..0x3f, little endian
string(SUBSTRING "${lfanew_hex}" 0 2 b0)
string(SUBSTRING "${lfanew_hex}" 2 2 b1)
math(EXPR pe "0x${b1}${b0}" OUTPUT_FORMAT DECIMAL)
math(EXPR pe_hex "${pe} * 2")
string(SUBSTRING "${head}" ${pe_hex} 12 sig_machine)
if(NOT sig_machine STREQUAL "504500006486")
  message(FATAL_ERROR "${exe}: not a PE32+ x86-64 image (signature+machine ${sig_machine})")
endif()
math(EXPR magic_at "(${pe} + 24) * 2")
string(SUBSTRING "${head}" ${magic_at} 4 magic)
if(NOT magic STREQUAL "0b02")
  message(FATAL_ERROR "${exe}: optional header is not PE32+ (${magic})")
endif()

# Imports: Windows system DLLs only (the C runtime is linked statically).
find_program(MINGW_OBJDUMP NAMES x86_64-w64-mingw32-objdump)
if(MINGW_OBJDUMP)
  execute_process(COMMAND "${MINGW_OBJDUMP}" -p "${exe}" OUTPUT_VARIABLE dump RESULT_VARIABLE orc)
  string(REGEX MATCHALL "DLL Name: [^\n]+" lines "${dump}")
  set(dlls "")
  foreach(d IN LISTS lines)
    string(REPLACE "DLL Name: " "" d "${d}")
    list(APPEND dlls "${d}")
    string(TOLOWER "${d}" dl)
    if(NOT dl MATCHES "^(kernel32|msvcrt|ucrtbase|api-ms-win-.*|advapi32|psapi|user32|ntdll)\\.dll$")
      message(FATAL_ERROR "${exe} imports ${d}, which is not a Windows system DLL")
    endif()
  endforeach()
  if(NOT dump MATCHES "MapViewOfFile" OR NOT dump MATCHES "MoveFileExW" OR NOT dump MATCHES "FlushFileBuffers")
    message(FATAL_ERROR "${exe}: the Win32 calls of the platform layer (MapViewOfFile, MoveFileExW, FlushFileBuffers) are not imported")
  endif()
  list(JOIN dlls ", " dll_list)
  message(STATUS "imports: ${dll_list}")
endif()

# Debian's wine64 package installs the loader outside PATH.
find_program(WINE NAMES wine64 wine HINTS /usr/lib/wine)
if(WINE)
  set(ENV{WINEPREFIX} "${OUT}/wineprefix")
  set(ENV{WINEDEBUG} "-all")
  execute_process(COMMAND "${WINE}" "${exe}" WORKING_DIRECTORY "${OUT}"
    RESULT_VARIABLE wrc OUTPUT_VARIABLE wout ERROR_VARIABLE werr TIMEOUT 300)
  if(NOT wrc EQUAL 0)
    message(FATAL_ERROR "test_platform.exe under wine failed (${wrc}):\n${wout}${werr}")
  endif()
  if(NOT wout MATCHES "checks, 0 failed")
    message(FATAL_ERROR "test_platform.exe under wine did not report its checks:\n${wout}${werr}")
  endif()
  find_program(WINESERVER NAMES wineserver64 wineserver HINTS /usr/lib/wine)
  if(WINESERVER)
    execute_process(COMMAND "${WINESERVER}" -k OUTPUT_QUIET ERROR_QUIET)  # no server left behind
  endif()
  message(STATUS "under wine: ${wout}")
else()
  message(STATUS "wine not installed: the Windows test program was built and checked, not run")
endif()
file(SIZE "${exe}" size)
message(STATUS "platform layer + test for Windows: ${exe} (${size} bytes, PE32+ x86-64)")
