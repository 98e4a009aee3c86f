#include "keyboard.h"
#include <algorithm>
#include "keyboard_layouts.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "text/grapheme.h"

namespace kiosk::ui {

using i18n::tr;

namespace {

constexpr float kMaxKeyHeight = 84.0f;
constexpr float kMinKeyHeight = 64.0f;
constexpr float kKeyGap = 12.0f;
constexpr int kStandardKeysPerRow = 11;  // a key's width when the row is not crowded

bool key(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos, ImVec2 size,
         bool highlighted = false) {
  return button(ui, id, label, pos, size, highlighted ? ButtonKind::Primary : ButtonKind::Secondary);
}

}  // namespace

float keyboard_min_height(const UiContext& ui) { return ui.px(5 * kMinKeyHeight + 4 * kKeyGap); }
float keyboard_max_height(const UiContext& ui) { return ui.px(5 * kMaxKeyHeight + 4 * kKeyGap); }

KeyboardAction draw_keyboard(UiContext& ui, KeyboardState& state, std::string& text, int max_chars,
                             ImVec2 pos, float width, float height) {
  const std::vector<KeyboardLayout>& layouts = keyboard_layouts(ui.language);
  if (state.language != ui.language || state.layout >= layouts.size()) state = {false, 0, ui.language};
  const KeyboardLayout& layout = layouts[state.layout];
  const KeyRows& rows = state.shift ? layout.shifted : layout.base;
  // Letter keys are drawn with their own script's fonts and metrics (Latin keys on an Urdu
  // screen are not set in Nastaliq's tall lines); the other keys speak the resident's language.
  UiContext letters = ui;
  letters.language = layout.language;

  KeyboardAction action = KeyboardAction::None;
  const float gap = ui.px(kKeyGap);
  const float h = std::clamp((height - 4 * gap) / 5, ui.px(kMinKeyHeight), ui.px(kMaxKeyHeight));
  const float standard_w = (width - (kStandardKeysPerRow - 1) * gap) / kStandardKeysPerRow;
  auto type = [&](const std::string& s) {
    if (static_cast<int>(utf8_length(text) + utf8_length(s)) <= max_chars) {
      text += s;
      action = KeyboardAction::Typed;
    }
  };
  for (size_t row = 0; row < rows.size() && row < 4; ++row) {
    const bool with_shift = row == 3, with_delete = row == 0;
    const size_t count = rows[row].size() + (with_shift ? 1 : 0) + (with_delete ? 1 : 0);
    // Crowded rows (Urdu, Bengali...) share the width, Delete and Shift keeping half a key more
    // so their labels fit one line; others keep the standard width, rows 1 and 2 staggered.
    const float extra = (with_delete || with_shift) && count > kStandardKeysPerRow ? 0.5f : 0.0f;
    const float key_w = std::min(standard_w, (width - (count - 1) * gap) / (count + extra));
    const float row_w = (count + extra) * key_w + (count - 1) * gap;
    const float stagger = row == 1 || row == 2 ? ui.px(row * 24.0f) : 0.0f;
    float x = pos.x + (row_w + stagger <= width ? stagger : 0.0f);
    const float y = pos.y + row * (h + gap);
    if (with_shift) {
      const std::string label = layout.shift_label.empty() ? tr("Shift") : state.shift ? layout.label : layout.shift_label;
      const float shift_w = key_w * (1.0f + extra);
      if (key(ui, "key:shift", label, ImVec2(x, y), ImVec2(shift_w, h), state.shift)) state.shift = !state.shift;
      x += shift_w + gap;
    }
    std::vector<std::string> keys = rows[row];
    if (layout.rows_right_to_left && !state.shift && row > 0) std::reverse(keys.begin(), keys.end());
    for (const std::string& k : keys) {
      if (key(letters, "key:" + k, k, ImVec2(x, y), ImVec2(key_w, h))) {
        type(k);
        state.shift = false;  // one capital, or one key of the second layer
      }
      x += key_w + gap;
    }
    if (with_delete && key(ui, "key:backspace", tr("Delete"), ImVec2(x, y), ImVec2(std::max(key_w, pos.x + width - x), h)) &&
        !text.empty()) {
      text::delete_last_grapheme(text);  // a conjunct or emoji goes as one character
      action = KeyboardAction::Typed;
    }
  }
  const float y = pos.y + 4 * (h + gap);
  const float space_w = width * 0.6f;
  const float space_x = pos.x + (width - space_w) * 0.5f;
  if (layouts.size() > 1) {
    // Shows where it goes: the next layout's letters ("abc", "ąć", "ক খ").
    const KeyboardLayout& next = layouts[(state.layout + 1) % layouts.size()];
    UiContext next_letters = ui;
    next_letters.language = next.language;
    if (key(next_letters, "key:layout", next.label, ImVec2(pos.x, y), ImVec2(space_x - gap - pos.x, h)))
      state = {false, (state.layout + 1) % layouts.size(), ui.language};
  }
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
  // The count sits in the bottom corner; the text scrolls above it.
  const std::string count = left_to_right(std::to_string(utf8_length(text)) + " / " + std::to_string(max_chars));
  const text::Style count_style = ui.style(24, t.muted_text);
  const float count_y = max.y - ui.px(8) - ui.text.measure(count, count_style, inner_w, ui.language).y;
  // Show the end of long text: what was typed last is what the resident is looking at.
  list->PushClipRect(pos, ImVec2(max.x, count_y), true);
  if (text.empty()) {
    ui.text.draw(list, ImVec2(pos.x + pad, pos.y + pad), placeholder,
                 ui.style(t.body_size, t.muted_text), inner_w, align, ui.language);
  } else {
    text::Style style = ui.style(t.body_size, t.text);
    // Typed text keeps its own direction (English words in an Urdu answer read left to right),
    // with the caret at its end.
    const std::string shown = own_direction(focused ? text + "|" : text);
    ImVec2 text_size = ui.text.measure(shown, style, inner_w, ui.language);
    float top = pos.y + pad;
    const float room = count_y - top;
    if (text_size.y > room) top -= text_size.y - room;
    ui.text.draw(list, ImVec2(pos.x + pad, top), shown, style, inner_w, align, ui.language);
  }
  list->PopClipRect();
  ui.text.draw(list, ImVec2(pos.x + pad, count_y), count, count_style, inner_w, text::Align::End, ui.language);
  return tapped;
}

}  // namespace kiosk::ui
