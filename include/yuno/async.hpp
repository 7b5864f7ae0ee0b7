/// @file
/// The completion callback of the `*_async` calls that take one instead of returning a future.
#pragma once

#include <functional>
#include <future>

namespace yuno {

/// Receives the outcome of an asynchronous call once, as a ready std::future: get() returns
/// the result or throws the same yuno::Error the synchronous call throws (ClientClosedError
/// when the client was destroyed first).
///
/// It runs on the transport's thread (CurlTransport: its curl_multi thread), or on the
/// calling thread for an error found before anything was sent (InvalidArgumentError), or on
/// the thread destroying the client (ClientClosedError). It may start further calls on the
/// same client; it must not block (every call of the client waits meanwhile), must not throw
/// (the exception is dropped) and must not destroy the last handle of its client.
///
/// No thread of yours sleeps per call: keeping N calls in flight from the callback itself
/// costs what a hand-written curl_multi loop costs (docs/performance.md).
template <typename T>
using AsyncCallback = std::function<void(std::future<T>)>;

}  // namespace yuno
