#include "font_fallback.h"
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include "grapheme.h"

namespace kiosk::text {

namespace {

// Code points of one cluster; default-ignorables (ZWJ, variation selectors, bidi controls)
// are left out: HarfBuzz hides them, so no face needs to have them.
std::u32string visible_code_points(std::string_view text, size_t start, size_t end) {
  std::u32string out;
  int32_t i = static_cast<int32_t>(start);
  while (i < static_cast<int32_t>(end)) {
    UChar32 cp = 0;
    U8_NEXT(text.data(), i, static_cast<int32_t>(end), cp);
    if (cp < 0) cp = 0xFFFD;
    if (!u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) out.push_back(static_cast<char32_t>(cp));
  }
  return out;
}

bool covers(const Face* face, const std::u32string& cps) {
  if (!face) return false;
  for (char32_t cp : cps)
    if (!face->has(cp)) return false;
  return true;
}

bool is_common(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
  return script == USCRIPT_COMMON || script == USCRIPT_INHERITED;
}

Face* choose(FontSet& fonts, const std::u32string& cps, Face* previous, Face* language_face,
             Face* default_face, bool bold) {
  // Spaces, digits and punctuation stay with the text before them, so "www.example.org" in
  // an Arabic sentence is one face, not Latin letters around Arabic-font dots.
  if (previous && !cps.empty() && is_common(cps.front()) && covers(previous, cps)) return previous;
  if (cps.empty() || covers(language_face, cps)) return language_face ? language_face : default_face;
  if (covers(default_face, cps)) return default_face;
  const char* family = family_for_script(cps.front());
  if (*family) {
    Face* script_face = fonts.family_face(family, bold);
    if (covers(script_face, cps)) return script_face;
  }
  Face* any = fonts.face_covering(cps.front(), bold);
  return covers(any, cps) ? any : nullptr;
}

}  // namespace

std::vector<FaceRun> assign_faces(FontSet& fonts, std::string_view text,
                                  const LanguageInfo& language, bool bold) {
  std::vector<FaceRun> runs;
  Face* language_face = fonts.family_face(language.family, bold);
  Face* default_face = fonts.family_face(kDefaultFamily, bold);
  Face* fallback = language_face ? language_face : default_face;
  if (!fallback) return runs;
  const std::vector<size_t> bounds = grapheme_boundaries(text);
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    Face* face = choose(fonts, visible_code_points(text, bounds[i], bounds[i + 1]),
                        runs.empty() ? nullptr : runs.back().face, language_face, default_face, bold);
    if (!face) face = runs.empty() ? fallback : runs.back().face;
    if (!runs.empty() && runs.back().face == face)
      runs.back().length = bounds[i + 1] - runs.back().start;
    else
      runs.push_back({bounds[i], bounds[i + 1] - bounds[i], face});
  }
  return runs;
}

}  // namespace kiosk::text
