// The control API under /_sandbox/ (outside Yuno's paths): no credentials, loopback
// clients only, never subject to fault injection.
//
//   GET  /_sandbox/health   {"status": "ok"}
//   POST /_sandbox/reset    clears all state, idempotency records, request and fault counters
//   GET  /_sandbox/stats    {"customers", "checkout_sessions", "tokens", "payments",
//                            "idempotency_keys", "requests", "faults": {...},
//                            "webhooks": {...}}
//   GET  /_sandbox/faults   the FaultSettings
//   PUT  /_sandbox/faults   changes them (fields not sent keep their value); 400 when invalid
#pragma once

#include "api_types.hpp"

namespace yuno::sandbox {

class SandboxApp;

ApiResponse handle_control_request(SandboxApp& app, const ApiRequest& request);

}  // namespace yuno::sandbox
