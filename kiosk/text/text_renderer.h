// The one interface through which every resident-facing string is measured and drawn.
// Screens never call ImGui text functions: the shaping engine (libraqm) replaces the
// implementation behind this interface without touching any screen.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <imgui.h>

namespace kiosk::text {

enum class Align { Start, Center, End };  // Start is the left in LTR text, the right in RTL
enum class Weight { Regular, Bold };

struct Style {
  float size_px = 40.0f;
  ImU32 color = IM_COL32(0, 0, 0, 255);
  Weight weight = Weight::Regular;
};

class TextEngine {
 public:
  virtual ~TextEngine() = default;
  // Builds font textures; call once before the first frame (after ImGui::CreateContext).
  virtual bool load_fonts(float ui_scale) = 0;
  // Size of `text` wrapped to `wrap_width` (0 = no wrapping), in pixels.
  virtual ImVec2 measure(std::string_view text, const Style& style, float wrap_width,
                         const std::string& language) = 0;
  // Draws `text` with its top edge at `top_left.y`, each line aligned within
  // [top_left.x, top_left.x + wrap_width]. Returns the size drawn.
  virtual ImVec2 draw(ImDrawList* list, ImVec2 top_left, std::string_view text, const Style& style,
                      float wrap_width, Align align, const std::string& language) = 0;
  virtual bool is_right_to_left(const std::string& language) const = 0;
  virtual std::string describe() const = 0;  // which fonts are in use, for logs
};

// The first engine: ImGui's own font atlas with Noto Sans (Latin scripts, LTR only).
std::unique_ptr<TextEngine> make_imgui_text_engine();

}  // namespace kiosk::text
