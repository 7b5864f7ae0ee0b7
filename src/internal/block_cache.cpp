#include "internal/block_cache.hpp"

#include <array>
#include <mutex>
#include <type_traits>

namespace yuno::internal {
namespace {

// A handful of sizes (one per model type the async calls return), a few blocks each: enough
// for a caller that keeps tens of calls in flight, at most ~1.5 MB held for reuse.
constexpr std::size_t kSizes = 8;
constexpr std::size_t kBlocksPerSize = 16;

struct Bin {
  std::size_t bytes = 0;  // 0: unused
  std::size_t count = 0;
  std::array<void*, kBlocksPerSize> blocks{};
};

// Constant-initialised and never destroyed (trivially destructible), so that a future freed
// during static destruction still finds it; Drain frees the cached blocks at exit.
struct Cache {
  std::mutex mutex;
  bool closed = false;
  std::array<Bin, kSizes> bins{};
};
static_assert(std::is_trivially_destructible_v<Cache>, "the cache must outlive every block");

Cache g_cache;

// Runs at exit (registered on first use): frees what is cached, then lets every later block go
// straight back to operator delete. Keeps leak checkers' reports empty.
struct Drain {
  ~Drain() {
    std::lock_guard<std::mutex> lock(g_cache.mutex);
    g_cache.closed = true;
    for (Bin& bin : g_cache.bins) {
      for (std::size_t i = 0; i < bin.count; ++i) ::operator delete(bin.blocks[i]);
      bin.count = 0;
    }
  }
};

}  // namespace

void* take_block(std::size_t bytes) {
  // Registered with the first block: at exit it runs after every static built later, and
  // blocks given back even later (by statics built earlier) go straight to operator delete.
  static Drain drain;
  {
    std::lock_guard<std::mutex> lock(g_cache.mutex);
    for (Bin& bin : g_cache.bins) {
      if (bin.bytes == bytes && bin.count > 0) return bin.blocks[--bin.count];
    }
  }
  return ::operator new(bytes);
}

void give_block(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(g_cache.mutex);
    if (!g_cache.closed) {
      // Bins are claimed in order and never released: a size has at most one.
      Bin* target = nullptr;
      for (Bin& bin : g_cache.bins) {
        if (bin.bytes == bytes || bin.bytes == 0) {
          target = &bin;
          break;
        }
      }
      if (target != nullptr && target->count < kBlocksPerSize) {
        target->bytes = bytes;
        target->blocks[target->count++] = block;
        return;
      }
    }
  }
  ::operator delete(block);
}

}  // namespace yuno::internal
