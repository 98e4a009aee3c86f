// Paragraphs -> positioned glyphs: fonts per character, shaping, line breaking and visual
// order. A TextLayout is immutable once built, so the layout cache can share it.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include "line_breaker.h"
#include "shaper.h"

namespace kiosk::text {

struct PlacedGlyph {
  Face* face = nullptr;
  uint32_t glyph = 0;  // 0: missing, drawn as a box
  float x = 0;         // pen position: from the line's left edge, and
  float y = 0;         // from its baseline, y down
};

struct LaidLine {
  uint32_t first = 0;  // glyph range in TextLayout::glyphs
  uint32_t count = 0;
  float width = 0;     // advance width, trailing spaces excluded
};

struct TextLayout {
  std::vector<PlacedGlyph> glyphs;
  std::vector<LaidLine> lines;
  int pixel_size = 0;
  bool rtl = false;
  float line_height = 0;
  float baseline = 0;  // from a line's top
  float width = 0;     // widest line
  float height() const { return line_height * static_cast<float>(lines.size()); }
};

class Layouter {
 public:
  Layouter(FontSet& fonts, Shaper& shaper, LineBreaker& breaker)
      : fonts_(fonts), shaper_(shaper), breaker_(breaker) {}
  // Lays out untrusted `text` (cleaned first). wrap_width <= 0: no wrapping.
  TextLayout layout(std::string_view text, int pixel_size, bool bold, float wrap_width,
                    const std::string& language);

 private:
  void paragraph(std::string_view text, const LanguageInfo& info, bool bold, float wrap_width,
                 const std::string& language, TextLayout& out);
  void add_line(std::string_view text, const std::vector<FaceRun>& runs, size_t start, size_t end,
                const std::string& language, TextLayout& out);
  void place(const std::vector<ShapedGlyph>& shaped, std::string_view text, TextLayout& out);
  void report_missing(std::string_view text, uint32_t cluster);  // logs each character once

  FontSet& fonts_;
  Shaper& shaper_;
  LineBreaker& breaker_;
  std::set<char32_t> reported_missing_;  // each missing character is logged once
};

}  // namespace kiosk::text
