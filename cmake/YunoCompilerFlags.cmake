# Warnings and sanitizers, applied the same way to every target of the project.

# -Wall -Wextra -Wpedantic on our own targets; -Werror when YUNO_WARNINGS_AS_ERRORS (CI).
function(yuno_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
      $<$<BOOL:${YUNO_WARNINGS_AS_ERRORS}>:-Werror>)
  endif()
endfunction()

# Sanitizers apply to the whole build (library, tests, examples), so that every object
# shares one runtime.
# YUNO_SANITIZERS=thread (the tsan preset) works the same way; TSan cannot share a build
# with ASan, and LeakSanitizer is part of ASan.
if(YUNO_SANITIZERS MATCHES "thread" AND YUNO_SANITIZERS MATCHES "address")
  message(FATAL_ERROR "YUNO_SANITIZERS: thread and address cannot be combined")
endif()
if(YUNO_SANITIZERS)
  add_compile_options(-fsanitize=${YUNO_SANITIZERS} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${YUNO_SANITIZERS})
endif()
