// The one interface through which every resident-facing string is measured and drawn.
// Screens never call ImGui text functions: the shaping engine (libraqm; shaping_engine.h)
// is the implementation behind it, and ImGui's own fonts the fallback without Noto.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <imgui.h>

struct SDL_Renderer;

namespace kiosk::text {

enum class Align { Start, Center, End };  // Start is the left in LTR text, the right in RTL
enum class Weight { Regular, Bold };

struct Style {
  float size_px = 40.0f;
  ImU32 color = IM_COL32(0, 0, 0, 255);
  Weight weight = Weight::Regular;
};

// Counters for tests and benchmarks: a steady-state frame adds no shaping calls.
struct TextStats {
  uint64_t shaping_calls = 0;
  uint64_t layout_cache_hits = 0;
  uint64_t layout_cache_misses = 0;
  uint64_t glyphs_rasterised = 0;
  size_t atlas_bytes = 0;
  int atlas_pages = 0;
  uint64_t atlas_evictions = 0;
  int fonts_open = 0;
};

class TextEngine {
 public:
  virtual ~TextEngine() = default;
  // Builds font textures; call once before the first frame (after ImGui::CreateContext).
  virtual bool load_fonts(float ui_scale) = 0;
  // The renderer glyph textures are made with (the ImGui engine needs none).
  virtual void attach_renderer(SDL_Renderer*) {}
  // Size of `text` wrapped to `wrap_width` (0 = no wrapping), in pixels.
  virtual ImVec2 measure(std::string_view text, const Style& style, float wrap_width,
                         const std::string& language) = 0;
  // Draws `text` with its top edge at `top_left.y`, each line aligned within
  // [top_left.x, top_left.x + wrap_width]. Returns the size drawn.
  virtual ImVec2 draw(ImDrawList* list, ImVec2 top_left, std::string_view text, const Style& style,
                      float wrap_width, Align align, const std::string& language) = 0;
  virtual bool is_right_to_left(const std::string& language) const = 0;
  virtual std::string describe() const = 0;  // which fonts are in use, for logs
  virtual TextStats stats() const { return {}; }
};

// The first engine: ImGui's own font atlas with Noto Sans (Latin scripts, LTR only).
std::unique_ptr<TextEngine> make_imgui_text_engine();
// Every script: shaping, bidi, fallback fonts. Null when Noto Sans is not installed.
std::unique_ptr<TextEngine> make_shaping_text_engine();
// The shaping engine, or the ImGui one (logged) when the Noto fonts are missing.
std::unique_ptr<TextEngine> make_text_engine();

}  // namespace kiosk::text
