// Finds font files through fontconfig, so the kiosk uses the fonts Debian installs
// (fonts-noto-core, fonts-noto-cjk) rather than shipping copies.
#pragma once
#include <string>

namespace kiosk::text {

struct FontFile {
  std::string path;
  int index = 0;  // face index inside a collection (.ttc), e.g. Noto Sans CJK SC
  bool found() const { return !path.empty(); }
};

// The installed face of `family` (e.g. "Noto Sans"), or not found when fontconfig only
// offers a different family (so callers can tell a real match from a substitute). With
// `bold`, only a face that really is bold counts.
FontFile find_font(const std::string& family, bool bold);

// Path-only form, for the ImGui engine.
std::string find_font_file(const std::string& family, bool bold);

// Last resort for a character no preferred face has: any installed scalable face that
// covers it, or not found.
FontFile find_font_for_char(char32_t cp, bool bold);

}  // namespace kiosk::text
