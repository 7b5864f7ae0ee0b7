# The consumer programs, the same in every consumer project (find_package, add_subdirectory,
# FetchContent): include()d once yuno::yuno and yuno::testing exist.
#   YUNO_CONSUMER_EXPECTED_VERSION  the version the program must report
#
# Built with the warnings a strict merchant build uses, as errors: yuno's public headers
# must compile cleanly under them (they are not SYSTEM headers in add_subdirectory builds).

foreach(target IN ITEMS yuno::yuno yuno::testing)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${PROJECT_NAME}: yuno did not provide ${target}")
  endif()
endforeach()

set(_consumer_dir "${CMAKE_CURRENT_LIST_DIR}")

# The SDK only: no test doubles, no nlohmann or curl named here.
add_executable(app "${_consumer_dir}/main.cpp")
target_link_libraries(app PRIVATE yuno::yuno)
target_compile_definitions(app PRIVATE
  "YUNO_CONSUMER_EXPECTED_VERSION=\"${YUNO_CONSUMER_EXPECTED_VERSION}\"")

# The test doubles.
add_executable(app_testing "${_consumer_dir}/testing_main.cpp")
target_link_libraries(app_testing PRIVATE yuno::testing)

foreach(target IN ITEMS app app_testing)
  set_target_properties(${target} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON
                                             CXX_EXTENSIONS OFF)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  endif()
endforeach()

# What the test driver (run_consumer_test.cmake) inspects after the build.
file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/consumer_artifacts.cmake" CONTENT
"set(CONSUMER_APP \"$<TARGET_FILE:app>\")
set(CONSUMER_APP_TESTING \"$<TARGET_FILE:app_testing>\")
set(CONSUMER_YUNO_TYPE \"$<TARGET_PROPERTY:yuno::yuno,TYPE>\")
set(CONSUMER_YUNO_FILE \"$<TARGET_FILE:yuno::yuno>\")
set(CONSUMER_YUNO_TESTING_FILE \"$<TARGET_FILE:yuno::testing>\")
")

enable_testing()
add_test(NAME app COMMAND app)
add_test(NAME app_testing COMMAND app_testing)
unset(_consumer_dir)
