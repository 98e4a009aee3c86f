// The shaping text engine behind TextEngine: fontconfig + FreeType faces with per-character
// fallback, raqm shaping, ICU line breaking, a layout cache and our own glyph atlas.
// Tests and benchmarks use this header to look inside (glyphs, faces, counters).
#pragma once
#include <memory>
#include "atlas.h"
#include "layout_cache.h"
#include "text_renderer.h"

namespace kiosk::text {

class ShapingTextEngine final : public TextEngine {
 public:
  // The atlas budget: pages of page_size² RGBA texels, at most max_pages before eviction.
  explicit ShapingTextEngine(int atlas_page_size = 1024, int atlas_max_pages = 4);
  bool load_fonts(float ui_scale) override;
  void attach_renderer(SDL_Renderer* renderer) override;
  ImVec2 measure(std::string_view text, const Style& style, float wrap_width,
                 const std::string& language) override;
  ImVec2 draw(ImDrawList* list, ImVec2 top_left, std::string_view text, const Style& style,
              float wrap_width, Align align, const std::string& language) override;
  bool is_right_to_left(const std::string& language) const override;
  std::string describe() const override;
  TextStats stats() const override;

  // The (cached) layout every measure and draw uses.
  std::shared_ptr<const TextLayout> layout(std::string_view text, const Style& style,
                                           float wrap_width, const std::string& language);
  FontSet& fonts() { return fonts_; }
  GlyphAtlas& atlas() { return atlas_; }

 private:
  FontSet fonts_;
  Shaper shaper_;
  LineBreaker breaker_;
  Layouter layouter_;
  LayoutCache cache_;
  GlyphAtlas atlas_;
  int frame_ = -1;  // ImGui frame of the last draw: the atlas may only be cleared between frames
};

}  // namespace kiosk::text
