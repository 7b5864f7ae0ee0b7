// Umbrella header: everything a merchant backend needs.
#pragma once

#include "yuno/client.hpp"
#include "yuno/client_options.hpp"
#include "yuno/clock.hpp"
#include "yuno/curl_transport.hpp"
#include "yuno/customers.hpp"
#include "yuno/decimal.hpp"
#include "yuno/errors.hpp"
#include "yuno/http_transport.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"
#include "yuno/models/customer.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"
#include "yuno/string_enum.hpp"
#include "yuno/version.hpp"
