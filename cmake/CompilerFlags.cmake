# Warnings on everywhere; the tree builds without any. -Wnull-dereference is
# left out: at -O3 GCC 12 reports it inside inlined libstdc++ stream and
# nlohmann::json code that our sources cannot change.
set(EDGEBENCH_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wno-psabi)
if(EDGEBENCH_WERROR)
  list(APPEND EDGEBENCH_WARNINGS -Werror)
endif()

if(EDGEBENCH_PORTABLE)
  set(EDGEBENCH_ARCH_FLAGS "")
  set(EDGEBENCH_ISA "portable")
else()
  set(EDGEBENCH_ARCH_FLAGS -march=native)
  set(EDGEBENCH_ISA "native")
  # GCC 12.2 (Debian 12) miscompiles SLP-vectorized stores with AVX-512:
  # std::vector<double>{1, 1, 0, 0} comes out as {1, 1, 1, 1} at -O2/-O3 with
  # -march=znver4/x86-64-v4. Fixed in later GCC; the loop vectorizer, which
  # kernels rely on, is unaffected.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 12.3)
    list(APPEND EDGEBENCH_ARCH_FLAGS -fno-tree-slp-vectorize)
  endif()
endif()
set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")

if(EDGEBENCH_SANITIZE)
  # The sanitizers' instrumentation makes GCC 12 report -Wmaybe-uninitialized
  # inside libstdc++ (std::regex's std::function); the plain build keeps it.
  list(APPEND EDGEBENCH_WARNINGS -Wno-maybe-uninitialized)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Applies the project's warnings and ISA flags to one of its own targets.
function(edgebench_target_defaults target)
  target_compile_options(${target} PRIVATE ${EDGEBENCH_WARNINGS} ${EDGEBENCH_ARCH_FLAGS})
  target_compile_definitions(${target} PRIVATE
    EDGEBENCH_BUILD_TYPE="${CMAKE_BUILD_TYPE}" EDGEBENCH_ISA="${EDGEBENCH_ISA}")
endfunction()

# One CMake library per top-level folder (DESIGN.md): its .cpp files, or an
# interface target while the folder has none yet.
function(edgebench_folder_library name)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(sources)
    add_library(edgebench_${name} STATIC ${sources})
    target_include_directories(edgebench_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    edgebench_target_defaults(edgebench_${name})
  else()
    add_library(edgebench_${name} INTERFACE)
  endif()
  add_library(edgebench::${name} ALIAS edgebench_${name})
endfunction()
