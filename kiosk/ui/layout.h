// The common frame of resident screens: a header (title, progress), a body, and a footer
// with Back and Next. Right-to-left languages mirror it: Back on the right, Next on the left.
#pragma once
#include <string>
#include "widgets.h"

namespace kiosk::ui {

struct BodyArea {
  ImVec2 min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};

// Draws the header; progress is drawn when total > 0. Returns the body area.
BodyArea draw_header(UiContext& ui, const std::string& title, int position, int total);

struct FooterResult {
  bool back = false;
  bool next = false;
};
// Back is drawn when back_label is non-empty; Next when next_label is non-empty.
FooterResult draw_footer(UiContext& ui, const std::string& back_label, const std::string& next_label,
                         bool next_enabled, const std::string& hint = "");

// A screen-filling message (attract, thank you, sorry): heading and text centred.
void draw_centered_message(UiContext& ui, const std::string& heading, const std::string& text,
                           float top);

}  // namespace kiosk::ui
