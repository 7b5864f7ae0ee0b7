// The Yuno Testing Gateway: the card number picks the outcome of a card payment (the
// primer's table), else the payment description may name it, else it succeeds. Also what
// a payment keeps of a card: never the number or the security code, only iin/lfd.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yuno::sandbox {

enum class GatewayOutcome {
  kSucceeded,
  kInsufficientFunds,
  kDeclinedByBank,
  kDoNotHonor,
  kInvalidSecurityCode,
  kInvalidCardData,
  kReportedStolen,
  kError,
};

/// "SUCCEEDED", "INSUFFICIENT_FUNDS"...: the transaction's response_code.
const char* response_code(GatewayOutcome outcome);
/// "Transaction successful", "Insufficient funds"...
const char* response_message(GatewayOutcome outcome);
/// The ISO 8583 code and message the provider data carries ("00", "51"...).
const char* iso8583_code(GatewayOutcome outcome);
const char* iso8583_message(GatewayOutcome outcome);
bool is_decline(GatewayOutcome outcome);  ///< every outcome but kSucceeded and kError

/// The table outcome of a test card number, or nullopt for a card not in the table.
std::optional<GatewayOutcome> table_outcome(std::string_view card_number);
/// The outcome a description names as a word ("... INSUFFICIENT_FUNDS ..."), if any.
std::optional<GatewayOutcome> described_outcome(std::string_view description);

/// What is kept of a card (never the number or the security code).
struct CardSummary {
  std::string iin;  ///< the first 6 digits
  std::string lfd;  ///< the last 4 digits
  std::string brand;
  int number_length = 0;
  std::optional<int> security_code_length;
  std::optional<std::string> holder_name;
  std::optional<int> expiration_month;
  std::optional<int> expiration_year;
  std::optional<std::string> type;  ///< "CREDIT", "DEBIT"... (as sent, default "CREDIT")
  /// From the number, when it is a Testing Gateway card.
  std::optional<GatewayOutcome> outcome;
};

/// The summary of a card number that is valid in form (8 to 19 digits).
CardSummary summarize_card(std::string_view number);

/// `card_data` as Yuno returns it (holder_name, iin, lfd, brand, lengths, expiration...).
nlohmann::json card_data_json(const CardSummary& card);

}  // namespace yuno::sandbox
