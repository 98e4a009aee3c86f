// Finds font files through fontconfig, so the kiosk uses the fonts Debian installs
// (fonts-noto-core) rather than shipping copies.
#pragma once
#include <string>

namespace kiosk::text {

// Path of the best installed match for `family` (e.g. "Noto Sans"), or "" when fontconfig
// only offers a different family (so callers can tell a real match from a substitute).
std::string find_font_file(const std::string& family, bool bold);

}  // namespace kiosk::text
