// Spaces, tabs and line ends around and instead of text (headers, tokens, catalog fields).
#pragma once
#include <string>
#include <string_view>

namespace kiosk {

inline constexpr std::string_view kWhitespace = " \t\r\n";

// `text` without leading and trailing spaces, tabs and line ends.
inline std::string trim_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == text.npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(kWhitespace) - first + 1));
}

// Nothing but spaces, tabs and line ends (or nothing at all).
inline bool is_blank(std::string_view text) { return text.find_first_not_of(kWhitespace) == text.npos; }

}  // namespace kiosk
