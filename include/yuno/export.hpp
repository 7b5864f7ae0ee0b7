/// @file
/// YUNO_API: marks the public API, the only symbols a shared libyuno (and libyuno_testing)
/// exports. The libraries are compiled with hidden visibility by default
/// (CXX_VISIBILITY_PRESET hidden, VISIBILITY_INLINES_HIDDEN), so yuno::internal and every
/// other implementation detail stays out of the dynamic symbol table.
///
/// YUNO_SHARED is defined by the build (and for consumers, by the CMake package and yuno.pc)
/// when the libraries are shared. In static builds YUNO_API is empty: a program or shared
/// library that links libyuno.a does not re-export yuno's symbols.
#pragma once

#if defined(YUNO_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define YUNO_API __attribute__((visibility("default")))
#else
#define YUNO_API
#endif
