// One question a screen: the title, then the answer widget for its type.
#pragma once
#include <string>
#include "core/flow.h"
#include "keyboard.h"
#include "layout.h"

namespace kiosk::ui {

// UI state that lives only as long as one resident's session.
struct SessionUiState {
  std::string keyboard_for;   // question id whose text is being typed ("" = keyboard closed)
  KeyboardState keyboard;
};

void draw_question(UiContext& ui, Flow& flow, const Question& question, SessionUiState& state,
                   const BodyArea& body);

}  // namespace kiosk::ui
