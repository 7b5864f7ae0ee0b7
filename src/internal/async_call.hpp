// Turning ClientCore::start_async into a std::future<R> for the resource clients.
#pragma once

#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <utility>

#include "internal/client_core.hpp"

namespace yuno::internal {

/// An AsyncCompletion that parses the 2xx result with `parse` into a std::promise<R>.
template <typename R>
class PromiseCompletion final : public AsyncCompletion {
 public:
  using Parse = R (*)(ApiResult&&);
  explicit PromiseCompletion(Parse parse) : parse_(parse) {}

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
  core.start_async(*call, options, std::move(completion));
  return future;
}

}  // namespace yuno::internal
