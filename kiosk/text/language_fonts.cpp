#include "language_fonts.h"
#include <unicode/uscript.h>

namespace kiosk::text {

namespace {

struct Entry {
  const char* language;  // primary subtag
  bool rtl;
  const char* family;
};

// Languages residents may choose, and their close relatives. The Arabic-script languages
// other than Urdu read Naskh; Urdu readers expect Nastaliq.
constexpr Entry kLanguages[] = {
    {"ar", true, "Noto Naskh Arabic"},   {"fa", true, "Noto Naskh Arabic"},
    {"ps", true, "Noto Naskh Arabic"},   {"ckb", true, "Noto Naskh Arabic"},
    {"sd", true, "Noto Naskh Arabic"},   {"ug", true, "Noto Naskh Arabic"},
    {"ur", true, "Noto Nastaliq Urdu"},  {"he", true, "Noto Sans Hebrew"},
    {"yi", true, "Noto Sans Hebrew"},    {"bn", false, "Noto Sans Bengali"},
    {"gu", false, "Noto Sans Gujarati"}, {"pa", false, "Noto Sans Gurmukhi"},
    {"hi", false, "Noto Sans Devanagari"}, {"mr", false, "Noto Sans Devanagari"},
    {"ne", false, "Noto Sans Devanagari"}, {"ta", false, "Noto Sans Tamil"},
    {"te", false, "Noto Sans Telugu"},   {"ml", false, "Noto Sans Malayalam"},
    {"si", false, "Noto Sans Sinhala"},  {"th", false, "Noto Sans Thai"},
    {"am", false, "Noto Sans Ethiopic"}, {"ti", false, "Noto Sans Ethiopic"},
    {"ja", false, "Noto Sans CJK JP"},   {"ko", false, "Noto Sans CJK KR"},
};

std::string primary_subtag(std::string_view tag) {
  std::string out(tag.substr(0, tag.find_first_of("-_")));
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

}  // namespace

LanguageInfo language_info(std::string_view tag) {
  LanguageInfo info;
  const std::string lang = primary_subtag(tag);
  info.locale = lang;
  info.family = kDefaultFamily;
  if (lang == "zh") {
    // Traditional Chinese (zh-Hant, zh-TW, zh-HK) uses the TC cut; everything else SC.
    const bool traditional = tag.find("Hant") != std::string_view::npos ||
                             tag.find("TW") != std::string_view::npos ||
                             tag.find("HK") != std::string_view::npos;
    info.family = traditional ? "Noto Sans CJK TC" : "Noto Sans CJK SC";
    return info;
  }
  for (const Entry& e : kLanguages) {
    if (lang == e.language) {
      info.rtl = e.rtl;
      info.family = e.family;
      break;
    }
  }
  return info;
}

const char* family_for_script(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(cp), &status)) {
    case USCRIPT_LATIN:
    case USCRIPT_CYRILLIC:
    case USCRIPT_GREEK: return kDefaultFamily;
    case USCRIPT_ARABIC: return "Noto Naskh Arabic";
    case USCRIPT_HEBREW: return "Noto Sans Hebrew";
    case USCRIPT_BENGALI: return "Noto Sans Bengali";
    case USCRIPT_GUJARATI: return "Noto Sans Gujarati";
    case USCRIPT_GURMUKHI: return "Noto Sans Gurmukhi";
    case USCRIPT_DEVANAGARI: return "Noto Sans Devanagari";
    case USCRIPT_TAMIL: return "Noto Sans Tamil";
    case USCRIPT_THAI: return "Noto Sans Thai";
    case USCRIPT_ETHIOPIC: return "Noto Sans Ethiopic";
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_HANGUL: return "Noto Sans CJK SC";
    default: return "";
  }
}

}  // namespace kiosk::text
