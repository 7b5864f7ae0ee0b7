# cmake -P script behind the consumer.* tests (see register.cmake). -DMODE=... picks one:
#
#   install               install the build in YUNO_BUILD_DIR into <work>/prefix (a fresh
#                         one): the fixture the find_package and pkg_config tests share
#   find_package          tests/consumer (find_package(yuno CONFIG)) against that prefix
#   pkg_config            main.cpp compiled and linked with only
#                         `pkg-config --cflags --libs yuno` against that prefix; also checks
#                         which dependency headers the public headers pull in
#   add_subdirectory      tests/consumer/add_subdirectory: builds the checkout in its tree
#   fetch_content_shared  tests/consumer/fetch_content with BUILD_SHARED_LIBS=ON: FetchContent
#                         of the checkout; checks the SONAMEs and that only the public API
#                         is exported; then installs that shared build and runs the
#                         find_package and pkg_config checks against it
#
# Consumer projects use the same generator, compiler, flags and sanitizers as this build.
# Any failure stops with a FATAL_ERROR naming the step; the step's output is shown.
cmake_minimum_required(VERSION 3.25)

foreach(var IN ITEMS MODE YUNO_BUILD_DIR YUNO_SOURCE_DIR YUNO_VERSION YUNO_SOVERSION
                     CONSUMER_SOURCE_DIR
                     CONSUMER_WORK_DIR CONSUMER_GENERATOR CONSUMER_CXX_COMPILER CTEST_COMMAND
                     INSTALL_LIBDIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()

set(static_prefix "${CONSUMER_WORK_DIR}/prefix")
cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)

# run_step(<name> [SHOW_OUTPUT] [OUTPUT <var>] COMMAND <command>...): runs one step; on
# failure stops the test with the step's name and its output. SHOW_OUTPUT prints the output
# on success too; OUTPUT stores it (stdout only) in <var>.
function(run_step name)
  cmake_parse_arguments(PARSE_ARGV 1 step "SHOW_OUTPUT" "OUTPUT" "COMMAND")
  message(STATUS "consumer.${MODE}: ${name}")
  string(REPLACE ";" " " shown "${step_COMMAND}")
  message(STATUS "  ${shown}")
  execute_process(COMMAND ${step_COMMAND}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors)
  if(NOT result EQUAL 0 OR step_SHOW_OUTPUT)
    message("${output}${errors}")
  endif()
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer.${MODE} FAILED at step '${name}' (exit ${result}); "
                        "its output is above.")
  endif()
  if(step_OUTPUT)
    set(${step_OUTPUT} "${output}" PARENT_SCOPE)
  endif()
endfunction()

function(fail message)
  message(FATAL_ERROR "consumer.${MODE} FAILED: ${message}")
endfunction()

# The sanitizer flags of cmake/YunoCompilerFlags.cmake: a sanitized libyuno needs the
# runtimes in the consumer's link, and the same instrumentation keeps the run meaningful.
set(cxx_flags "${CONSUMER_CXX_FLAGS}")
set(link_flags "")
if(NOT "${CONSUMER_SANITIZERS}" STREQUAL "")
  string(APPEND cxx_flags " -fsanitize=${CONSUMER_SANITIZERS} -fno-omit-frame-pointer"
                          " -fno-sanitize-recover=all")
  set(link_flags "-fsanitize=${CONSUMER_SANITIZERS}")
endif()
string(STRIP "${cxx_flags}" cxx_flags)

# configure_consumer(<source dir> <build dir> <build type> [-D...]...)
function(configure_consumer source build build_type)
  set(args
    -S "${source}" -B "${build}"
    -G "${CONSUMER_GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CONSUMER_CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${cxx_flags}"
    "-DCMAKE_EXE_LINKER_FLAGS=${link_flags}"
    "-DCMAKE_SHARED_LINKER_FLAGS=${link_flags}"
    "-DCMAKE_BUILD_TYPE=${build_type}"
    # Only what the test names may provide yuno: not ~/.cmake/packages.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    ${ARGN})
  if(NOT "${CONSUMER_MAKE_PROGRAM}" STREQUAL "")
    list(APPEND args "-DCMAKE_MAKE_PROGRAM=${CONSUMER_MAKE_PROGRAM}")
  endif()
  if(NOT "${CONSUMER_CXX_LAUNCHER}" STREQUAL "")
    list(APPEND args "-DCMAKE_CXX_COMPILER_LAUNCHER=${CONSUMER_CXX_LAUNCHER}")
  endif()
  file(REMOVE_RECURSE "${build}")
  run_step("configure ${source}" COMMAND "${CMAKE_COMMAND}" ${args})
endfunction()

# build_and_run(<build dir>): builds, then runs the programs through the project's ctest.
function(build_and_run build)
  run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${build}" --parallel ${jobs})
  run_step("run the consumer programs (app, app_testing)" SHOW_OUTPUT
    COMMAND "${CTEST_COMMAND}" --test-dir "${build}" --output-on-failure --no-tests=error)
endfunction()

# check_find_package(<prefix> <work dir>): tests/consumer against the install in <prefix>.
function(check_find_package prefix work)
  set(build "${work}/build")
  set(build_type "${YUNO_CONFIG}")
  configure_consumer("${CONSUMER_SOURCE_DIR}" "${build}" "${build_type}"
                     "-DCMAKE_PREFIX_PATH=${prefix}")
  # find_package must have used <prefix>, not some other yuno on the machine.
  file(STRINGS "${build}/CMakeCache.txt" found_dir REGEX "^yuno_DIR:")
  string(REGEX REPLACE "^yuno_DIR:[A-Z]+=" "" found_dir "${found_dir}")
  file(REAL_PATH "${prefix}" real_prefix)
  file(REAL_PATH "${found_dir}" real_found_dir)
  string(FIND "${real_found_dir}/" "${real_prefix}/" at)
  if(NOT at EQUAL 0)
    fail("yuno was found in '${found_dir}', not in the install prefix '${prefix}'")
  endif()
  build_and_run("${build}")
endfunction()

# check_pkg_config(<prefix> <work dir> <shared>): compiles and links main.cpp with
# `pkg-config --cflags --libs yuno` alone, runs it, and checks the headers it pulled in.
function(check_pkg_config prefix work shared)
  if("${PKG_CONFIG_EXECUTABLE}" STREQUAL "")
    fail("pkg-config was not found when the tests were configured")
  endif()
  file(REMOVE_RECURSE "${work}")
  file(MAKE_DIRECTORY "${work}")
  set(pc_dir "${prefix}/${INSTALL_LIBDIR}/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  set(pkg "${PKG_CONFIG_EXECUTABLE}")

  run_step("where pkg-config finds yuno" OUTPUT found COMMAND "${pkg}" --variable=pcfiledir yuno)
  string(STRIP "${found}" found)
  file(REAL_PATH "${found}" found)
  file(REAL_PATH "${pc_dir}" real_pc_dir)
  if(NOT found STREQUAL real_pc_dir)
    fail("pkg-config found yuno.pc in '${found}', not in '${pc_dir}'")
  endif()
  run_step("pkg-config --modversion yuno" OUTPUT version COMMAND "${pkg}" --modversion yuno)
  string(STRIP "${version}" version)
  if(NOT version STREQUAL YUNO_VERSION)
    fail("yuno.pc says version '${version}', the build is ${YUNO_VERSION}")
  endif()
  run_step("pkg-config --cflags yuno" OUTPUT cflags COMMAND "${pkg}" --cflags yuno)
  run_step("pkg-config --libs yuno" OUTPUT libs COMMAND "${pkg}" --libs yuno)
  run_step("pkg-config --static --libs yuno" OUTPUT static_libs
           COMMAND "${pkg}" --static --libs yuno)
  string(STRIP "${cflags}" cflags)
  string(STRIP "${libs}" libs)
  message(STATUS "  --cflags: ${cflags}")
  message(STATUS "  --libs:   ${libs}")
  # A shared libyuno links libcurl and libcrypto itself: they stay out of the consumer's
  # link (Requires.private) unless it links statically. A static one cannot do without.
  foreach(dep IN ITEMS -lcurl -lcrypto)
    string(FIND " ${libs} " " ${dep} " in_libs)
    string(FIND " ${static_libs} " " ${dep} " in_static_libs)
    if(in_static_libs EQUAL -1)
      fail("`pkg-config --static --libs yuno` lacks ${dep}: ${static_libs}")
    endif()
    if(shared AND NOT in_libs EQUAL -1)
      fail("`pkg-config --libs yuno` of a shared libyuno overlinks ${dep}: ${libs}")
    endif()
    if(NOT shared AND in_libs EQUAL -1)
      fail("`pkg-config --libs yuno` of a static libyuno lacks ${dep}: ${libs}")
    endif()
  endforeach()

  separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
  separate_arguments(libs_list UNIX_COMMAND "${libs}")
  separate_arguments(cxx_flags_list UNIX_COMMAND "${cxx_flags}")
  set(app "${work}/app")
  run_step("compile and link main.cpp with the pkg-config flags only"
    COMMAND "${CONSUMER_CXX_COMPILER}" -std=c++17 -Wall -Wextra -Wpedantic -Werror
            ${cxx_flags_list}
            "-DYUNO_CONSUMER_EXPECTED_VERSION=\"${YUNO_VERSION}\""
            ${cflags_list} "${CONSUMER_SOURCE_DIR}/main.cpp" ${libs_list} -o "${app}")
  # A shared libyuno outside the loader's paths, as after any `--prefix` install.
  run_step("run it" SHOW_OUTPUT
    COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${prefix}/${INSTALL_LIBDIR}" "${app}")

  # The dependency headers a user's build sees: every public header included, then the
  # compiler's list of what it read. libcurl and OpenSSL must not be among them, nor the
  # heavy <nlohmann/json.hpp>: only <nlohmann/json_fwd.hpp>.
  file(GLOB_RECURSE headers RELATIVE "${prefix}/include" "${prefix}/include/yuno/*.hpp")
  set(source "")
  foreach(header IN LISTS headers)
    string(APPEND source "#include <${header}>\n")
  endforeach()
  file(WRITE "${work}/all_headers.cpp" "${source}")
  run_step("list the headers the public headers include" OUTPUT deps
    COMMAND "${CONSUMER_CXX_COMPILER}" -std=c++17 ${cflags_list} -M "${work}/all_headers.cpp")
  string(REGEX MATCHALL "[^ \t\r\n\\\\]+" deps "${deps}")
  set(third_party "")
  foreach(dep IN LISTS deps)
    if(dep MATCHES "/(curl|openssl)/")
      fail("the public headers include ${dep}")
    endif()
    if(dep MATCHES "/nlohmann/json\\.hpp$")
      fail("the public headers include the whole of nlohmann: ${dep}")
    endif()
    if(dep MATCHES "/nlohmann/")
      list(APPEND third_party "${dep}")
    endif()
  endforeach()
  list(LENGTH headers header_count)
  if(header_count LESS 10 OR NOT third_party MATCHES "nlohmann/json_fwd\\.hpp")
    fail("the header check saw ${header_count} public headers and [${third_party}]: "
         "expected every header and <nlohmann/json_fwd.hpp>")
  endif()
  list(REMOVE_DUPLICATES third_party)
  message(STATUS "  ${header_count} public headers include, besides the standard library: "
                 "${third_party}")
endfunction()

# check_shared_library(<library> <must export>...): the SONAME is lib<name>.so.<soversion>, no
# yuno::internal symbol is exported, and the given public symbols are.
function(check_shared_library library)
  get_filename_component(name "${library}" NAME)
  string(REGEX REPLACE "\\.so.*$" "" base "${name}")
  run_step("read the dynamic section of ${name}" OUTPUT dynamic
    COMMAND "${READELF_EXECUTABLE}" -d "${library}")
  string(REPLACE "." "\\." soversion "${YUNO_SOVERSION}")
  if(NOT dynamic MATCHES "\\(SONAME\\)[^\n]*\\[${base}\\.so\\.${soversion}\\]")
    fail("${name} has no SONAME ${base}.so.${YUNO_SOVERSION}:\n${dynamic}")
  endif()
  run_step("list the symbols ${name} exports" OUTPUT symbols
    COMMAND "${NM_EXECUTABLE}" -D --defined-only -C "${library}")
  string(REPLACE "\n" ";" symbols "${symbols}")
  list(FILTER symbols EXCLUDE REGEX "^[ \t]*$")
  list(LENGTH symbols count)
  # Internal: an entity of yuno::internal (or its vtable, typeinfo...), or a template
  # instantiated with an internal type. A public member taking an internal type (the
  # sub-clients' private constructors) is the public class's and is not matched.
  set(entity "^[0-9a-f]* [A-Za-z] ((typeinfo|typeinfo name|vtable|VTT|guard variable) for )?")
  set(internal_regex
      "${entity}(yuno::internal::|yuno::\\(anonymous namespace\\)|[^(]*<[^(]*yuno::internal::)")
  # The filter must catch what it is for, or an empty result would prove nothing.
  set(probes
    "0000000000001000 T yuno::internal::ClientCore::execute(yuno::HttpRequest const&) const"
    "0000000000001000 V vtable for yuno::internal::AsyncCompletion"
    "0000000000001000 W std::_Sp_counted_ptr_inplace<yuno::internal::AsyncCall, std::allocator<void>>::_M_dispose()"
    "0000000000001000 T yuno::CustomersClient::CustomersClient(std::shared_ptr<yuno::internal::ClientCore const>)")
  list(FILTER probes INCLUDE REGEX "${internal_regex}")
  list(LENGTH probes probe_count)
  if(NOT probe_count EQUAL 3)
    fail("the internal-symbol filter is broken: it matched [${probes}]")
  endif()
  set(internal "${symbols}")
  list(FILTER internal INCLUDE REGEX "${internal_regex}")
  if(internal)
    string(REPLACE ";" "\n" internal "${internal}")
    fail("${name} exports internal symbols:\n${internal}")
  endif()
  foreach(wanted IN LISTS ARGN)
    set(found "${symbols}")
    list(FILTER found INCLUDE REGEX "${wanted}")
    if(NOT found)
      fail("${name} does not export '${wanted}'")
    endif()
  endforeach()
  message(STATUS "  ${name}: SONAME ${base}.so.${YUNO_SOVERSION}, ${count} symbols "
                 "exported, none of them yuno::internal")
endfunction()

# check_links_shared(<program>): the program loads libyuno.so.<soversion> at run time.
function(check_links_shared program)
  run_step("read the dynamic section of the program" OUTPUT dynamic
    COMMAND "${READELF_EXECUTABLE}" -d "${program}")
  string(REPLACE "." "\\." soversion "${YUNO_SOVERSION}")
  if(NOT dynamic MATCHES "\\(NEEDED\\)[^\n]*\\[libyuno\\.so\\.${soversion}\\]")
    fail("${program} does not load libyuno.so.${YUNO_SOVERSION}:\n${dynamic}")
  endif()
endfunction()

if(MODE STREQUAL "install")
  # Fresh every time: nothing from an earlier run (or an older layout) may help.
  file(REMOVE_RECURSE "${static_prefix}")
  set(config_args)
  if(NOT "${YUNO_CONFIG}" STREQUAL "")
    set(config_args --config "${YUNO_CONFIG}")
  endif()
  run_step("install the build into ${static_prefix}"
    COMMAND "${CMAKE_COMMAND}" --install "${YUNO_BUILD_DIR}" --prefix "${static_prefix}"
            ${config_args})

elseif(MODE STREQUAL "find_package")
  check_find_package("${static_prefix}" "${CONSUMER_WORK_DIR}/find_package")

elseif(MODE STREQUAL "pkg_config")
  check_pkg_config("${static_prefix}" "${CONSUMER_WORK_DIR}/pkg_config" FALSE)

elseif(MODE STREQUAL "add_subdirectory")
  set(build "${CONSUMER_WORK_DIR}/add_subdirectory")
  # No build type: -O0 without debug info, the quickest compile of the library.
  configure_consumer("${CONSUMER_SOURCE_DIR}/add_subdirectory" "${build}" ""
    "-DYUNO_SOURCE_DIR=${YUNO_SOURCE_DIR}"
    "-DYUNO_CONSUMER_EXPECTED_VERSION=${YUNO_VERSION}")
  build_and_run("${build}")

elseif(MODE STREQUAL "fetch_content_shared")
  foreach(var IN ITEMS NM_EXECUTABLE READELF_EXECUTABLE)
    if("${${var}}" STREQUAL "")
      fail("${var} (nm, readelf from binutils) was not found when the tests were configured")
    endif()
  endforeach()
  set(work "${CONSUMER_WORK_DIR}/fetch_content_shared")
  set(build "${work}/build")
  set(prefix "${work}/prefix")
  file(REMOVE_RECURSE "${work}")
  configure_consumer("${CONSUMER_SOURCE_DIR}/fetch_content" "${build}" ""
    "-DFETCHCONTENT_SOURCE_DIR_YUNO=${YUNO_SOURCE_DIR}"
    -DFETCHCONTENT_FULLY_DISCONNECTED=ON
    -DBUILD_SHARED_LIBS=ON
    "-DYUNO_CONSUMER_EXPECTED_VERSION=${YUNO_VERSION}")
  build_and_run("${build}")

  include("${build}/consumer_artifacts.cmake")
  if(NOT CONSUMER_YUNO_TYPE STREQUAL "SHARED_LIBRARY")
    fail("BUILD_SHARED_LIBS=ON built yuno as a ${CONSUMER_YUNO_TYPE}")
  endif()
  check_links_shared("${CONSUMER_APP}")
  check_shared_library("${CONSUMER_YUNO_FILE}"
    "^[0-9a-f]+ T yuno::version\\(\\)$"
    " T yuno::YunoClient::YunoClient\\("
    " T yuno::webhooks::construct_event\\("
    " T yuno::to_json\\(nlohmann::"
    # Exceptions thrown inside libyuno are caught by type in the program.
    " [VR] typeinfo for yuno::ApiError$")
  check_shared_library("${CONSUMER_YUNO_TESTING_FILE}"
    " T yuno::testing::MockTransport::enqueue_json\\("
    " T yuno::testing::FakeClock::advance\\(")

  # The same shared build installed, used through its CMake package and its yuno.pc.
  run_step("install the shared build into ${prefix}"
    COMMAND "${CMAKE_COMMAND}" --install "${build}" --prefix "${prefix}")
  check_find_package("${prefix}" "${work}/find_package")
  include("${work}/find_package/build/consumer_artifacts.cmake")
  check_links_shared("${CONSUMER_APP}")
  check_pkg_config("${prefix}" "${work}/pkg_config" TRUE)

else()
  message(FATAL_ERROR "run_consumer_test.cmake: unknown MODE '${MODE}'")
endif()

message(STATUS "consumer.${MODE}: passed")
