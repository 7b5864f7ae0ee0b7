// An allocator for the shared state of the futures the `*_async` calls return.
//
// A std::promise<R> allocates room for an R, and R is large for some models (a
// Response<Payment> is about 11 KB: every optional part of a payment is stored inline).
// glibc serves a request that size from its large bins after merging every small free chunk
// first (malloc_consolidate): a few microseconds per call, right after parsing a response has
// freed hundreds of small chunks. Recycling those blocks takes that off each async call.
#pragma once

#include <cstddef>
#include <new>

namespace yuno::internal {

/// Block sizes at or above this are recycled; smaller ones go to operator new directly.
inline constexpr std::size_t kRecycledBlockMin = 2048;

/// A block of exactly `bytes` (>= kRecycledBlockMin): a recycled one when there is one, else
/// a new one (throws std::bad_alloc). Thread-safe.
void* take_block(std::size_t bytes);

/// Gives back a block from take_block(bytes). Kept for reuse (a few per size, process-wide),
/// or freed. Thread-safe, never throws; safe during static destruction.
void give_block(void* block, std::size_t bytes) noexcept;

// In an unnamed namespace, so that the std:: types instantiated with it (the promise's result
// holder, a member template of std::__future_base) have internal linkage. With external
// linkage GCC exports their vtables from a shared libyuno whatever the visibility flags: a
// member template takes its visibility from its class, and namespace std is "default".
namespace {

/// The standard allocator interface over take_block/give_block. Stateless: every instance
/// is interchangeable, so a state allocated on one thread may be freed on any other.
template <typename T>
struct RecyclingAllocator {
  using value_type = T;
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                "recycled blocks have operator new's default alignment");

  RecyclingAllocator() noexcept = default;
  template <typename U>
  RecyclingAllocator(const RecyclingAllocator<U>&) noexcept {}  // NOLINT: rebinding converts

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    return static_cast<T*>(bytes >= kRecycledBlockMin ? take_block(bytes) : ::operator new(bytes));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kRecycledBlockMin) {
      give_block(p, bytes);
    } else {
      ::operator delete(p);
    }
  }

  template <typename U>
  bool operator==(const RecyclingAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const RecyclingAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace
}  // namespace yuno::internal
