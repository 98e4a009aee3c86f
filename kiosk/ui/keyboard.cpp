#include "keyboard.h"
#include <algorithm>
#include <cctype>
#include "core/i18n.h"
#include "core/utf8.h"
#include "text/grapheme.h"

namespace kiosk::ui {

using i18n::tr;

namespace {

const char* const kRows[] = {"1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"};
constexpr float kMaxKeyHeight = 84.0f;
constexpr float kMinKeyHeight = 64.0f;
constexpr float kKeyGap = 12.0f;

bool key(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos, ImVec2 size,
         bool highlighted = false) {
  return button(ui, id, label, pos, size, highlighted ? ButtonKind::Primary : ButtonKind::Secondary);
}

}  // namespace

float keyboard_min_height(const UiContext& ui) { return ui.px(5 * kMinKeyHeight + 4 * kKeyGap); }
float keyboard_max_height(const UiContext& ui) { return ui.px(5 * kMaxKeyHeight + 4 * kKeyGap); }

KeyboardAction draw_keyboard(UiContext& ui, KeyboardState& state, std::string& text, int max_chars,
                             ImVec2 pos, float width, float height) {
  KeyboardAction action = KeyboardAction::None;
  const float gap = ui.px(kKeyGap);
  const float h = std::clamp((height - 4 * gap) / 5, ui.px(kMinKeyHeight), ui.px(kMaxKeyHeight));
  const float key_w = (width - 10 * gap) / 11.0f;  // 10 keys a row, plus room for an extra key
  auto type = [&](const std::string& s) {
    if (static_cast<int>(utf8_length(text) + utf8_length(s)) <= max_chars) {
      text += s;
      action = KeyboardAction::Typed;
    }
  };
  for (int row = 0; row < 4; ++row) {
    // Rows 2 and 3 are staggered as on a real keyboard; the last row starts with Shift.
    const float indent = row == 1 || row == 2 ? ui.px(row * 24.0f) : 0.0f;
    float x = pos.x + indent;
    const float y = pos.y + row * (h + gap);
    if (row == 3) {  // shift sits before the last row, as on a real keyboard
      if (key(ui, "key:shift", tr("Shift"), ImVec2(pos.x, y), ImVec2(key_w, h), state.shift))
        state.shift = !state.shift;
      x = pos.x + key_w + gap;
    }
    for (const char* c = kRows[row]; *c; ++c) {
      std::string label(1, state.shift ? static_cast<char>(std::toupper(*c)) : *c);
      std::string id = std::string("key:") + *c;
      if (key(ui, id, label, ImVec2(x, y), ImVec2(key_w, h))) {
        type(label);
        state.shift = false;
      }
      x += key_w + gap;
    }
    if (row == 0 && key(ui, "key:backspace", tr("Delete"), ImVec2(x, y), ImVec2(pos.x + width - x, h)) &&
        !text.empty()) {
      text::delete_last_grapheme(text);  // a conjunct or emoji goes as one character
      action = KeyboardAction::Typed;
    }
  }
  const float y = pos.y + 4 * (h + gap);
  const float space_w = width * 0.6f;
  const float space_x = pos.x + (width - space_w) * 0.5f;
  if (key(ui, "key:space", tr("space"), ImVec2(space_x, y), ImVec2(space_w, h))) type(" ");
  const float done_w = pos.x + width - (space_x + space_w + gap);
  if (key(ui, "key:done", tr("Done"), ImVec2(space_x + space_w + gap, y), ImVec2(done_w, h), true))
    action = KeyboardAction::Done;
  return action;
}

bool draw_text_box(UiContext& ui, const std::string& id, const std::string& text, int max_chars,
                   ImVec2 pos, ImVec2 size, bool focused, const std::string& placeholder) {
  const Theme& t = ui.theme;
  const bool tapped = hit_area(ui, id, pos, size);
  ImDrawList* list = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  list->AddRectFilled(pos, max, t.surface, ui.px(t.corner_radius));
  list->AddRect(pos, max, focused ? t.selected_border : t.border, ui.px(t.corner_radius), 0,
                ui.px(focused ? t.selected_border_width : t.border_width));
  const float pad = ui.px(24);
  const float inner_w = size.x - 2 * pad;
  const text::Align align = text::Align::Start;  // reading start: the right in RTL
  // Show the end of long text: what was typed last is what the resident is looking at.
  list->PushClipRect(pos, ImVec2(max.x, max.y - ui.px(36)), true);
  if (text.empty()) {
    ui.text.draw(list, ImVec2(pos.x + pad, pos.y + pad), placeholder,
                 ui.style(t.body_size, t.muted_text), inner_w, align, ui.language);
  } else {
    text::Style style = ui.style(t.body_size, t.text);
    std::string shown = focused ? text + "|" : text;
    ImVec2 text_size = ui.text.measure(shown, style, inner_w, ui.language);
    float top = pos.y + pad;
    const float room = size.y - pad - ui.px(40);
    if (text_size.y > room) top -= text_size.y - room;
    ui.text.draw(list, ImVec2(pos.x + pad, top), shown, style, inner_w, align, ui.language);
  }
  list->PopClipRect();
  const std::string count = left_to_right(std::to_string(utf8_length(text)) + " / " + std::to_string(max_chars));
  ui.text.draw(list, ImVec2(pos.x + pad, max.y - ui.px(40)), count, ui.style(24, t.muted_text),
               inner_w, text::Align::End, ui.language);
  return tapped;
}

}  // namespace kiosk::ui
