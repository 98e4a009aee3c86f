#include "font_finder.h"
#include <fontconfig/fontconfig.h>
#include <strings.h>

namespace kiosk::text {

namespace {

// Loading fontconfig's configuration scans its caches (tens of ms): do it once.
FcConfig* config() {
  static FcConfig* loaded = FcInitLoadConfigAndFonts();
  return loaded;
}

bool has_family(FcPattern* match, const std::string& family) {
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; ++i)
    if (strcasecmp(reinterpret_cast<const char*>(name), family.c_str()) == 0) return true;
  return false;
}

FontFile file_of(FcPattern* match) {
  FontFile out;
  FcChar8* file = nullptr;
  if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) return out;
  out.path = reinterpret_cast<const char*>(file);
  FcPatternGetInteger(match, FC_INDEX, 0, &out.index);
  return out;
}

// Runs fontconfig's matching for `pattern` (which it takes ownership of).
FontFile match(FcPattern* pattern, const std::string& family, bool bold, char32_t cp) {
  FontFile out;
  FcConfig* fc = config();
  if (!fc) {
    FcPatternDestroy(pattern);
    return out;
  }
  FcConfigSubstitute(fc, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  if (FcPattern* found = FcFontMatch(fc, pattern, &result)) {
    int weight = FC_WEIGHT_REGULAR;
    FcPatternGetInteger(found, FC_WEIGHT, 0, &weight);
    FcCharSet* charset = nullptr;
    const bool family_ok = family.empty() || has_family(found, family);
    const bool weight_ok = !bold || weight >= FC_WEIGHT_DEMIBOLD;
    const bool char_ok = cp == 0 || (FcPatternGetCharSet(found, FC_CHARSET, 0, &charset) == FcResultMatch &&
                                     FcCharSetHasChar(charset, cp));
    if (family_ok && weight_ok && char_ok) out = file_of(found);
    FcPatternDestroy(found);
  }
  FcPatternDestroy(pattern);
  return out;
}

}  // namespace

FontFile find_font(const std::string& family, bool bold) {
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  return match(pattern, family, bold, 0);
}

std::string find_font_file(const std::string& family, bool bold) {
  return find_font(family, bold).path;
}

FontFile find_font_for_char(char32_t cp, bool bold) {
  FcPattern* pattern = FcPatternCreate();
  FcCharSet* charset = FcCharSetCreate();
  FcCharSetAddChar(charset, cp);
  FcPatternAddCharSet(pattern, FC_CHARSET, charset);
  FcCharSetDestroy(charset);
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  return match(pattern, "", false, cp);
}

}  // namespace kiosk::text
