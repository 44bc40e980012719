# Every dependency is a Debian 12 package (scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(Protobuf REQUIRED)
find_package(ONNX REQUIRED CONFIG)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED CONFIG)
# gnuplot-iostream.h includes boost/filesystem (its temporary-file support) with Boost >= 1.46.
find_package(Boost REQUIRED COMPONENTS iostreams filesystem)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HWLOC REQUIRED IMPORTED_TARGET hwloc)

# libpfm4 ships neither a CMake package nor a .pc file on Debian.
find_path(PFM_INCLUDE_DIR perfmon/pfmlib_perf_event.h)
find_library(PFM_LIBRARY pfm)
if(NOT PFM_INCLUDE_DIR OR NOT PFM_LIBRARY)
  message(FATAL_ERROR "libpfm4 not found: run scripts/install-deps.sh")
endif()
add_library(edgebench_pfm INTERFACE)
target_include_directories(edgebench_pfm INTERFACE ${PFM_INCLUDE_DIR})
target_link_libraries(edgebench_pfm INTERFACE ${PFM_LIBRARY})
add_library(PFM::pfm ALIAS edgebench_pfm)

# gnuplot-iostream is a header; it needs Boost iostreams and the gnuplot binary.
find_path(GNUPLOT_IOSTREAM_INCLUDE_DIR gnuplot-iostream.h)
find_program(GNUPLOT_EXECUTABLE gnuplot)
if(NOT GNUPLOT_IOSTREAM_INCLUDE_DIR OR NOT GNUPLOT_EXECUTABLE)
  message(FATAL_ERROR "gnuplot-iostream or gnuplot not found: run scripts/install-deps.sh")
endif()

# Debian's libonnx-dev exports un-namespaced targets; give them the names used here.
if(NOT TARGET ONNX::onnx)
  add_library(ONNX::onnx ALIAS onnx)
  add_library(ONNX::onnx_proto ALIAS onnx_proto)
endif()
