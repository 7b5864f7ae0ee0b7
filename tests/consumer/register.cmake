# The consumer.find_package test: install this build into a fresh prefix, build the outside
# project in tests/consumer against it with find_package(yuno), and run its programs.
# include()d by tests/CMakeLists.txt.

if(NOT YUNO_INSTALL)
  message(STATUS "consumer.find_package: skipped (YUNO_INSTALL is OFF)")
  return()
endif()

set(_yuno_consumer_work_dir "${CMAKE_CURRENT_BINARY_DIR}/consumer")
add_test(NAME consumer.find_package
  COMMAND "${CMAKE_COMMAND}"
    "-DYUNO_BUILD_DIR=${PROJECT_BINARY_DIR}"
    "-DYUNO_CONFIG=$<CONFIG>"
    "-DYUNO_VERSION=${PROJECT_VERSION}"
    "-DCONSUMER_SOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}"
    "-DCONSUMER_WORK_DIR=${_yuno_consumer_work_dir}"
    "-DCONSUMER_GENERATOR=${CMAKE_GENERATOR}"
    "-DCONSUMER_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
    "-DCONSUMER_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
    "-DCONSUMER_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
    "-DCONSUMER_SANITIZERS=${YUNO_SANITIZERS}"
    "-DCTEST_COMMAND=${CMAKE_CTEST_COMMAND}"
    -P "${CMAKE_CURRENT_LIST_DIR}/run_consumer_test.cmake")
# Configuring and building a project takes a while, more so with sanitizers.
set_tests_properties(consumer.find_package PROPERTIES
  LABELS "consumer"
  TIMEOUT 900)
unset(_yuno_consumer_work_dir)
