// Masking of card data and secrets in bodies before they reach a log line.
#pragma once

#include <string>
#include <string_view>

namespace yuno::internal {

/// A copy of `body` that is safe to log: in JSON, the values of sensitive fields (card
/// number, CVV/security code, secrets, passwords) are masked and any string or number that
/// looks like a card number (13 to 19 digits) keeps only its last 4 digits. Text that is
/// not JSON has its long digit runs masked the same way.
std::string redact_body(std::string_view body);

}  // namespace yuno::internal
