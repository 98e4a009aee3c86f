#include "shaping_engine.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::text {

namespace {

constexpr int kMaxPixelSize = 400;  // larger than any screen's text; bounds glyph bitmaps
constexpr int kMaxQuadsPerBatch = 8192;  // 4 vertices each: stays within 16-bit indices

int pixel_size_of(const Style& style) {
  if (!std::isfinite(style.size_px)) return 1;
  return std::clamp(static_cast<int>(std::lround(style.size_px)), 1, kMaxPixelSize);
}

int wrap_of(float wrap_width) {
  if (!std::isfinite(wrap_width) || wrap_width < 1.0f) return 0;
  return static_cast<int>(std::min(wrap_width, 1.0e6f));
}

struct Quad {
  ImVec2 min, max, uv0, uv1;
};

}  // namespace

ShapingTextEngine::ShapingTextEngine(int atlas_page_size, int atlas_max_pages)
    : layouter_(fonts_, shaper_, breaker_), atlas_(atlas_page_size, atlas_max_pages) {}

bool ShapingTextEngine::load_fonts(float) {
  // Faces open lazily as scripts appear; only the default face is checked now.
  return fonts_.available();
}

void ShapingTextEngine::attach_renderer(SDL_Renderer* renderer) { atlas_.attach(renderer); }

std::shared_ptr<const TextLayout> ShapingTextEngine::layout(std::string_view text, const Style& style,
                                                            float wrap_width,
                                                            const std::string& language) {
  const bool bold = style.weight == Weight::Bold;
  const LayoutKey key{text, pixel_size_of(style), bold, wrap_of(wrap_width), language};
  if (auto found = cache_.find(key)) return found;
  auto made = std::make_shared<const TextLayout>(
      layouter_.layout(text, key.pixel_size, bold, static_cast<float>(key.wrap_width), language));
  cache_.insert(key, made);
  return made;
}

ImVec2 ShapingTextEngine::measure(std::string_view text, const Style& style, float wrap_width,
                                  const std::string& language) {
  auto laid = layout(text, style, wrap_width, language);
  return ImVec2(laid->width, laid->height());
}

ImVec2 ShapingTextEngine::draw(ImDrawList* list, ImVec2 top_left, std::string_view text,
                               const Style& style, float wrap_width, Align align,
                               const std::string& language) {
  auto laid = layout(text, style, wrap_width, language);
  const ImVec2 size(laid->width, laid->height());
  if (!list) return size;
  if (ImGui::GetCurrentContext() && ImGui::GetFrameCount() != frame_) {
    frame_ = ImGui::GetFrameCount();
    atlas_.begin_frame();
  }
  const float box = wrap_of(wrap_width) > 0 ? wrap_width : laid->width;
  // Start is the reading start: the left of LTR lines, the right of RTL ones.
  const bool right = (align == Align::Start) == laid->rtl;
  const ImVec4 clip = list->_ClipRectStack.Size ? list->_ClipRectStack.back() : ImVec4(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX);
  std::vector<std::vector<Quad>> by_page;
  for (size_t i = 0; i < laid->lines.size(); ++i) {
    const float top = top_left.y + laid->line_height * static_cast<float>(i);
    if (top > clip.w || top + laid->line_height * 2 < clip.y) continue;  // out of view (marks may overhang)
    const LaidLine& line = laid->lines[i];
    const float slack = box - line.width;
    const float x0 = top_left.x + (align == Align::Center ? slack * 0.5f : right ? slack : 0.0f);
    const float baseline = std::round(top + laid->baseline);
    for (uint32_t g = line.first; g < line.first + line.count; ++g) {
      const PlacedGlyph& placed = laid->glyphs[g];
      const AtlasGlyph& a = atlas_.glyph(placed.face, placed.glyph, laid->pixel_size);
      if (a.page < 0) continue;
      if (by_page.size() <= static_cast<size_t>(a.page)) by_page.resize(static_cast<size_t>(a.page) + 1);
      // Whole pixels: glyphs were rasterised at a pixel origin and stay crisp.
      const ImVec2 min(std::round(x0 + placed.x) + static_cast<float>(a.left),
                       std::round(baseline + placed.y) - static_cast<float>(a.top));
      by_page[static_cast<size_t>(a.page)].push_back(
          {min, ImVec2(min.x + static_cast<float>(a.width), min.y + static_cast<float>(a.height)), a.uv0, a.uv1});
    }
  }
  for (size_t page = 0; page < by_page.size(); ++page) {
    const std::vector<Quad>& quads = by_page[page];
    if (quads.empty()) continue;
    list->PushTextureID(static_cast<ImTextureID>(atlas_.texture(static_cast<int>(page))));
    for (size_t done = 0; done < quads.size(); done += kMaxQuadsPerBatch) {
      const size_t n = std::min(quads.size() - done, static_cast<size_t>(kMaxQuadsPerBatch));
      list->PrimReserve(static_cast<int>(n * 6), static_cast<int>(n * 4));
      for (size_t q = done; q < done + n; ++q)
        list->PrimRectUV(quads[q].min, quads[q].max, quads[q].uv0, quads[q].uv1, style.color);
    }
    list->PopTextureID();
  }
  return size;
}

bool ShapingTextEngine::is_right_to_left(const std::string& language) const {
  return language_info(language).rtl;
}

std::string ShapingTextEngine::describe() const { return fonts_.describe(); }

TextStats ShapingTextEngine::stats() const {
  TextStats s;
  s.shaping_calls = shaper_.calls();
  s.layout_cache_hits = cache_.hits();
  s.layout_cache_misses = cache_.misses();
  s.glyphs_rasterised = atlas_.rasterised();
  s.atlas_bytes = atlas_.bytes();
  s.atlas_pages = atlas_.pages();
  s.atlas_evictions = atlas_.evictions();
  s.fonts_open = static_cast<int>(fonts_.open_faces());
  return s;
}

std::unique_ptr<TextEngine> make_shaping_text_engine() {
  auto engine = std::make_unique<ShapingTextEngine>();
  if (!engine->fonts().available()) return nullptr;
  return engine;
}

std::unique_ptr<TextEngine> make_text_engine() {
  if (auto shaping = make_shaping_text_engine()) return shaping;
  std::fprintf(stderr, "text: Noto Sans is not installed; falling back to ImGui's own fonts (Latin only)\n");
  return make_imgui_text_engine();
}

}  // namespace kiosk::text
