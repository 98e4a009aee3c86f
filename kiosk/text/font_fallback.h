// Per-character font fallback: which face draws each part of a paragraph.
#pragma once
#include <string_view>
#include <vector>
#include "fonts.h"
#include "language_fonts.h"

namespace kiosk::text {

struct FaceRun {
  size_t start = 0;   // UTF-8 byte range, as raqm's face ranges want it
  size_t length = 0;
  Face* face = nullptr;
};

// Splits `text` into runs of one face that together cover it exactly. Each grapheme cluster
// goes to the first face with all of its characters, trying in order: the language's face,
// the default face, the face preferred for the character's script, then any installed face
// (fontconfig); but spaces, digits and punctuation (script Common) first try the face before
// them. Whole clusters move together, so combining marks stay on their base's face.
// A cluster no face covers stays on the face before it and is drawn as a box. Empty when
// no face at all is installed.
std::vector<FaceRun> assign_faces(FontSet& fonts, std::string_view text,
                                  const LanguageInfo& language, bool bold);

}  // namespace kiosk::text
