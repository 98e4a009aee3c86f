// The whole kiosk UI for one frame: picks the screen from the flow's state and draws it.
// Renders state and turns taps into Flow intents; it does no I/O.
#pragma once
#include <cstdint>
#include "core/flow.h"
#include "question_views.h"
#include "staff_screens.h"
#include "theme.h"
#include "widgets.h"

namespace kiosk::ui {

class KioskUi {
 public:
  explicit KioskUi(text::TextEngine& text) : text_(text) {}
  // Call between ImGui::NewFrame() and ImGui::Render().
  void build(Flow& flow, const StaffStatus& staff, float scale);
  const WidgetRegistry& registry() const { return registry_; }
  const Theme& theme() const { return theme_; }

 private:
  text::TextEngine& text_;
  Theme theme_;
  WidgetRegistry registry_;
  SessionUiState session_;
  PinPadState pin_;
  uint64_t session_seen_ = 0;
  std::string question_seen_;
  Screen screen_seen_ = Screen::Attract;
};

}  // namespace kiosk::ui
