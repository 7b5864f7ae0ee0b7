/// @file
/// Umbrella header: everything a merchant backend needs.
#pragma once

#include "yuno/async.hpp"
#include "yuno/checkout_sessions.hpp"
#include "yuno/client.hpp"
#include "yuno/client_options.hpp"
#include "yuno/clock.hpp"
#include "yuno/curl_transport.hpp"
#include "yuno/customer_sessions.hpp"
#include "yuno/customers.hpp"
#include "yuno/decimal.hpp"
#include "yuno/errors.hpp"
#include "yuno/http_transport.hpp"
#include "yuno/json.hpp"
#include "yuno/models/checkout_session.hpp"
#include "yuno/models/common.hpp"
#include "yuno/models/customer.hpp"
#include "yuno/models/enrollment.hpp"
#include "yuno/models/payment.hpp"
#include "yuno/models/payment_method.hpp"
#include "yuno/models/webhook.hpp"
#include "yuno/payment_methods.hpp"
#include "yuno/payments.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"
#include "yuno/string_enum.hpp"
#include "yuno/version.hpp"
#include "yuno/webhook_endpoints.hpp"
#include "yuno/webhooks.hpp"

/// @namespace yuno
/// The SDK: YunoClient and its resource clients, the models (yuno/models/), errors
/// (yuno/errors.hpp), Decimal money and the HTTP transport seam. Everything else in it
/// (yuno::internal) is implementation, not API.
