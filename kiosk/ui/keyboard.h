// The on-screen keyboard: a touch kiosk has no physical one. Each language has its own
// letters (keyboard_layouts.h) and a key to switch to Latin or accented letters. Typed text
// never leaves the session.
#pragma once
#include <string>
#include "widgets.h"

namespace kiosk::ui {

struct KeyboardState {
  bool shift = false;    // the next key is a capital, or from the layout's second layer
  size_t layout = 0;     // which of the language's layouts shows
  std::string language;  // the layouts' language: another one starts again from its own
};

enum class KeyboardAction { None, Typed, Done };

// Heights the keyboard can take at this scale: keys from 64 px (the smallest touch target)
// to 84 px tall.
float keyboard_min_height(const UiContext& ui);
float keyboard_max_height(const UiContext& ui);
// Edits `text`, keeping it to `max_chars` characters, in a keyboard `height` tall (clamped to
// the range above). Returns Done when "Done" is tapped.
KeyboardAction draw_keyboard(UiContext& ui, KeyboardState& state, std::string& text, int max_chars,
                             ImVec2 pos, float width, float height);

// The box showing what has been typed, with a caret and "12 / 500" count.
bool draw_text_box(UiContext& ui, const std::string& id, const std::string& text, int max_chars,
                   ImVec2 pos, ImVec2 size, bool focused, const std::string& placeholder);

}  // namespace kiosk::ui
