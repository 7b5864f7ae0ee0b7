#include "store.hpp"

namespace yuno::sandbox {

const TransactionRecord* PaymentRecord::transaction(const std::string& transaction_id) const {
  for (const TransactionRecord& transaction : transactions) {
    if (transaction.id == transaction_id) return &transaction;
  }
  return nullptr;
}

void Store::clear() {
  customers.clear();
  customer_by_merchant_id.clear();
  sessions.clear();
  tokens.clear();
  payments.clear();
  payments_by_order.clear();
  customer_sessions.clear();
  payment_methods.clear();
  method_by_vaulted_token.clear();
  methods_by_customer.clear();
}

PaymentMethodRecord* Store::find_method(const std::string& id_or_token) {
  auto it = payment_methods.find(id_or_token);
  if (it != payment_methods.end()) return &it->second;
  const auto token = method_by_vaulted_token.find(id_or_token);
  if (token == method_by_vaulted_token.end()) return nullptr;
  it = payment_methods.find(token->second);
  return it != payment_methods.end() ? &it->second : nullptr;
}

}  // namespace yuno::sandbox
