// Touch widgets: ImGui's InvisibleButton for the interaction, our own drawing, and all
// text through text::TextEngine. Each widget records its on-screen rectangle under a
// stable id, so tests (and the screenshot tour) tap widgets by id, not by pixel guesses.
#pragma once
#include <map>
#include <string>
#include <imgui.h>
#include "text/text_renderer.h"
#include "theme.h"

namespace kiosk::ui {

struct WidgetInfo {
  ImVec2 min, max;        // visible part, screen pixels (clipped by any scroll region)
  ImVec2 full_min, full_max;  // whole widget, even if scrolled out of view
  std::string scroll_region;  // id of the scroll region holding it, "" if none
  bool enabled = true;
};

// Filled anew every frame with what is on screen.
class WidgetRegistry {
 public:
  void clear() { widgets_.clear(); regions_.clear(); }
  void add(const std::string& id, const WidgetInfo& info) { widgets_[id] = info; }
  const WidgetInfo* find(const std::string& id) const;
  void add_region(const std::string& id, ImVec2 min, ImVec2 max) { regions_[id] = {min, max}; }
  bool region(const std::string& id, ImVec2& min, ImVec2& max) const;
  const std::map<std::string, WidgetInfo>& all() const { return widgets_; }

 private:
  std::map<std::string, WidgetInfo> widgets_;
  std::map<std::string, std::pair<ImVec2, ImVec2>> regions_;
};

struct UiContext {
  text::TextEngine& text;
  WidgetRegistry& registry;
  const Theme& theme;
  float scale = 1.0f;           // display height / 1080
  std::string language = "en";
  std::string scroll_region;    // set while inside a scroll region
  ImVec2 display;               // display size in pixels

  float px(float at_1080p) const { return at_1080p * scale; }
  text::Style style(float size, ImU32 color, text::Weight weight = text::Weight::Regular) const {
    return text::Style{px(size), color, weight};
  }
};

enum class ButtonKind { Primary, Secondary };
enum class Mark { None, Radio, Check, Rank };

// A large button with a centred label. Returns true on the frame it is tapped.
bool button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos,
            ImVec2 size, ButtonKind kind, bool enabled = true);

// A full-width answer row with a radio/check mark (or rank number) and a wrapped label.
bool option_row(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos,
                ImVec2 size, bool selected, Mark mark, int rank = 0);

// Draws text through the text engine at the current cursor, wrapping to `width`;
// advances the ImGui cursor past it. Returns its height.
float paragraph(UiContext& ui, const std::string& text, const text::Style& style, float width,
                text::Align align = text::Align::Start);

// A vertical scroll region the resident scrolls by dragging a finger (or the scrollbar).
// A drag never turns into a tap on the row under the finger.
void begin_scroll_region(UiContext& ui, const std::string& id, ImVec2 pos, ImVec2 size);
void end_scroll_region(UiContext& ui);

// Bidi isolates: numbers like "3 / 15" keep their order inside Urdu or Arabic, and text a
// resident typed keeps its own direction inside a line of another.
inline std::string left_to_right(const std::string& text) { return "\u2066" + text + "\u2069"; }
inline std::string own_direction(const std::string& text) { return "\u2068" + text + "\u2069"; }

// Registers the invisible button just submitted, and reports a tap.
bool hit_area(UiContext& ui, const std::string& id, ImVec2 pos, ImVec2 size, bool enabled = true);

}  // namespace kiosk::ui
