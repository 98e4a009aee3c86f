// Shaping with libraqm 0.7: bidi (FriBiDi), script itemisation and HarfBuzz in one call.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "font_fallback.h"

namespace kiosk::text {

struct ShapedGlyph {
  Face* face = nullptr;
  uint32_t glyph = 0;    // 0 is .notdef: a character the face lacks
  int32_t x_advance = 0; // 26.6 fixed point, y up
  int32_t x_offset = 0;
  int32_t y_offset = 0;
  uint32_t cluster = 0;  // UTF-8 byte offset of the cluster's first character
};

class Shaper {
 public:
  // Shapes one paragraph (no newlines) at `pixel_size`, every face run with its face, the
  // paragraph direction forced (never first-strong). Glyphs come back in visual order.
  std::vector<ShapedGlyph> shape(std::string_view text, const std::vector<FaceRun>& runs, bool rtl,
                                 const std::string& language, int pixel_size);
  uint64_t calls() const { return calls_; }

 private:
  uint64_t calls_ = 0;
  bool logged_failure_ = false;
};

}  // namespace kiosk::text
