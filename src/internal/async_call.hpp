// Turning ClientCore::start_async into a std::future<R> for the resource clients.
#pragma once

#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <utility>

#include "internal/block_cache.hpp"
#include "internal/client_core.hpp"

namespace yuno::internal {
// TU-local like RecyclingAllocator, which they use (block_cache.hpp says why); only the
// resource clients' .cpp files include this.
namespace {

/// An AsyncCompletion that parses the 2xx result with `parse` into a std::promise<R>. The
/// promise's shared state comes from RecyclingAllocator (block_cache.hpp: R can be 11 KB).
template <typename R>
class PromiseCompletion final : public AsyncCompletion {
 public:
  using Parse = R (*)(ApiResult&&);
  explicit PromiseCompletion(Parse parse)
      : parse_(parse), promise_(std::allocator_arg, RecyclingAllocator<char>{}) {}

  std::future<R> future() { return promise_.get_future(); }

  void succeed(ApiResult&& result) noexcept override {
    try {
      promise_.set_value(parse_(std::move(result)));
    } catch (...) {  // ResponseParseError, or bad_alloc
      fail(std::current_exception());
    }
  }
  void fail(std::exception_ptr error) noexcept override {
    try {
      promise_.set_exception(std::move(error));
    } catch (...) {  // already satisfied: cannot happen, completions run once
    }
  }

 private:
  Parse parse_;
  std::promise<R> promise_;
};

/// An AsyncCompletion that parses like PromiseCompletion, then hands the ready future to a
/// callback, on the thread that completed the call (no thread of the caller waits).
template <typename R>
class CallbackCompletion final : public AsyncCompletion {
 public:
  using Parse = R (*)(ApiResult&&);
  CallbackCompletion(Parse parse, std::function<void(std::future<R>)> done)
      : parse_(parse),
        done_(std::move(done)),
        promise_(std::allocator_arg, RecyclingAllocator<char>{}),
        future_(promise_.get_future()) {}

  void succeed(ApiResult&& result) noexcept override {
    try {
      promise_.set_value(parse_(std::move(result)));
    } catch (...) {  // ResponseParseError, or bad_alloc
      set_error(std::current_exception());
    }
    deliver();
  }
  void fail(std::exception_ptr error) noexcept override {
    set_error(std::move(error));
    deliver();
  }

 private:
  void set_error(std::exception_ptr error) noexcept {
    try {
      promise_.set_exception(std::move(error));
    } catch (...) {  // already satisfied: cannot happen, completions run once
    }
  }
  void deliver() noexcept {
    try {
      done_(std::move(future_));
    } catch (...) {  // documented: a callback must not throw; never unwind into the engine
    }
  }

  Parse parse_;
  std::function<void(std::future<R>)> done_;
  std::promise<R> promise_;
  std::future<R> future_;
};

/// The asynchronous twin of `parse(core.execute(build(), options))`: `build` validates the
/// arguments and returns the ApiCall (whose views must stay valid until this returns);
/// whatever it throws is delivered by the future, like every other error.
template <typename R, typename Build>
std::future<R> run_async(const ClientCore& core, const RequestOptions& options, Build&& build,
                         R (*parse)(ApiResult&&)) {
  auto completion = std::make_unique<PromiseCompletion<R>>(parse);
  std::future<R> future = completion->future();
  std::optional<ApiCall> call;
  try {
    call.emplace(std::forward<Build>(build)());
  } catch (...) {
    completion->fail(std::current_exception());
    return future;
  }
  core.start_async(std::move(*call), options, std::move(completion));
  return future;
}

/// run_async with a completion callback instead of a returned future: `done` receives the
/// ready future once, on the thread that completed the call (or on this one, for an error
/// found before anything was sent). An empty `done` is an InvalidArgumentError, thrown here.
template <typename R, typename Build>
void run_async(const ClientCore& core, const RequestOptions& options, Build&& build,
               R (*parse)(ApiResult&&), std::function<void(std::future<R>)> done) {
  if (!done) throw InvalidArgumentError("the completion callback of an *_async call is empty");
  auto completion = std::make_unique<CallbackCompletion<R>>(parse, std::move(done));
  std::optional<ApiCall> call;
  try {
    call.emplace(std::forward<Build>(build)());
  } catch (...) {
    completion->fail(std::current_exception());
    return;
  }
  core.start_async(std::move(*call), options, std::move(completion));
}

}  // namespace
}  // namespace yuno::internal
