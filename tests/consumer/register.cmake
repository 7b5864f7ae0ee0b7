# The consumer tests (ctest label `consumer`): yuno used from outside, the four ways a
# merchant's build can take it. include()d by tests/CMakeLists.txt; each test runs
# run_consumer_test.cmake in one MODE (see there).
#
#   consumer.install               installs this build into a fresh prefix (fixture)
#   consumer.find_package          find_package(yuno CONFIG) against that prefix
#   consumer.pkg_config            `pkg-config --cflags --libs yuno` against that prefix
#   consumer.add_subdirectory      add_subdirectory(<checkout>) in a consumer project
#   consumer.fetch_content_shared  FetchContent of the checkout with BUILD_SHARED_LIBS=ON;
#                                  SONAMEs, exported symbols, then find_package and
#                                  pkg-config against that shared build installed
#
# The last two compile the library again (once each) inside the consumer project, so they
# are left out of sanitizer builds.

set(_yuno_consumer_work_dir "${CMAKE_CURRENT_BINARY_DIR}/consumer")

find_package(PkgConfig QUIET)
foreach(_yuno_tool IN ITEMS NM READELF)
  if(NOT CMAKE_${_yuno_tool})
    string(TOLOWER "${_yuno_tool}" _yuno_tool_name)
    find_program(CMAKE_${_yuno_tool} ${_yuno_tool_name})
  endif()
endforeach()

set(_yuno_consumer_args
  "-DYUNO_BUILD_DIR=${PROJECT_BINARY_DIR}"
  "-DYUNO_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "-DYUNO_CONFIG=$<CONFIG>"
  "-DYUNO_VERSION=${PROJECT_VERSION}"
  "-DYUNO_SOVERSION=${YUNO_SOVERSION}"
  "-DINSTALL_LIBDIR=${CMAKE_INSTALL_LIBDIR}"
  "-DCONSUMER_SOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}"
  "-DCONSUMER_WORK_DIR=${_yuno_consumer_work_dir}"
  "-DCONSUMER_GENERATOR=${CMAKE_GENERATOR}"
  "-DCONSUMER_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
  "-DCONSUMER_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
  "-DCONSUMER_CXX_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}"
  "-DCONSUMER_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
  "-DCONSUMER_SANITIZERS=${YUNO_SANITIZERS}"
  "-DCTEST_COMMAND=${CMAKE_CTEST_COMMAND}"
  "-DPKG_CONFIG_EXECUTABLE=${PKG_CONFIG_EXECUTABLE}"
  "-DNM_EXECUTABLE=${CMAKE_NM}"
  "-DREADELF_EXECUTABLE=${CMAKE_READELF}")

# _yuno_consumer_test(<mode> <timeout> [<test property> <value>]...)
function(_yuno_consumer_test mode timeout)
  add_test(NAME consumer.${mode}
    COMMAND "${CMAKE_COMMAND}" "-DMODE=${mode}" ${_yuno_consumer_args}
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/run_consumer_test.cmake")
  set_tests_properties(consumer.${mode} PROPERTIES LABELS "consumer" TIMEOUT ${timeout} ${ARGN})
endfunction()

# Configuring and building a project takes a while, more so with sanitizers.
if(YUNO_INSTALL)
  _yuno_consumer_test(install 300 FIXTURES_SETUP yuno_consumer_prefix)
  _yuno_consumer_test(find_package 600 FIXTURES_REQUIRED yuno_consumer_prefix)
  _yuno_consumer_test(pkg_config 300 FIXTURES_REQUIRED yuno_consumer_prefix)
else()
  message(STATUS "consumer.install, consumer.find_package, consumer.pkg_config: skipped "
                 "(YUNO_INSTALL is OFF)")
endif()
# These two compile libyuno again, which under sanitizers adds minutes for little: the
# programs they run are the ones above. They run in the plain (ci) build.
if(YUNO_SANITIZERS)
  message(STATUS "consumer.add_subdirectory, consumer.fetch_content_shared: not in "
                 "sanitizer builds (YUNO_SANITIZERS=${YUNO_SANITIZERS})")
else()
  # Two jobs each (their builds use every core) keeps `ctest -j` from oversubscribing much.
  _yuno_consumer_test(add_subdirectory 1200 PROCESSORS 2)
  _yuno_consumer_test(fetch_content_shared 1800 PROCESSORS 2)
endif()

unset(_yuno_consumer_work_dir)
unset(_yuno_consumer_args)
unset(_yuno_tool)
unset(_yuno_tool_name)
