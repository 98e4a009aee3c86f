// The languages the kiosk speaks: codes, ICU locales, native names, direction, plural rule.
// Like i18n.h: UI thread only (native_name() keeps an unlocked cache).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::i18n {

struct Language {
  const char* code;          // as in consultation files and i18n/<code>.po: "pl", "zh-Hans"
  const char* icu_locale;    // ICU's spelling: "pl", "zh_Hans"
  const char* english_name;  // for staff screens and logs: "Chinese (Simplified)"
  bool right_to_left;        // Arabic-script languages (ar, ur)
  // The Plural-Forms header its catalogs should declare (gettext's rule for the language,
  // matching the CLDR categories for whole numbers).
  const char* plural_forms;
};

// The fourteen languages, English first, in the order the language picker shows them.
const std::vector<Language>& supported_languages();
// The entry for a code ("zh_Hans" and "ZH-hans" are understood), or nullptr.
const Language* find_language(std::string_view code);
bool is_right_to_left(std::string_view code);

// The language's name in itself, from ICU's locale data, with a capital first letter where
// the script has capitals: "Polski", "Cymraeg", "Українська", "اردو", "中文（简体）".
// Cached after the first call. An unknown code gives ICU's best effort (often the code).
std::string native_name(std::string_view code);

// "Touch here to start" in the language, from its UI catalog (English when missing).
// The pointer stays valid until the catalogs are loaded again (see i18n.h).
const char* touch_to_start(std::string_view code);

}  // namespace kiosk::i18n
