// UTF-8 helpers for untrusted text (typed text, files): never trust, always repair.
#pragma once
#include <string>
#include <string_view>

namespace kiosk {

// Replaces every invalid or overlong sequence, surrogate and out-of-range code point with
// U+FFFD, so later stages (JSON, SQLite, shaping) only ever see valid UTF-8.
std::string sanitize_utf8(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);
// Number of code points in valid UTF-8.
size_t utf8_length(std::string_view text);
// Removes the last code point.
void utf8_pop_back(std::string& text);
// The longest start of `text` at most `max_bytes` long that ends between two characters.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

}  // namespace kiosk
