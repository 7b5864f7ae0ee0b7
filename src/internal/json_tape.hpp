// A parsed JSON text as one flat array of tokens (a "tape"), for reading response bodies
// straight into models without building an nlohmann::json DOM first.
//
// Why: a DOM allocates a map node, a key string and a json value for every member, only for
// the model readers to copy the values out and throw the tree away; that was more than half
// the client CPU of a payment retrieve (docs/performance.md). The tape is filled by
// nlohmann's own SAX parser (the same lexer, grammar and limits as the DOM path) into two
// buffers: the tokens, and one character arena holding every decoded string and key.
//
// The models are read by the same field lists either way (internal/model_tape.hpp); the
// DOM path stays for nlohmann::json users (`j.get<yuno::Payment>()`) and must read alike,
// which tests/unit/json_tape_test.cpp checks on every example of the API's documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "internal/json_limits.hpp"

namespace yuno::internal {

class TapeNode;

class JsonTape {
 public:
  enum class Kind : std::uint8_t {
    kNull,
    kBoolean,
    kInteger,   ///< negative integers (nlohmann's number_integer)
    kUnsigned,  ///< non-negative integers (number_unsigned)
    kFloat,
    kString,
    kKey,  ///< an object member's name; its value is the next token
    kObject,
    kArray,
  };

  struct Token {
    Kind kind = Kind::kNull;
    /// Strings and keys: length in the arena. Objects: members. Arrays: elements.
    std::uint32_t size = 0;
    /// Objects and arrays: the index just past their last token (to skip them).
    std::uint32_t end = 0;
    union {
      bool boolean;
      std::int64_t integer;
      std::uint64_t unsigned_integer;
      double number;
      std::uint32_t offset;  ///< strings and keys: start in the arena
    };
    Token() : integer(0) {}
  };

  /// Parses `text` under the same rules as parse_json_bounded (the nesting limit, raw NUL
  /// bytes refused); `refusal` says why it failed. On failure the tape is empty.
  bool parse(std::string_view text, JsonRefusal* refusal = nullptr);

  /// The root value; only after a successful parse.
  TapeNode root() const;

  const Token& token(std::uint32_t index) const { return tokens_[index]; }
  std::string_view text(const Token& t) const {
    return std::string_view(arena_).substr(t.offset, t.size);
  }
  /// The index just past the value at `index`.
  std::uint32_t next(std::uint32_t index) const {
    const Token& t = tokens_[index];
    return t.kind == Kind::kObject || t.kind == Kind::kArray ? t.end : index + 1;
  }

 private:
  friend class TapeBuilder;
  std::vector<Token> tokens_;
  std::string arena_;
};

/// One value in a JsonTape: a cheap handle (the tape must outlive it). The names follow
/// nlohmann::json's, so that a model reader can be written once for both.
class TapeNode {
 public:
  TapeNode(const JsonTape& tape, std::uint32_t index) : tape_(&tape), index_(index) {}

  JsonTape::Kind kind() const { return token().kind; }
  bool is_null() const { return kind() == JsonTape::Kind::kNull; }
  bool is_boolean() const { return kind() == JsonTape::Kind::kBoolean; }
  bool is_object() const { return kind() == JsonTape::Kind::kObject; }
  bool is_array() const { return kind() == JsonTape::Kind::kArray; }
  bool is_string() const { return kind() == JsonTape::Kind::kString; }
  bool is_number_integer() const {
    return kind() == JsonTape::Kind::kInteger || kind() == JsonTape::Kind::kUnsigned;
  }
  bool is_number_unsigned() const { return kind() == JsonTape::Kind::kUnsigned; }
  bool is_number_float() const { return kind() == JsonTape::Kind::kFloat; }
  bool is_number() const { return is_number_integer() || is_number_float(); }
  /// nlohmann's names ("object", "number"...), so that errors read the same either way.
  const char* type_name() const;

  /// Scalars; each only for its kind (callers check first).
  bool boolean() const { return token().boolean; }
  std::int64_t integer() const { return token().integer; }
  std::uint64_t unsigned_integer() const { return token().unsigned_integer; }
  double number() const { return token().number; }
  std::string_view string() const { return tape_->text(token()); }

  /// Read as T, like nlohmann::json::get/get_to (defined in internal/model_tape.hpp).
  template <typename T>
  T get() const;
  template <typename T>
  void get_to(T& out) const;

  /// The object member `key` (the last one, if repeated, as nlohmann keeps it): empty when
  /// there is none or this is not an object; at() throws std::out_of_range then.
  std::optional<TapeNode> find(std::string_view key) const;
  TapeNode at(std::string_view key) const;

  /// Object members and array elements, in document order.
  std::uint32_t size() const { return token().size; }
  template <typename Visit>  // Visit(std::string_view key, TapeNode value)
  void for_each_member(Visit&& visit) const {
    std::uint32_t at = index_ + 1;
    for (std::uint32_t i = 0; i < size(); ++i) {
      const TapeNode value(*tape_, at + 1);
      visit(tape_->text(tape_->token(at)), value);
      at = tape_->next(at + 1);
    }
  }
  template <typename Visit>  // Visit(TapeNode element)
  void for_each_element(Visit&& visit) const {
    std::uint32_t at = index_ + 1;
    for (std::uint32_t i = 0; i < size(); ++i) {
      visit(TapeNode(*tape_, at));
      at = tape_->next(at);
    }
  }

  /// This value as nlohmann::json, exactly as nlohmann::json::parse builds it (a repeated
  /// key keeps its last value); or without null object members at any depth.
  nlohmann::json to_json() const;
  nlohmann::json to_json_without_null_members() const;

 private:
  const JsonTape::Token& token() const { return tape_->token(index_); }
  nlohmann::json build(bool keep_null_members) const;

  const JsonTape* tape_;
  std::uint32_t index_;
};

inline TapeNode JsonTape::root() const { return TapeNode(*this, 0); }

}  // namespace yuno::internal
