#include "layout.h"
#include "core/i18n.h"

namespace kiosk::ui {

using i18n::tr;

BodyArea draw_header(UiContext& ui, const std::string& title, int position, int total) {
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float margin = ui.px(t.margin);
  const float width = ui.display.x - 2 * margin;
  const bool rtl = ui.text.is_right_to_left(ui.language);
  text::Style title_style = ui.style(t.small_size, t.muted_text, text::Weight::Bold);
  ui.text.draw(list, ImVec2(rtl ? margin + width * 0.4f : margin, ui.px(34)), title, title_style, width * 0.6f,
               text::Align::Start, ui.language);
  if (total > 0) {
    const std::string counter = left_to_right(std::to_string(position) + " / " + std::to_string(total));
    text::Style counter_style = ui.style(t.small_size, t.muted_text);
    // The counter sits between the title and the language button (which takes the far corner).
    const float counter_w = width * 0.4f - ui.px(370);
    const float counter_x = rtl ? margin + ui.px(370) : margin + width * 0.6f;
    ui.text.draw(list, ImVec2(counter_x, ui.px(34)), counter, counter_style, counter_w,
                 text::Align::End, ui.language);
    // The bar fills in reading direction.
    const float bar_y = ui.px(t.header_height - 22);
    const ImVec2 bar_min(margin, bar_y), bar_max(margin + width, bar_y + ui.px(12));
    list->AddRectFilled(bar_min, bar_max, t.disabled_fill, ui.px(6));
    const float filled = width * static_cast<float>(position) / static_cast<float>(total);
    if (rtl)
      list->AddRectFilled(ImVec2(bar_max.x - filled, bar_min.y), bar_max, t.primary, ui.px(6));
    else
      list->AddRectFilled(bar_min, ImVec2(bar_min.x + filled, bar_max.y), t.primary, ui.px(6));
  }
  return BodyArea{ImVec2(margin, ui.px(t.header_height + 30)),
                  ImVec2(ui.display.x - margin, ui.display.y - ui.px(t.footer_height))};
}

FooterResult draw_footer(UiContext& ui, const std::string& back_label, const std::string& next_label,
                         bool next_enabled, const std::string& hint) {
  const Theme& t = ui.theme;
  FooterResult result;
  const float margin = ui.px(t.margin);
  const ImVec2 size(ui.px(400), ui.px(116));
  const float y = ui.display.y - ui.px(t.footer_height) + ui.px(16);
  const bool rtl = ui.text.is_right_to_left(ui.language);
  const float left_x = margin, right_x = ui.display.x - margin - size.x;
  if (!back_label.empty())
    result.back = button(ui, "back", back_label, ImVec2(rtl ? right_x : left_x, y), size,
                         ButtonKind::Secondary);
  if (!next_label.empty())
    result.next = button(ui, "next", next_label, ImVec2(rtl ? left_x : right_x, y), size,
                         ButtonKind::Primary, next_enabled);
  if (!hint.empty()) {
    // Why Next is not available yet, between the two buttons.
    const float hint_x = margin + size.x + ui.px(30);
    const float hint_w = ui.display.x - 2 * (margin + size.x + ui.px(30));
    text::Style style = ui.style(t.small_size, t.warning, text::Weight::Bold);
    ImVec2 hint_size = ui.text.measure(hint, style, hint_w, ui.language);
    ui.text.draw(ImGui::GetWindowDrawList(), ImVec2(hint_x, y + (size.y - hint_size.y) * 0.5f),
                 hint, style, hint_w, text::Align::Center, ui.language);
  }
  return result;
}

void draw_centered_message(UiContext& ui, const std::string& heading, const std::string& text,
                           float top) {
  const Theme& t = ui.theme;
  const float margin = ui.px(t.margin * 2);
  const float width = ui.display.x - 2 * margin;
  ImDrawList* list = ImGui::GetWindowDrawList();
  text::Style heading_style = ui.style(76, t.text, text::Weight::Bold);
  ImVec2 heading_size = ui.text.draw(list, ImVec2(margin, top), heading, heading_style, width,
                                     text::Align::Center, ui.language);
  text::Style body_style = ui.style(t.body_size, t.text);
  ui.text.draw(list, ImVec2(margin, top + heading_size.y + ui.px(40)), text, body_style, width,
               text::Align::Center, ui.language);
}

}  // namespace kiosk::ui
