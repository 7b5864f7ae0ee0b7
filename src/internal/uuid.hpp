#pragma once

#include <string>

namespace yuno::internal {

/// A random (version 4) UUID from OpenSSL's CSPRNG, lower-case, 36 characters.
std::string make_uuid_v4();

}  // namespace yuno::internal
