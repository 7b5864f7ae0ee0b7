#include "yuno/version.hpp"

namespace yuno {
const char* version() noexcept { return YUNO_VERSION_STRING; }
}  // namespace yuno
