#include "card_input.hpp"

#include <algorithm>

namespace yuno::sandbox {
namespace {

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<CardSummary> read_card(Fields& card, Need holder_name, Need expiration) {
  // Messages name the field, never its value: card data must not reach a log.
  auto number = card.text("number", Need::kRequired, 0, 64);
  if (number && (!all_digits(*number) || number->size() < 8 || number->size() > 19)) {
    card.errors().invalid(card.name("number"), "must be 8 to 19 digits without separators");
    number.reset();
  }
  const auto month = card.integer("expiration_month", expiration, 1, 12);
  const auto year = card.integer("expiration_year", expiration, 0, 9999);
  auto security_code = card.text("security_code", Need::kOptional, 0, 64);
  if (security_code &&
      (!all_digits(*security_code) || security_code->size() < 3 || security_code->size() > 4)) {
    card.errors().invalid(card.name("security_code"), "must be 3 or 4 digits");
    security_code.reset();
  }
  const auto holder = card.text("holder_name", holder_name, 1, 255);
  const auto type = card.text("type", Need::kOptional, 1, 64);
  if (!number) return std::nullopt;
  CardSummary summary = summarize_card(*number);
  if (security_code) summary.security_code_length = static_cast<int>(security_code->size());
  summary.holder_name = holder;
  if (month) summary.expiration_month = static_cast<int>(*month);
  if (year) summary.expiration_year = static_cast<int>(*year);
  summary.type = type;
  return summary;
}

void check_account(Fields& body, const std::optional<std::string>& account_id,
                   const std::string& configured) {
  if (account_id && *account_id != configured) {
    body.errors().invalid(body.name("account_id"),
                          "does not match the account of these API keys");
  }
}

}  // namespace yuno::sandbox
