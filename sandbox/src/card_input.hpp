// Reading card data from a request (payments and tokens): the number is checked and
// summarized at once, and never kept.
#pragma once

#include <optional>
#include <string>

#include "testing_gateway.hpp"
#include "validation.hpp"

namespace yuno::sandbox {

/// Reads a `card_data` object: number (8 to 19 digits, required), expiration_month (1-12),
/// expiration_year, security_code (3 or 4 digits), holder_name, type. `expiration` says
/// whether the month and year are required (direct enrollments require them).
std::optional<CardSummary> read_card(Fields& card, Need holder_name,
                                     Need expiration = Need::kOptional);

/// Whether `account_id` is the configured account; records INVALID_PARAMETERS otherwise.
void check_account(Fields& body, const std::optional<std::string>& account_id,
                   const std::string& configured);

}  // namespace yuno::sandbox
