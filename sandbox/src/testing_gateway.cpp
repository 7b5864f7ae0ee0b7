#include "testing_gateway.hpp"

#include <array>
#include <utility>

namespace yuno::sandbox {
namespace {

// Each test card is a brand prefix followed by the three digits of its outcome.
constexpr std::array<std::string_view, 5> kTestPrefixes = {
    "4507990000000",  // Visa
    "5252440000000",  // Mastercard
    "370000000000",   // American Express
    "3647166000000",  // Diners
    "1139000000000",  // UATP
};

constexpr std::array<std::pair<std::string_view, GatewayOutcome>, 8> kTestSuffixes = {{
    {"002", GatewayOutcome::kSucceeded},
    {"010", GatewayOutcome::kInsufficientFunds},
    {"028", GatewayOutcome::kDeclinedByBank},
    {"036", GatewayOutcome::kDoNotHonor},
    {"044", GatewayOutcome::kInvalidSecurityCode},
    {"051", GatewayOutcome::kInvalidCardData},
    {"069", GatewayOutcome::kReportedStolen},
    {"077", GatewayOutcome::kError},
}};

constexpr std::array<GatewayOutcome, 8> kAllOutcomes = {
    GatewayOutcome::kSucceeded,           GatewayOutcome::kInsufficientFunds,
    GatewayOutcome::kDeclinedByBank,      GatewayOutcome::kDoNotHonor,
    GatewayOutcome::kInvalidSecurityCode, GatewayOutcome::kInvalidCardData,
    GatewayOutcome::kReportedStolen,      GatewayOutcome::kError,
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string brand_of(std::string_view number) {
  auto prefix_number = [&](std::size_t digits) {
    int value = 0;
    for (std::size_t i = 0; i < digits && i < number.size(); ++i) value = value * 10 + (number[i] - '0');
    return value;
  };
  const int two = prefix_number(2);
  const int four = prefix_number(4);
  if (number[0] == '4') return "VISA";
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "MASTERCARD";
  if (two == 34 || two == 37) return "AMERICAN_EXPRESS";
  if (two == 36 || two == 38 || (prefix_number(3) >= 300 && prefix_number(3) <= 305)) {
    return "DINERS";
  }
  if (number[0] == '1') return "UATP";
  if (four == 6011 || two == 65) return "DISCOVER";
  if (four >= 3528 && four <= 3589) return "JCB";
  if (two == 50 || (two >= 56 && two <= 69)) return "MAESTRO";
  return "UNKNOWN";
}

}  // namespace

const char* response_code(GatewayOutcome outcome) {
  switch (outcome) {
    case GatewayOutcome::kSucceeded: return "SUCCEEDED";
    case GatewayOutcome::kInsufficientFunds: return "INSUFFICIENT_FUNDS";
    case GatewayOutcome::kDeclinedByBank: return "DECLINED_BY_BANK";
    case GatewayOutcome::kDoNotHonor: return "DO_NOT_HONOR";
    case GatewayOutcome::kInvalidSecurityCode: return "INVALID_SECURITY_CODE";
    case GatewayOutcome::kInvalidCardData: return "INVALID_CARD_DATA";
    case GatewayOutcome::kReportedStolen: return "REPORTED_STOLEN";
    case GatewayOutcome::kError: return "ERROR";
  }
  return "ERROR";
}

const char* response_message(GatewayOutcome outcome) {
  switch (outcome) {
    case GatewayOutcome::kSucceeded: return "Transaction successful";
    case GatewayOutcome::kInsufficientFunds: return "Insufficient funds";
    case GatewayOutcome::kDeclinedByBank: return "Declined by the bank";
    case GatewayOutcome::kDoNotHonor: return "Do not honor";
    case GatewayOutcome::kInvalidSecurityCode: return "Invalid security code";
    case GatewayOutcome::kInvalidCardData: return "Invalid card data";
    case GatewayOutcome::kReportedStolen: return "Card reported stolen";
    case GatewayOutcome::kError: return "Error processing the transaction";
  }
  return "Error processing the transaction";
}

const char* iso8583_code(GatewayOutcome outcome) {
  switch (outcome) {
    case GatewayOutcome::kSucceeded: return "00";
    case GatewayOutcome::kInsufficientFunds: return "51";
    case GatewayOutcome::kDeclinedByBank: return "05";
    case GatewayOutcome::kDoNotHonor: return "05";
    case GatewayOutcome::kInvalidSecurityCode: return "N7";
    case GatewayOutcome::kInvalidCardData: return "14";
    case GatewayOutcome::kReportedStolen: return "43";
    case GatewayOutcome::kError: return "96";
  }
  return "96";
}

const char* iso8583_message(GatewayOutcome outcome) {
  switch (outcome) {
    case GatewayOutcome::kSucceeded: return "Approved or completed successfully";
    case GatewayOutcome::kInsufficientFunds: return "Not sufficient funds";
    case GatewayOutcome::kDeclinedByBank: return "Do not honor";
    case GatewayOutcome::kDoNotHonor: return "Do not honor";
    case GatewayOutcome::kInvalidSecurityCode: return "Decline for CVV2 failure";
    case GatewayOutcome::kInvalidCardData: return "Invalid card number";
    case GatewayOutcome::kReportedStolen: return "Stolen card";
    case GatewayOutcome::kError: return "System malfunction";
  }
  return "System malfunction";
}

bool is_decline(GatewayOutcome outcome) {
  return outcome != GatewayOutcome::kSucceeded && outcome != GatewayOutcome::kError;
}

std::optional<GatewayOutcome> table_outcome(std::string_view card_number) {
  for (std::string_view prefix : kTestPrefixes) {
    if (card_number.size() != prefix.size() + 3 || !starts_with(card_number, prefix)) continue;
    const std::string_view suffix = card_number.substr(prefix.size());
    for (const auto& [digits, outcome] : kTestSuffixes) {
      if (suffix == digits) return outcome;
    }
  }
  return std::nullopt;
}

std::optional<GatewayOutcome> described_outcome(std::string_view description) {
  for (GatewayOutcome outcome : kAllOutcomes) {
    const std::string_view word = response_code(outcome);
    for (std::size_t at = description.find(word); at != std::string_view::npos;
         at = description.find(word, at + 1)) {
      const bool starts = at == 0 || !is_word_char(description[at - 1]);
      const std::size_t end = at + word.size();
      const bool ends = end == description.size() || !is_word_char(description[end]);
      if (starts && ends) return outcome;
    }
  }
  return std::nullopt;
}

CardSummary summarize_card(std::string_view number) {
  CardSummary card;
  card.iin = std::string(number.substr(0, 6));
  card.lfd = std::string(number.substr(number.size() - 4));
  card.number_length = static_cast<int>(number.size());
  card.brand = brand_of(number);
  card.outcome = table_outcome(number);
  return card;
}

nlohmann::json card_data_json(const CardSummary& card) {
  const bool test_card = card.outcome.has_value();
  return {
      {"holder_name", card.holder_name ? nlohmann::json(*card.holder_name) : nullptr},
      {"iin", card.iin},
      {"lfd", card.lfd},
      {"number_length", card.number_length},
      {"security_code_length",
       card.security_code_length ? nlohmann::json(*card.security_code_length) : nullptr},
      {"brand", card.brand},
      {"type", card.type.value_or("CREDIT")},
      {"category", "CLASSIC"},
      {"issuer_name", test_card ? nlohmann::json("YUNO TESTING GATEWAY") : nullptr},
      {"issuer_code", nullptr},
      {"country_code", test_card ? nlohmann::json("US") : nullptr},
      {"fingerprint", nullptr},
      {"expiration_month", card.expiration_month ? nlohmann::json(*card.expiration_month) : nullptr},
      {"expiration_year", card.expiration_year ? nlohmann::json(*card.expiration_year) : nullptr},
  };
}

}  // namespace yuno::sandbox
