#include "languages.h"

#include <map>

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/stringoptions.h>
#include <unicode/ustring.h>

#include "catalog.h"
#include "i18n.h"

namespace kiosk::i18n {

namespace {

// Plural rules: gettext's usual rule per language, checked against CLDR's categories for
// whole numbers (tests/unit/test_plural_forms.cpp). Where CLDR has an extra category only
// for fractions (pl, uk, lt "other"/"many"), gettext's integer rule is used.
const std::vector<Language> kLanguages = {
    {"en", "en", "English", false, "nplurals=2; plural=(n != 1);"},
    {"cy", "cy", "Welsh", false,
     "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"},
    {"pl", "pl", "Polish", false,
     "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);"},
    {"ro", "ro", "Romanian", false,
     "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100>0 && n%100<20)) ? 1 : 2);"},
    {"lt", "lt", "Lithuanian", false,
     "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"},
    {"pt", "pt", "Portuguese", false, "nplurals=2; plural=(n != 1);"},
    {"es", "es", "Spanish", false, "nplurals=2; plural=(n != 1);"},
    {"uk", "uk", "Ukrainian", false,
     "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);"},
    {"pa", "pa", "Punjabi (Gurmukhi)", false, "nplurals=2; plural=(n > 1);"},
    {"ur", "ur", "Urdu", true, "nplurals=2; plural=(n != 1);"},
    {"bn", "bn", "Bengali", false, "nplurals=2; plural=(n > 1);"},
    {"gu", "gu", "Gujarati", false, "nplurals=2; plural=(n > 1);"},
    {"ar", "ar", "Arabic", true,
     "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"},
    {"zh-Hans", "zh_Hans", "Chinese (Simplified)", false, "nplurals=1; plural=0;"},
};

}  // namespace

const std::vector<Language>& supported_languages() { return kLanguages; }

const Language* find_language(std::string_view code) {
  const std::string normalized = normalize_language_code(code);
  for (const Language& language : kLanguages)
    if (normalized == language.code) return &language;
  return nullptr;
}

bool is_right_to_left(std::string_view code) {
  if (const Language* language = find_language(code)) return language->right_to_left;
  return false;
}

std::string native_name(std::string_view code) {
  static std::map<std::string, std::string, std::less<>> cache;
  if (auto it = cache.find(code); it != cache.end()) return it->second;

  std::string locale_id;
  if (const Language* language = find_language(code)) {
    locale_id = language->icu_locale;
  } else {
    locale_id = normalize_language_code(code);
    for (char& c : locale_id)
      if (c == '-') c = '_';
  }
  const icu::Locale locale(locale_id.c_str());
  icu::UnicodeString name;
  locale.getDisplayName(locale, name);
  // Sentence title case: only the first letter ("Português (Portugal)", not "Português (portugal)"),
  // leaving the rest as ICU has it; scripts without case are unchanged.
  name.toTitle(nullptr, locale, U_TITLECASE_SENTENCES | U_TITLECASE_NO_LOWERCASE);
  std::string utf8;
  name.toUTF8String(utf8);
  if (utf8.empty()) utf8 = std::string(code);
  cache.emplace(std::string(code), utf8);
  return utf8;
}

namespace extract {
// Only marks a string for xgettext (-ktr): the lookup itself is tr_in() in another language.
constexpr const char* tr(const char* msgid) { return msgid; }
}  // namespace extract

const char* touch_to_start(std::string_view code) {
  return tr_in(std::string(code), extract::tr("Touch here to start"));
}

}  // namespace kiosk::i18n
