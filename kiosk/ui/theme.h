// Colours and sizes, in one place. Sizes are at 1080p and scaled by UiContext::scale.
#pragma once
#include <imgui.h>

namespace kiosk::ui {

struct Theme {
  ImU32 background = IM_COL32(247, 245, 240, 255);   // warm off-white
  ImU32 surface = IM_COL32(255, 255, 255, 255);
  ImU32 text = IM_COL32(20, 28, 45, 255);            // near-black navy: contrast > 14:1
  ImU32 muted_text = IM_COL32(70, 78, 95, 255);      // still > 7:1 on the background
  ImU32 primary = IM_COL32(0, 84, 147, 255);         // buttons; white text on it > 7:1
  ImU32 primary_pressed = IM_COL32(0, 56, 100, 255);
  ImU32 on_primary = IM_COL32(255, 255, 255, 255);
  ImU32 border = IM_COL32(120, 128, 140, 255);
  ImU32 selected_fill = IM_COL32(219, 236, 250, 255);
  ImU32 selected_border = IM_COL32(0, 84, 147, 255);
  ImU32 disabled_fill = IM_COL32(214, 214, 214, 255);
  ImU32 disabled_text = IM_COL32(90, 90, 90, 255);
  ImU32 warning = IM_COL32(160, 40, 20, 255);
  ImU32 overlay = IM_COL32(10, 15, 30, 170);

  float margin = 80.0f;
  float header_height = 120.0f;
  float footer_height = 160.0f;
  float row_height = 100.0f;      // every touch target is at least 64 px tall at 1080p
  float row_gap = 20.0f;          // spaced so a finger cannot hit two
  float corner_radius = 14.0f;
  float border_width = 3.0f;
  float selected_border_width = 6.0f;

  float title_size = 60.0f;
  float body_size = 40.0f;
  float small_size = 30.0f;
  float button_size = 44.0f;
};

void apply_imgui_style(float scale);

}  // namespace kiosk::ui
