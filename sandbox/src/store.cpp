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
}

}  // namespace yuno::sandbox
