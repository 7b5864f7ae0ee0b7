// Reading models from a JsonTape (internal/json_tape.hpp), the response path, with the same
// field lists and the same results as the nlohmann DOM path (internal/model_json.hpp).
//
// Every value has a fast path for the kind a field expects (a string for a std::string, an
// object for a model...). Anything else goes through nlohmann: the value is turned into
// nlohmann::json and read by the DOM path, so odd conversions (true read as 1.0) and every
// error message are nlohmann's and the models' own, by construction. Models without a tape
// reader (from_tape, declared below) are read that way too: correct, only slower.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "internal/json_tape.hpp"
#include "internal/model_json.hpp"
#include "yuno/decimal.hpp"
#include "yuno/json.hpp"
#include "yuno/string_enum.hpp"

namespace yuno {

struct AdditionalData;
struct Address;
struct Amount;
struct BrowserInfo;
struct CardData;
struct CardDetail;
struct CurrencyConversion;
struct CustomerPayer;
struct DeviceFingerprint;
struct Document;
struct Enrollment;
struct EnrollmentVerification;
struct MerchantCustomerValidations;
struct MetadataEntry;
struct OrderItem;
struct OrderShipping;
struct Payment;
struct PaymentCheckout;
struct PaymentMethod;
struct PaymentMethodDetail;
struct PaymentMethodProvider;
struct PaymentOrder;
struct Phone;
struct ResponseAdditionalData;
struct SplitAmount;
struct SplitMarketplaceEntry;
struct StoredCredentials;
struct Transaction;

// The models with a tape reader (defined next to their from_json). A model missing here is
// read through the DOM; one declared here must be defined, or linking fails.
void from_tape(const internal::TapeNode& j, AdditionalData& value);
void from_tape(const internal::TapeNode& j, Address& value);
void from_tape(const internal::TapeNode& j, Amount& value);
void from_tape(const internal::TapeNode& j, BrowserInfo& value);
void from_tape(const internal::TapeNode& j, CardData& value);
void from_tape(const internal::TapeNode& j, CardDetail& value);
void from_tape(const internal::TapeNode& j, CurrencyConversion& value);
void from_tape(const internal::TapeNode& j, CustomerPayer& value);
void from_tape(const internal::TapeNode& j, DeviceFingerprint& value);
void from_tape(const internal::TapeNode& j, Document& value);
void from_tape(const internal::TapeNode& j, Enrollment& value);
void from_tape(const internal::TapeNode& j, EnrollmentVerification& value);
void from_tape(const internal::TapeNode& j, MerchantCustomerValidations& value);
void from_tape(const internal::TapeNode& j, MetadataEntry& value);
void from_tape(const internal::TapeNode& j, OrderItem& value);
void from_tape(const internal::TapeNode& j, OrderShipping& value);
void from_tape(const internal::TapeNode& j, Payment& value);
void from_tape(const internal::TapeNode& j, PaymentCheckout& value);
void from_tape(const internal::TapeNode& j, PaymentMethod& value);
void from_tape(const internal::TapeNode& j, PaymentMethodDetail& value);
void from_tape(const internal::TapeNode& j, PaymentMethodProvider& value);
void from_tape(const internal::TapeNode& j, PaymentOrder& value);
void from_tape(const internal::TapeNode& j, Phone& value);
void from_tape(const internal::TapeNode& j, ResponseAdditionalData& value);
void from_tape(const internal::TapeNode& j, SplitAmount& value);
void from_tape(const internal::TapeNode& j, SplitMarketplaceEntry& value);
void from_tape(const internal::TapeNode& j, StoredCredentials& value);
void from_tape(const internal::TapeNode& j, Transaction& value);

namespace internal {

template <typename T, typename = void>
struct has_tape_reader : std::false_type {};
template <typename T>
struct has_tape_reader<T, std::void_t<decltype(from_tape(std::declval<const TapeNode&>(),
                                                         std::declval<T&>()))>>
    : std::true_type {};

/// The DOM path for a value the fast paths do not take: same conversion, same error.
template <typename T>
void read_value_through_dom(const TapeNode& node, T& out) {
  node.to_json().get_to(out);
}

inline void read_value(const TapeNode& node, std::string& out) {
  if (!node.is_string()) return read_value_through_dom(node, out);
  out.assign(node.string());
}

inline void read_value(const TapeNode& node, bool& out) {
  if (!node.is_boolean()) return read_value_through_dom(node, out);
  out = node.boolean();
}

inline void read_value(const TapeNode& node, Decimal& out) {
  // Numbers go through Decimal's own from_json (a scalar nlohmann::json allocates nothing).
  switch (node.kind()) {
    case JsonTape::Kind::kString:
      out = Decimal::parse(node.string());
      return;
    case JsonTape::Kind::kInteger:
      return from_json(nlohmann::json(node.integer()), out);
    case JsonTape::Kind::kUnsigned:
      return from_json(nlohmann::json(node.unsigned_integer()), out);
    case JsonTape::Kind::kFloat:
      return from_json(nlohmann::json(node.number()), out);
    default:
      return read_value_through_dom(node, out);
  }
}

/// A Json element (in a list): as nlohmann reads it, nulls kept. (A Json *field* drops null
/// members: FieldReader::optional.)
inline void read_value(const TapeNode& node, Json& out) { out = Json(node.to_json()); }

template <typename T>
void read_value(const TapeNode& node, T& out);

template <typename T>
void read_value(const TapeNode& node, std::vector<T>& out) {
  if (!node.is_array()) return read_value_through_dom(node, out);
  std::vector<T> items;  // like nlohmann: a fresh list, assigned when complete
  items.reserve(node.size());
  node.for_each_element(
      [&](const TapeNode& element) { read_value(element, items.emplace_back()); });
  out = std::move(items);
}

template <typename T>
void read_value(const TapeNode& node, T& out) {
  if constexpr (has_tape_reader<T>::value) {
    from_tape(node, out);
  } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    // nlohmann's plain cast from any number (read_integer checks ranges before this).
    switch (node.kind()) {
      case JsonTape::Kind::kInteger:
        out = static_cast<T>(node.integer());
        return;
      case JsonTape::Kind::kUnsigned:
        out = static_cast<T>(node.unsigned_integer());
        return;
      case JsonTape::Kind::kFloat:
        out = static_cast<T>(node.number());
        return;
      default:
        read_value_through_dom(node, out);
    }
  } else if constexpr (std::is_base_of_v<StringEnumBase, T> &&
                       std::is_constructible_v<T, std::string>) {
    if (!node.is_string()) return read_value_through_dom(node, out);
    out = T(std::string(node.string()));
  } else {
    read_value_through_dom(node, out);
  }
}

/// FieldReader over a tape: the same interface and results as FieldReader<nlohmann::json>.
/// Members are found by a linear scan (most keys differ in length, so most comparisons are
/// one integer); a repeated key reads as nlohmann reads it: its last value.
template <>
class FieldReader<TapeNode> {
 public:
  FieldReader(const TapeNode& j, std::string_view model) : model_(model) {
    if (!j.is_object()) {
      throw ModelError(std::string(model) + ": expected a JSON object, got " + j.type_name());
    }
    members_.reserve(j.size());
    j.for_each_member([this](std::string_view key, const TapeNode& value) {
      members_.push_back(Member{key, value, false});
    });
  }

  template <typename T>
  void required(std::string_view key, T& out) {
    const TapeNode* value = find(key);
    if (value == nullptr || value->is_null()) {
      throw ModelError(std::string(model_) + "." + std::string(key) + " is missing");
    }
    read(key, *value, out);
  }

  template <typename T>
  void optional(std::string_view key, std::optional<T>& out) {
    const TapeNode* value = find(key);
    if (value == nullptr || value->is_null()) {
      out.reset();
      return;
    }
    T read_into{};
    read(key, *value, read_into);
    out = std::move(read_into);
  }

  void optional(std::string_view key, std::optional<Json>& out) {
    const TapeNode* value = find(key);
    if (value == nullptr || value->is_null()) {
      out.reset();
      return;
    }
    out = Json(value->to_json_without_null_members());
  }

  template <typename T>
  void value_or_default(std::string_view key, T& out) {
    const TapeNode* value = find(key);
    if (value == nullptr || value->is_null()) return;
    read(key, *value, out);
  }

  Json unknown() const {
    nlohmann::json rest = nlohmann::json::object();
    for (auto member = members_.begin(); member != members_.end(); ++member) {
      if (member->seen || member->value.is_null()) continue;
      // A repeated unknown key: the last one decides (and may be null).
      const bool repeated_later = std::any_of(member + 1, members_.end(), [&](const Member& m) {
        return m.key == member->key;
      });
      if (!repeated_later) {
        rest[std::string(member->key)] = member->value.to_json_without_null_members();
      }
    }
    return rest.empty() ? Json() : Json(std::move(rest));
  }

 private:
  struct Member {
    std::string_view key;
    TapeNode value;
    bool seen;
  };

  // The last member named `key`; every member of that name counts as read.
  const TapeNode* find(std::string_view key) {
    Member* last = nullptr;
    for (Member& member : members_) {
      if (member.key == key) {
        member.seen = true;
        last = &member;
      }
    }
    return last == nullptr ? nullptr : &last->value;
  }

  template <typename T>
  void read(std::string_view key, const TapeNode& value, T& out) {
    try {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        out = read_integer<T>(value);
      } else {
        read_value(value, out);
      }
    } catch (const nlohmann::json::exception& e) {
      throw ModelError(std::string(model_) + "." + std::string(key) + ": " + e.what());
    } catch (const ModelError& e) {
      throw ModelError(std::string(model_) + "." + std::string(key) + "." + e.what());
    } catch (const std::exception& e) {
      throw ModelError(std::string(model_) + "." + std::string(key) + ": " + e.what());
    }
  }

  std::string_view model_;
  std::vector<Member> members_;
};

template <typename T>
T TapeNode::get() const {
  T out{};
  read_value(*this, out);
  return out;
}

template <typename T>
void TapeNode::get_to(T& out) const {
  read_value(*this, out);
}

}  // namespace internal
}  // namespace yuno
