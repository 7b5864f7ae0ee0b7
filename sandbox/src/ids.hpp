// Identifiers and timestamps in Yuno's formats.
#pragma once

#include <string>

namespace yuno::sandbox {

/// A random (version 4) UUID in lower case: "72367fa4-bd87-422e-ab1f-9cfe2bfbbf1c".
std::string new_uuid();

/// `digits` random decimal digits, e.g. an authorization code "744160".
std::string random_digits(int digits);

/// Now as ISO 8601 UTC with microseconds: "2025-06-18T19:19:27.467914Z".
std::string now_timestamp();

}  // namespace yuno::sandbox
