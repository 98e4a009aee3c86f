#pragma once
#include <string>

namespace kiosk {
// A random RFC 4122 version-4 UUID from libsodium's CSPRNG, lower-case hex with dashes.
std::string random_uuid();
bool looks_like_uuid(const std::string& text);
}  // namespace kiosk
