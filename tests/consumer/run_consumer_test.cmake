# cmake -P script behind the consumer.find_package test (see register.cmake):
#   1. install the build in YUNO_BUILD_DIR into a fresh prefix under CONSUMER_WORK_DIR;
#   2. configure the project in CONSUMER_SOURCE_DIR with CMAKE_PREFIX_PATH=<that prefix>,
#      with the same generator, compiler, flags, build type and sanitizers;
#   3. build it and run its programs (through its own ctest).
# Any failure stops with a FATAL_ERROR naming the step; the step's output is shown.
cmake_minimum_required(VERSION 3.25)

foreach(var IN ITEMS YUNO_BUILD_DIR CONSUMER_SOURCE_DIR CONSUMER_WORK_DIR CONSUMER_GENERATOR
                     CONSUMER_CXX_COMPILER CTEST_COMMAND)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix "${CONSUMER_WORK_DIR}/prefix")
set(consumer_build "${CONSUMER_WORK_DIR}/build")
# Fresh every time: nothing from an earlier run (or an older install layout) may help.
file(REMOVE_RECURSE "${CONSUMER_WORK_DIR}")
file(MAKE_DIRECTORY "${CONSUMER_WORK_DIR}")

# Runs one step; on failure stops the test with the step's name and its output.
# run_step(<name> [SHOW_OUTPUT] <command>...): SHOW_OUTPUT prints the output on success too.
function(run_step name)
  cmake_parse_arguments(PARSE_ARGV 1 step "SHOW_OUTPUT" "" "")
  set(command ${step_UNPARSED_ARGUMENTS})
  message(STATUS "consumer.find_package: ${name}")
  string(REPLACE ";" " " shown "${command}")
  message(STATUS "  ${shown}")
  execute_process(COMMAND ${command}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  if(NOT result EQUAL 0 OR step_SHOW_OUTPUT)
    message("${output}")
  endif()
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer.find_package FAILED at step '${name}' (exit ${result}); "
                        "its output is above.")
  endif()
  message(STATUS "  ok")
endfunction()

set(config_args)
if(NOT "${YUNO_CONFIG}" STREQUAL "")
  list(APPEND config_args --config "${YUNO_CONFIG}")
endif()

run_step("install the build into ${prefix}"
  "${CMAKE_COMMAND}" --install "${YUNO_BUILD_DIR}" --prefix "${prefix}" ${config_args})

set(configure_args
  -S "${CONSUMER_SOURCE_DIR}" -B "${consumer_build}"
  -G "${CONSUMER_GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${prefix}"
  "-DCMAKE_CXX_COMPILER=${CONSUMER_CXX_COMPILER}"
  # Only the fresh prefix may provide yuno: not ~/.cmake/packages.
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(NOT "${CONSUMER_MAKE_PROGRAM}" STREQUAL "")
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${CONSUMER_MAKE_PROGRAM}")
endif()
if(NOT "${YUNO_CONFIG}" STREQUAL "")
  list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${YUNO_CONFIG}")
endif()
# A sanitized libyuno needs the sanitizer runtimes in the consumer's link (and the same
# instrumentation keeps the run meaningful): the flags of cmake/YunoCompilerFlags.cmake.
set(cxx_flags "${CONSUMER_CXX_FLAGS}")
set(link_flags "")
if(NOT "${CONSUMER_SANITIZERS}" STREQUAL "")
  string(APPEND cxx_flags " -fsanitize=${CONSUMER_SANITIZERS} -fno-omit-frame-pointer"
                          " -fno-sanitize-recover=all")
  set(link_flags "-fsanitize=${CONSUMER_SANITIZERS}")
endif()
string(STRIP "${cxx_flags}" cxx_flags)
list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${cxx_flags}"
                           "-DCMAKE_EXE_LINKER_FLAGS=${link_flags}")

run_step("configure the consumer project" "${CMAKE_COMMAND}" ${configure_args})

# find_package must have used the fresh install, not some other yuno on the machine.
file(STRINGS "${consumer_build}/CMakeCache.txt" found_dir REGEX "^yuno_DIR:")
string(REGEX REPLACE "^yuno_DIR:[A-Z]+=" "" found_dir "${found_dir}")
file(REAL_PATH "${prefix}" real_prefix)
file(REAL_PATH "${found_dir}" real_found_dir)
string(FIND "${real_found_dir}/" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "consumer.find_package FAILED: yuno was found in '${found_dir}', "
                      "not in the fresh install prefix '${prefix}'")
endif()

run_step("build the consumer project"
  "${CMAKE_COMMAND}" --build "${consumer_build}" ${config_args})

set(ctest_args --test-dir "${consumer_build}" --output-on-failure --no-tests=error)
if(NOT "${YUNO_CONFIG}" STREQUAL "")
  list(APPEND ctest_args -C "${YUNO_CONFIG}")
endif()
run_step("run the consumer programs (app, app_testing)" SHOW_OUTPUT
  "${CTEST_COMMAND}" ${ctest_args})

message(STATUS "consumer.find_package: yuno ${YUNO_VERSION} installs and is usable "
               "through find_package(yuno) (yuno::yuno, yuno::testing)")
