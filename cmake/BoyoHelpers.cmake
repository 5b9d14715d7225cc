include(GoogleTest)

# Helpers that give every target the same flags. A layer is one library made of every .cc file
# under its folder, so a wrong-way include (a layer using one below it) fails to link.

# GCC 12 reports false maybe-uninitialized (std::variant) and restrict (std::string at -O3) warnings.
set(BOYO_WARNINGS -Wall -Wextra -Werror -Wno-missing-field-initializers -Wno-maybe-uninitialized -Wno-restrict)

# boyodb_add_library(NAME DIR dir [DEPS targets...]): a layer library from all .cc under DIR.
function(boyodb_add_library name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS;SOURCES" ${ARGN})
  if(ARG_DIR)
    file(GLOB_RECURSE layer_sources CONFIGURE_DEPENDS ${ARG_DIR}/*.cc)
  endif()
  if(NOT layer_sources AND NOT ARG_SOURCES)
    # A layer with no code yet still forwards its dependencies, so layers below it link.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/generated)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(${name} STATIC ${layer_sources} ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/generated)
  target_compile_options(${name} PRIVATE ${BOYO_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# boyodb_add_test(NAME DIR dir DEPS ...): one gtest binary from every *_test.cc under DIR.
function(boyodb_add_test name)
  cmake_parse_arguments(ARG "" "DIR;TIMEOUT" "DEPS;SOURCES;LABELS" ${ARGN})
  set(test_sources ${ARG_SOURCES})
  if(ARG_DIR)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${ARG_DIR}/*_test.cc)
    list(APPEND test_sources ${found})
  endif()
  if(NOT test_sources)
    return()
  endif()
  add_executable(${name} ${test_sources})
  target_compile_options(${name} PRIVATE ${BOYO_WARNINGS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} boyodb_test_support GTest::gtest GTest::gmock
                        GTest::gtest_main)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}"
                       ENVIRONMENT "BOYO_SOURCE_DIR=${PROJECT_SOURCE_DIR};BOYO_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()

# boyodb_add_executable(NAME SOURCES ... DEPS ...)
function(boyodb_add_executable name)
  cmake_parse_arguments(ARG "" "" "DEPS;SOURCES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${BOYO_WARNINGS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
endfunction()

# boyodb_add_bench(NAME SOURCES ... DEPS ...): a benchmark program, run by `make bench`.
function(boyodb_add_bench name)
  cmake_parse_arguments(ARG "" "" "DEPS;SOURCES" ${ARGN})
  boyodb_add_executable(${name} SOURCES ${ARG_SOURCES} DEPS ${ARG_DEPS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endfunction()
