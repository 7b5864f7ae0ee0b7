# Installs yuno as a CMake package: find_package(yuno CONFIG) then link yuno::yuno (and
# yuno::testing for the test doubles). Included by the top CMakeLists once the targets exist.
#
#   <prefix>/include/yuno/...                  public headers, generated version.hpp
#   <prefix>/<libdir>/libyuno*, libyuno_testing*
#   <prefix>/<libdir>/cmake/yuno/              yunoConfig.cmake, yunoConfigVersion.cmake,
#                                              yunoTargets*.cmake
#   <prefix>/<libdir>/pkgconfig/yuno.pc        for pkg-config users (cmake/yuno.pc.in)
#
# Works for static and shared builds (BUILD_SHARED_LIBS); the config re-finds what the
# installed targets need (see cmake/yunoConfig.cmake.in).

option(YUNO_INSTALL "Generate the install rules (headers, libraries, CMake package)" ON)
if(NOT YUNO_INSTALL)
  return()
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(YUNO_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/yuno" CACHE STRING
    "Where yunoConfig.cmake is installed, relative to the install prefix")
mark_as_advanced(YUNO_INSTALL_CMAKEDIR)

# Public headers: everything under include/yuno (models/, testing/ included) plus the
# generated version header, which lands next to them.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/yuno"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT yuno_Development
        FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_BINARY_DIR}/generated/include/yuno/version.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/yuno"
        COMPONENT yuno_Development)

# The targets' EXPORT_NAMEs (yuno, testing) plus the namespace give yuno::yuno and
# yuno::testing, the same names as the in-tree ALIAS targets.
install(TARGETS yuno yuno_testing
        EXPORT yunoTargets
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT yuno_Runtime
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT yuno_Runtime
                NAMELINK_COMPONENT yuno_Development
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT yuno_Development)
install(EXPORT yunoTargets
        NAMESPACE yuno::
        DESTINATION "${YUNO_INSTALL_CMAKEDIR}"
        COMPONENT yuno_Development)

# A static libyuno.a carries its PRIVATE dependencies (libcurl, OpenSSL, threads) into
# the consumer's link line, so the config must find them too; a shared one does not.
get_target_property(_yuno_type yuno TYPE)
if(_yuno_type STREQUAL "STATIC_LIBRARY")
  set(YUNO_STATIC_LIBRARY ON)
else()
  set(YUNO_STATIC_LIBRARY OFF)
endif()
unset(_yuno_type)

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/yunoConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/yunoConfig.cmake"
  INSTALL_DESTINATION "${YUNO_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/yunoConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
          "${PROJECT_BINARY_DIR}/cmake/yunoConfig.cmake"
          "${PROJECT_BINARY_DIR}/cmake/yunoConfigVersion.cmake"
        DESTINATION "${YUNO_INSTALL_CMAKEDIR}"
        COMPONENT yuno_Development)

# pkg-config: <prefix>/<libdir>/pkgconfig/yuno.pc (cmake/yuno.pc.in).
# nlohmann_json is always required (the public headers include <nlohmann/json_fwd.hpp>).
# libcurl and libcrypto are Requires.private for a shared libyuno (it links them itself;
# `--static` still lists them) but plain Requires for a static one: libyuno.a cannot be
# linked without them, and `pkg-config --libs yuno` must be enough.
set(YUNO_PC_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${YUNO_PC_INSTALL_DIR}")
  set(YUNO_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  # ${pcfiledir} is where pkg-config found the file: the prefix is that many levels up, so
  # `cmake --install --prefix <anywhere>` gives a working yuno.pc.
  file(RELATIVE_PATH _yuno_pc_up "/prefix/${YUNO_PC_INSTALL_DIR}" "/prefix")
  string(REGEX REPLACE "/$" "" _yuno_pc_up "${_yuno_pc_up}")
  set(YUNO_PC_PREFIX "\${pcfiledir}/${_yuno_pc_up}")
  unset(_yuno_pc_up)
endif()
foreach(_yuno_dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_yuno_dir}}")
    set(YUNO_PC_${_yuno_dir} "${CMAKE_INSTALL_${_yuno_dir}}")
  else()
    set(YUNO_PC_${_yuno_dir} "\${prefix}/${CMAKE_INSTALL_${_yuno_dir}}")
  endif()
endforeach()
unset(_yuno_dir)
# Minimum versions as in the top CMakeLists.txt.
set(_yuno_pc_private_deps "libcurl >= 7.68, libcrypto >= 1.1.1")
if(YUNO_STATIC_LIBRARY)
  set(YUNO_PC_REQUIRES "nlohmann_json >= 3.10, ${_yuno_pc_private_deps}")
  set(YUNO_PC_REQUIRES_PRIVATE "")
  set(YUNO_PC_LIBS " -pthread")
  set(YUNO_PC_LIBS_PRIVATE "")
  set(YUNO_PC_CFLAGS "")
else()
  set(YUNO_PC_REQUIRES "nlohmann_json >= 3.10")
  set(YUNO_PC_REQUIRES_PRIVATE "${_yuno_pc_private_deps}")
  set(YUNO_PC_LIBS "")
  set(YUNO_PC_LIBS_PRIVATE "-pthread")
  set(YUNO_PC_CFLAGS " -DYUNO_SHARED")
endif()
unset(_yuno_pc_private_deps)
configure_file("${CMAKE_CURRENT_LIST_DIR}/yuno.pc.in" "${PROJECT_BINARY_DIR}/pkgconfig/yuno.pc"
               @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/pkgconfig/yuno.pc"
        DESTINATION "${YUNO_PC_INSTALL_DIR}"
        COMPONENT yuno_Development)
