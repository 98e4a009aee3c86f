// What the text engine needs to know about a language (direction, line-break locale, font)
// and which font family covers a Unicode script when a character needs a fallback.
#pragma once
#include <string>
#include <string_view>

namespace kiosk::text {

struct LanguageInfo {
  bool rtl = false;             // paragraph direction comes from the language, never first-strong
  std::string locale;           // ICU locale for the line BreakIterator ("" = root)
  std::string family;           // the face tried first for this language's text
};

// Info for a BCP 47 tag such as "ur", "zh-Hans", "pa-Guru"; unknown tags get Latin defaults.
LanguageInfo language_info(std::string_view tag);

// Preferred family for a code point's script (by ICU's script property), or "" when the
// script has no preferred family (the fontconfig charset search takes over).
const char* family_for_script(char32_t cp);

// The family used when nothing else is known: Latin, Cyrillic, Greek, punctuation.
inline constexpr const char* kDefaultFamily = "Noto Sans";

}  // namespace kiosk::text
