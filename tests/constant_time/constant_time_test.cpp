// The webhook signature check compares with OpenSSL's constant-time CRYPTO_memcmp over the
// whole digest, wherever the first difference is. Proven by linking this test with
// -Wl,--wrap=CRYPTO_memcmp: every call made inside the (static) library lands here first.
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <yuno/webhooks.hpp>

extern "C" {
int __real_CRYPTO_memcmp(const volatile void* a, const volatile void* b, std::size_t length);

std::vector<std::size_t> g_memcmp_lengths;  // one entry per call

int __wrap_CRYPTO_memcmp(const volatile void* a, const volatile void* b, std::size_t length) {
  g_memcmp_lengths.push_back(length);
  return __real_CRYPTO_memcmp(a, b, length);
}
}

namespace {

TEST(ConstantTimeSignature, EveryComparisonCoversTheWholeDigest) {
  const std::string body = R"({"type":"payment"})";
  const std::string secret = "whsec_ct";
  const std::string good = yuno::webhooks::sign(body, secret);
  std::string first_differs = good;
  first_differs[0] = first_differs[0] == 'A' ? 'B' : 'A';
  std::string last_differs = good;
  last_differs[good.size() - 2] = last_differs[good.size() - 2] == 'A' ? 'B' : 'A';

  for (const std::string* signature :
       std::vector<const std::string*>{&good, &first_differs, &last_differs}) {
    g_memcmp_lengths.clear();
    const bool ok = yuno::webhooks::verify_signature(body, *signature, secret);
    EXPECT_EQ(ok, signature == &good);
    // Exactly one constant-time comparison of all 32 bytes, match or not.
    EXPECT_EQ(g_memcmp_lengths, std::vector<std::size_t>{32});
  }
}

}  // namespace
