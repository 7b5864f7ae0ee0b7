# Installs yuno as a CMake package: find_package(yuno CONFIG) then link yuno::yuno (and
# yuno::testing for the test doubles). Included by the top CMakeLists once the targets exist.
#
#   <prefix>/include/yuno/...                  public headers, generated version.hpp
#   <prefix>/<libdir>/libyuno*, libyuno_testing*
#   <prefix>/<libdir>/cmake/yuno/              yunoConfig.cmake, yunoConfigVersion.cmake,
#                                              yunoTargets*.cmake
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
