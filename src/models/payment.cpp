#include "yuno/models/payment.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "internal/model_tape.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// ---- field lists: `io` is a FieldReader or a FieldWriter, one list for both directions --

template <typename IO, typename Model>
void currency_conversion_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("code", value.code);
  io.optional("status", value.status);
  io.optional("error_reason", value.error_reason);
  io.optional("provider", value.provider);
  io.optional("provider_currency_conversion_id", value.provider_currency_conversion_id);
  io.optional("cardholder_currency", value.cardholder_currency);
  io.optional("cardholder_amount", value.cardholder_amount);
  io.optional("cardholder_accepted", value.cardholder_accepted);
  io.optional("rate", value.rate);
  io.optional("rate_margin_percentage", value.rate_margin_percentage);
  io.optional("rate_source", value.rate_source);
  io.optional("description", value.description);
  io.optional("created_at", value.created_at);
  io.optional("expires_at", value.expires_at);
  io.optional("provider_data", value.provider_data);
}

template <typename IO, typename Model>
void checkout_fields(IO& io, Model& value) {
  io.optional("session", value.session);
  io.optional("sdk_action_required", value.sdk_action_required);
}

template <typename IO, typename Model>
void order_item_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("name", value.name);
  io.optional("quantity", value.quantity);
  io.optional("unit_amount", value.unit_amount);
  io.optional("category", value.category);
  io.optional("brand", value.brand);
  io.optional("sku_code", value.sku_code);
  io.optional("manufacture_part_number", value.manufacture_part_number);
  io.optional("image_url", value.image_url);
  io.optional("url", value.url);
}

template <typename IO, typename Model>
void order_shipping_fields(IO& io, Model& value) {
  io.optional("type", value.type);
  io.optional("carrier", value.carrier);
  io.optional("deliver_at", value.deliver_at);
  io.optional("description", value.description);
}

template <typename IO, typename Model>
void order_fields(IO& io, Model& value) {
  io.optional("items", value.items);
  io.optional("shipping_amount", value.shipping_amount);
  io.optional("fee_amount", value.fee_amount);
  io.optional("tip_amount", value.tip_amount);
  io.optional("shipping", value.shipping);
  io.optional("sales_channel", value.sales_channel);
  io.optional("discounts", value.discounts);
  io.optional("taxes", value.taxes);
  io.optional("tickets", value.tickets);
  io.optional("account_funding", value.account_funding);
  io.optional("fulfillment", value.fulfillment);
}

template <typename IO, typename Model>
void additional_data_fields(IO& io, Model& value) {
  io.optional("order", value.order);
  io.optional("airline", value.airline);
  io.optional("seller_details", value.seller_details);
  io.optional("transportations", value.transportations);
}

template <typename IO, typename Model>
void split_amount_fields(IO& io, Model& value) {
  io.optional("value", value.value);
  io.optional("currency", value.currency);
  io.optional("calculation_type", value.calculation_type);
  io.optional("fixed_amount", value.fixed_amount);
  io.optional("percentage", value.percentage);
  io.optional("rounding_mode", value.rounding_mode);
}

template <typename IO, typename Model>
void split_entry_fields(IO& io, Model& value) {
  io.optional("type", value.type);
  io.optional("recipient_id", value.recipient_id);
  io.optional("provider_recipient_id", value.provider_recipient_id);
  io.optional("recipient_type", value.recipient_type);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("description", value.description);
  io.optional("amount", value.amount);
  io.optional("liability", value.liability);
}

// Transaction fields other than id, type, status and payment (direction-specific).
template <typename IO, typename Model>
void transaction_fields(IO& io, Model& value) {
  io.optional("category", value.category);
  io.optional("amount", value.amount);
  io.optional("description", value.description);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("reason", value.reason);
  io.optional("response_code", value.response_code);
  io.optional("response_message", value.response_message);
  io.optional("merchant_advice_code", value.merchant_advice_code);
  io.optional("merchant_advice_code_message", value.merchant_advice_code_message);
  io.optional("provider_id", value.provider_id);
  io.optional("payment_method", value.payment_method);
  io.optional("provider_data", value.provider_data);
  io.optional("connection_data", value.connection_data);
  io.optional("three_d_secure_action_required", value.three_d_secure_action_required);
  io.optional("customer_payer", value.customer_payer);
  io.optional("simplified_mode", value.simplified_mode);
  io.optional("receipt", value.receipt);
  io.optional("receipt_url", value.receipt_url);
  io.optional("receipt_language", value.receipt_language);
  io.optional("created_at", value.created_at);
  io.optional("updated_at", value.updated_at);
}

// Payment fields other than id, status, sub_status and the transaction lists.
template <typename IO, typename Model>
void payment_fields(IO& io, Model& value) {
  io.optional("account_id", value.account_id);
  io.optional("account_code", value.account_code);
  io.optional("idempotency_key", value.idempotency_key);
  io.optional("description", value.description);
  io.optional("country", value.country);
  io.optional("merchant_order_id", value.merchant_order_id);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("amount", value.amount);
  io.optional("checkout", value.checkout);
  io.optional("payment_method", value.payment_method);
  io.optional("customer_payer", value.customer_payer);
  io.optional("additional_data", value.additional_data);
  io.optional("workflow", value.workflow);
  io.optional("callback_url", value.callback_url);
  io.optional("metadata", value.metadata);
  io.optional("split_marketplace", value.split_marketplace);
  io.optional("split", value.split);
  io.optional("taxes", value.taxes);
  io.optional("fraud_screening", value.fraud_screening);
  io.optional("routing_rules", value.routing_rules);
  io.optional("subscription", value.subscription);
  io.optional("subscription_code", value.subscription_code);
  io.optional("payment_link_id", value.payment_link_id);
  io.optional("payment_link_code", value.payment_link_code);
  io.optional("simplified_mode", value.simplified_mode);
  io.optional("created_at", value.created_at);
  io.optional("updated_at", value.updated_at);
}

template <typename IO, typename Model>
void response_additional_data_fields(IO& io, Model& value) {
  io.optional("receipt", value.receipt);
  io.optional("receipt_language", value.receipt_language);
  io.optional("raw_request", value.raw_request);
  io.optional("raw_response", value.raw_response);
  io.optional("transactions_history", value.transactions_history);
}

// ---- transactions as an array or a single object -----------------------------------

struct TransactionList {
  std::vector<Transaction> items;
  bool single_object = false;
};

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, TransactionList& value) {
  if (j.is_object()) {
    value.items.assign(1, j.template get<Transaction>());
    value.single_object = true;
  } else if (j.is_array()) {
    value.items = j.template get<std::vector<Transaction>>();
    value.single_object = false;
  } else {
    internal::wrong_shape("an array or an object", j);
  }
}

void from_json(const nlohmann::json& j, TransactionList& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, TransactionList& value) { read(j, value); }

template <typename Reader, typename Shape>
void read_transactions(Reader& in, std::string_view key, std::vector<Transaction>& out,
                       Shape& shape) {
  std::optional<TransactionList> list;
  in.optional(key, list);
  if (!list) {
    out.clear();
    shape = Shape::kUnset;
    return;
  }
  out = std::move(list->items);
  shape = list->single_object ? Shape::kObject : Shape::kArray;
}

// The shape that was read; a list built in code is written as an array when not empty.
template <typename Shape>
void write_transactions(FieldWriter& out, const char* key, const std::vector<Transaction>& items,
                        Shape shape) {
  if (shape == Shape::kObject && items.size() == 1) {
    out.required(key, items.front());
  } else if (shape != Shape::kUnset || !items.empty()) {
    out.required(key, items);
  }
}

// ---- helpers -------------------------------------------------------------------------

// Yuno's timestamps are ISO 8601 UTC with 0 to 9 fractional digits ("...T14:27:53.8355Z"),
// so text comparison fails when the digit counts differ: compare the seconds part as text
// and the fraction as zero-padded digits. Offsets other than Z are not expected.
bool is_earlier(const std::string& a, const std::string& b) {
  auto split = [](const std::string& t) {
    const std::size_t end = std::min(t.find_first_of(".Z+", 10), t.size());
    std::string fraction;
    if (end < t.size() && t[end] == '.') {
      for (std::size_t i = end + 1;
           i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0; ++i) {
        fraction += t[i];
      }
    }
    return std::make_pair(t.substr(0, end), fraction);
  };
  auto [whole_a, fraction_a] = split(a);
  auto [whole_b, fraction_b] = split(b);
  if (whole_a != whole_b) return whole_a < whole_b;
  const std::size_t digits = std::max(fraction_a.size(), fraction_b.size());
  fraction_a.resize(digits, '0');
  fraction_b.resize(digits, '0');
  return fraction_a < fraction_b;
}

// `transactions`, then the entries of `transactions_history` whose id is not listed yet.
std::vector<const Transaction*> all_transactions(const Payment& payment) {
  std::vector<const Transaction*> out;
  for (const Transaction& t : payment.transactions) out.push_back(&t);
  for (const Transaction& t : payment.transactions_history) {
    const bool listed = std::any_of(out.begin(), out.end(), [&](const Transaction* seen) {
      return !t.id.empty() && seen->id == t.id;
    });
    if (!listed) out.push_back(&t);
  }
  return out;
}

Decimal at_least_zero(Decimal value) { return value < Decimal() ? Decimal() : value; }

}  // namespace

// ---- Payment helpers -------------------------------------------------------------------

bool Payment::is_approved() const { return status == PaymentStatus::kSucceeded; }

bool Payment::is_pending() const {
  return status == PaymentStatus::kCreated || status == PaymentStatus::kReadyToPay ||
         status == PaymentStatus::kPending;
}

bool Payment::is_authorized() const {
  return status == PaymentStatus::kPending && sub_status == PaymentSubStatus::kAuthorized;
}

bool Payment::is_declined() const {
  return status == PaymentStatus::kDeclined || status == PaymentStatus::kRejected;
}

bool Payment::is_refunded() const { return status == PaymentStatus::kRefunded; }

bool Payment::is_canceled() const { return status == PaymentStatus::kCanceled; }

std::vector<Transaction> Payment::transactions_of_type(const TransactionType& type) const {
  std::vector<Transaction> out;
  for (const Transaction* t : all_transactions(*this)) {
    if (t->type == type) out.push_back(*t);
  }
  return out;
}

const Transaction* Payment::last_transaction(const TransactionType& type,
                                             const TransactionStatus& status) const {
  const Transaction* best = nullptr;
  for (const Transaction* t : all_transactions(*this)) {
    if (t->type != type || t->status != status) continue;
    const bool both_dated = best != nullptr && best->created_at && t->created_at;
    if (best == nullptr || !both_dated || !is_earlier(*t->created_at, *best->created_at)) {
      best = t;
    }
  }
  return best;
}

Decimal Payment::capturable_amount() const {
  if (!is_authorized() || !amount) return Decimal();
  return at_least_zero(amount->value - amount->captured.value_or(Decimal()));
}

Decimal Payment::refundable_amount() const {
  if (status != PaymentStatus::kSucceeded || !amount) return Decimal();
  const Decimal charged =
      amount->captured && *amount->captured > Decimal() ? *amount->captured : amount->value;
  return at_least_zero(charged - amount->refunded.value_or(Decimal()));
}

// ---- conversions -----------------------------------------------------------------------

void to_json(nlohmann::json& j, const CurrencyConversion& value) {
  FieldWriter out(j);
  currency_conversion_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, CurrencyConversion& value) {
  FieldReader in(j, "CurrencyConversion");
  currency_conversion_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, CurrencyConversion& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, CurrencyConversion& value) { read(j, value); }

void to_json(nlohmann::json& j, const Amount& value) {
  const bool value_only = value.currency.empty() && !value.captured && !value.refunded &&
                          !value.currency_conversion && value.unknown_fields.empty();
  if (value.shape_ == Amount::Shape::kBareNumber && value_only) {
    j = value.value;
    return;
  }
  FieldWriter out(j);
  if (value.shape_ == Amount::Shape::kStringValue) {
    out.required("value", value.value.to_string());
  } else {
    out.required("value", value.value);
  }
  if (!value.currency.empty()) out.required("currency", value.currency);
  out.optional("captured", value.captured);
  out.optional("refunded", value.refunded);
  out.optional("currency_conversion", value.currency_conversion);
  out.finish(value.unknown_fields);
}

// Amount's friends set its private shape from amount_shape.
template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Amount& value) {
  value = Amount();
  if (j.is_number()) {  // a transaction's amount inside a payment
    j.get_to(value.value);
    return;
  }
  FieldReader in(j, "Amount");
  in.required("value", value.value);
  in.value_or_default("currency", value.currency);
  in.optional("captured", value.captured);
  in.optional("refunded", value.refunded);
  in.optional("currency_conversion", value.currency_conversion);
  value.unknown_fields = in.unknown();
}

template <typename Shape, typename Node>
Shape amount_shape(const Node& j) {
  if (j.is_number()) return Shape::kBareNumber;
  return j.at("value").is_string() ? Shape::kStringValue : Shape::kObject;
}

void from_json(const nlohmann::json& j, Amount& value) {
  read(j, value);
  value.shape_ = amount_shape<Amount::Shape>(j);
}

void from_tape(const internal::TapeNode& j, Amount& value) {
  read(j, value);
  value.shape_ = amount_shape<Amount::Shape>(j);
}

void to_json(nlohmann::json& j, const PaymentCheckout& value) {
  FieldWriter out(j);
  checkout_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, PaymentCheckout& value) {
  FieldReader in(j, "PaymentCheckout");
  checkout_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, PaymentCheckout& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, PaymentCheckout& value) { read(j, value); }

void to_json(nlohmann::json& j, const OrderItem& value) {
  FieldWriter out(j);
  order_item_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, OrderItem& value) {
  FieldReader in(j, "OrderItem");
  order_item_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, OrderItem& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, OrderItem& value) { read(j, value); }

void to_json(nlohmann::json& j, const OrderShipping& value) {
  FieldWriter out(j);
  order_shipping_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, OrderShipping& value) {
  FieldReader in(j, "OrderShipping");
  order_shipping_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, OrderShipping& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, OrderShipping& value) { read(j, value); }

void to_json(nlohmann::json& j, const PaymentOrder& value) {
  FieldWriter out(j);
  order_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, PaymentOrder& value) {
  FieldReader in(j, "PaymentOrder");
  order_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, PaymentOrder& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, PaymentOrder& value) { read(j, value); }

void to_json(nlohmann::json& j, const AdditionalData& value) {
  FieldWriter out(j);
  additional_data_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, AdditionalData& value) {
  FieldReader in(j, "AdditionalData");
  additional_data_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, AdditionalData& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, AdditionalData& value) { read(j, value); }

void to_json(nlohmann::json& j, const SplitAmount& value) {
  FieldWriter out(j);
  split_amount_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, SplitAmount& value) {
  FieldReader in(j, "SplitAmount");
  split_amount_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, SplitAmount& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, SplitAmount& value) { read(j, value); }

void to_json(nlohmann::json& j, const SplitMarketplaceEntry& value) {
  FieldWriter out(j);
  split_entry_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, SplitMarketplaceEntry& value) {
  FieldReader in(j, "SplitMarketplaceEntry");
  split_entry_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, SplitMarketplaceEntry& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, SplitMarketplaceEntry& value) { read(j, value); }

void to_json(nlohmann::json& j, const Transaction& value) {
  FieldWriter out(j);
  out.required("id", value.id);
  if (!value.type.empty()) out.required("type", value.type);
  if (!value.status.empty()) out.required("status", value.status);
  transaction_fields(out, value);
  if (value.payment) out.required("payment", *value.payment);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Transaction& value) {
  FieldReader in(j, "Transaction");
  in.required("id", value.id);
  value.type = TransactionType();
  in.value_or_default("type", value.type);
  value.status = TransactionStatus();
  in.value_or_default("status", value.status);
  transaction_fields(in, value);
  std::optional<Payment> payment;
  in.optional("payment", payment);
  value.payment = payment ? std::make_shared<const Payment>(std::move(*payment)) : nullptr;
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Transaction& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, Transaction& value) { read(j, value); }

void to_json(nlohmann::json& j, const Payment& value) {
  FieldWriter out(j);
  out.required("id", value.id);
  if (!value.status.empty()) out.required("status", value.status);
  if (!value.sub_status.empty()) out.required("sub_status", value.sub_status);
  payment_fields(out, value);
  write_transactions(out, "transactions", value.transactions, value.transactions_shape_);
  write_transactions(out, "transactions_history", value.transactions_history,
                     value.transactions_history_shape_);
  out.finish(value.unknown_fields);
}

// Payment's friends pass its private list shapes in.
template <typename Node, typename Shape>  // Node: nlohmann::json or internal::TapeNode
void read(const Node& j, Payment& value, Shape& transactions_shape, Shape& history_shape) {
  FieldReader in(j, "Payment");
  in.required("id", value.id);
  value.status = PaymentStatus();
  in.value_or_default("status", value.status);
  value.sub_status = PaymentSubStatus();
  in.value_or_default("sub_status", value.sub_status);
  payment_fields(in, value);
  read_transactions(in, "transactions", value.transactions, transactions_shape);
  read_transactions(in, "transactions_history", value.transactions_history, history_shape);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Payment& value) {
  read(j, value, value.transactions_shape_, value.transactions_history_shape_);
}

void from_tape(const internal::TapeNode& j, Payment& value) {
  read(j, value, value.transactions_shape_, value.transactions_history_shape_);
}

void to_json(nlohmann::json& j, const ResponseAdditionalData& value) {
  FieldWriter out(j);
  response_additional_data_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, ResponseAdditionalData& value) {
  FieldReader in(j, "ResponseAdditionalData");
  response_additional_data_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, ResponseAdditionalData& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, ResponseAdditionalData& value) { read(j, value); }

}  // namespace yuno
