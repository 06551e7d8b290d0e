# Third-party packages (Debian 12: libtorch-dev, libopencv-dev, libspdlog-dev,
# nlohmann-json3-dev, qt6-base-dev, qt6-tools-dev, libqcustomplot-dev, libjemalloc-dev).
# A newer (CUDA) LibTorch 2.x is used instead when -DTorch_DIR=... points to it.
find_package(Torch REQUIRED)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(Threads REQUIRED)

# LibTorch 2.x: the studio links Debian's (or vcpkg's) Qt, OpenCV and spdlog, all built with the C++11 ABI;
# a LibTorch built with the old ABI (pip wheels before PyTorch 2.7, the "pre-cxx11" zips) cannot share
# std::string with them. Say so at configure time instead of failing at link time with unreadable symbols.
if(TORCH_CXX_FLAGS MATCHES "_GLIBCXX_USE_CXX11_ABI=0")
  message(FATAL_ERROR "LibTorch in ${Torch_DIR} was built with the pre-C++11 ABI (_GLIBCXX_USE_CXX11_ABI=0); "
    "the studio's other libraries use the C++11 ABI. Use a cxx11-ABI LibTorch "
    "(libtorch-cxx11-abi-shared-with-deps-*.zip from pytorch.org, or PyTorch 2.7+), or build the engine-only "
    "GPU check in tests/gpu, which needs no other C++ library.")
endif()
if(Torch_VERSION)
  message(STATUS "LibTorch ${Torch_VERSION} (${Torch_DIR})")
endif()
if(TORCH_CUDA_LIBRARIES OR CUDA_FOUND)
  message(STATUS "LibTorch has CUDA: the GPU tests (test_cuda) run when a device is present")
endif()

# Packaging a LibTorch that is not Debian's (packaging/CMakeLists.txt bundles it in the .deb): every
# installed binary looks for it next to itself first.
option(ADV_CUDA_FLAVOUR "Package as the CUDA flavour (installer/package name, the CUDA DLLs required)" OFF)
get_filename_component(ADV_TORCH_PREFIX "${TORCH_INSTALL_PREFIX}" REALPATH)
if(NOT WIN32 AND NOT ADV_TORCH_PREFIX MATCHES "^/usr(/|$)")
  set(adv_bundle_default ON)
else()
  set(adv_bundle_default OFF)
endif()
option(ADV_BUNDLE_TORCH "Bundle LibTorch's shared libraries in the Linux package" ${adv_bundle_default})
if(ADV_BUNDLE_TORCH AND NOT WIN32)
  list(APPEND CMAKE_INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}/advariant/libtorch" "$ORIGIN/../libtorch")
endif()

# LibTorch and OpenCV as targets: advariant::core links them privately; headless clients that
# include engine headers (the CLI, the tests) link them themselves. ui/ and plugins/ never do.
separate_arguments(TORCH_CXX_FLAGS_LIST UNIX_COMMAND "${TORCH_CXX_FLAGS}")
add_library(advariant_torch INTERFACE)
add_library(advariant::torch ALIAS advariant_torch)
target_link_libraries(advariant_torch INTERFACE ${TORCH_LIBRARIES})
target_include_directories(advariant_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_compile_options(advariant_torch INTERFACE ${TORCH_CXX_FLAGS_LIST})
add_library(advariant_opencv INTERFACE)
add_library(advariant::opencv ALIAS advariant_opencv)
target_link_libraries(advariant_opencv INTERFACE opencv_core opencv_imgproc opencv_imgcodecs)
target_include_directories(advariant_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})

# simdjson (libsimdjson-dev / vcpkg simdjson): the COCO reader's fast JSON parser; optional.
find_package(simdjson CONFIG QUIET)
if(TARGET simdjson::simdjson)
  message(STATUS "COCO reader: simdjson ${simdjson_VERSION}")
else()
  message(STATUS "COCO reader: nlohmann SAX (simdjson not found: libsimdjson-dev makes large files load faster)")
endif()

# jemalloc: with glibc's allocator LibTorch returns its large activation buffers
# to the OS after every step and page-faults them back (SD1.5 UNet: 4x slower).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND AND NOT ADV_SANITIZE)
  pkg_check_modules(JEMALLOC QUIET IMPORTED_TARGET jemalloc)
endif()
add_library(adv_allocator INTERFACE)
add_library(advariant::allocator ALIAS adv_allocator)
if(JEMALLOC_FOUND)
  # --no-as-needed: nothing references jemalloc by name; it must stay linked so
  # its malloc/free interpose glibc's for the whole process.
  target_link_libraries(adv_allocator INTERFACE -Wl,--no-as-needed PkgConfig::JEMALLOC -Wl,--as-needed)
  target_compile_definitions(adv_allocator INTERFACE ADV_HAVE_JEMALLOC=1)
  target_sources(adv_allocator INTERFACE "${CMAKE_CURRENT_LIST_DIR}/jemalloc_conf.cpp")
  message(STATUS "Allocator: jemalloc ${JEMALLOC_VERSION}")
elseif(ADV_SANITIZE)
  message(STATUS "Allocator: the sanitizer's (jemalloc left out of a sanitizer build)")
else()
  message(WARNING "jemalloc not found: falling back to glibc malloc tuned with mallopt (slower)")
endif()

if(ADV_BUILD_GUI OR ADV_BUILD_TESTS)
  find_package(Qt6 6.2 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Test LinguistTools)
endif()
if(ADV_BUILD_GUI)
  find_package(QCustomPlotQt6 REQUIRED)
endif()
