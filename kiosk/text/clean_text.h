// Text from outside (consultation files, typed answers) is never trusted: before layout it
// becomes valid UTF-8 with no control characters, one '\n' between paragraphs, and a
// bounded length so a runaway string costs bounded time.
#pragma once
#include <string>
#include <string_view>

namespace kiosk::text {

inline constexpr size_t kMaxTextBytes = 64 * 1024;  // ~20,000 characters of any script

// Invalid UTF-8 becomes U+FFFD; tabs become spaces; CR LF, LS and PS become '\n'; other
// C0/C1 controls and DEL are dropped; text past kMaxTextBytes is cut (a character cut in half becomes U+FFFD).
std::string clean_text(std::string_view text);

}  // namespace kiosk::text
