#include "widgets.h"
#include <algorithm>
#include <imgui_internal.h>

namespace kiosk::ui {

const WidgetInfo* WidgetRegistry::find(const std::string& id) const {
  auto it = widgets_.find(id);
  return it == widgets_.end() ? nullptr : &it->second;
}

bool WidgetRegistry::region(const std::string& id, ImVec2& min, ImVec2& max) const {
  auto it = regions_.find(id);
  if (it == regions_.end()) return false;
  min = it->second.first;
  max = it->second.second;
  return true;
}

bool hit_area(UiContext& ui, const std::string& id, ImVec2 pos, ImVec2 size, bool enabled) {
  ImGui::SetCursorScreenPos(pos);
  if (!enabled) ImGui::BeginDisabled();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  if (!enabled) ImGui::EndDisabled();
  // The visible part is what a finger can reach: clip by the window's clip rectangle.
  ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  ImRect full(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImRect visible = full;
  visible.ClipWithFull(clip);
  if (visible.GetWidth() > 0 && visible.GetHeight() > 0)
    ui.registry.add(id, WidgetInfo{visible.Min, visible.Max, full.Min, full.Max, ui.scroll_region,
                                   enabled});
  else
    ui.registry.add(id, WidgetInfo{ImVec2(0, 0), ImVec2(0, 0), full.Min, full.Max,
                                   ui.scroll_region, enabled});
  return tapped && enabled;
}

bool button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos,
            ImVec2 size, ButtonKind kind, bool enabled) {
  const bool tapped = hit_area(ui, id, pos, size, enabled);
  const bool held = enabled && ImGui::IsItemActive();
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  ImU32 fill, text_color, border;
  if (!enabled) {
    fill = t.disabled_fill; text_color = t.disabled_text; border = t.disabled_fill;
  } else if (kind == ButtonKind::Primary) {
    fill = held ? t.primary_pressed : t.primary; text_color = t.on_primary; border = fill;
  } else {
    fill = held ? t.selected_fill : t.surface; text_color = t.primary; border = t.primary;
  }
  list->AddRectFilled(pos, max, fill, ui.px(t.corner_radius));
  list->AddRect(pos, max, border, ui.px(t.corner_radius), 0, ui.px(t.border_width));
  text::Style style = ui.style(t.button_size, text_color, text::Weight::Bold);
  const float inner = size.x - ui.px(24);
  // A label should not break inside a word: shrink it (to 60 % at most) until it fits on one
  // line. In a short button (a key) a tall script's line (Nastaliq) shrinks a little too, to
  // 80 % at most: its letters are much shorter than its line. Nothing is drawn outside.
  const ImVec2 one_line = ui.text.measure(label, style, 0, ui.language);
  const float room_y = size.y - ui.px(8);
  const float fit_x = one_line.x > inner ? std::max(0.6f, inner / one_line.x) : 1.0f;
  const float fit_y = one_line.y > room_y ? std::max(0.8f, room_y / one_line.y) : 1.0f;
  style.size_px *= std::min(fit_x, fit_y);
  ImVec2 text_size = ui.text.measure(label, style, inner, ui.language);
  list->PushClipRect(pos, max, true);
  ui.text.draw(list, ImVec2(pos.x + ui.px(12), pos.y + (size.y - text_size.y) * 0.5f), label,
               style, inner, text::Align::Center, ui.language);
  list->PopClipRect();
  return tapped;
}

static void draw_mark(UiContext& ui, ImDrawList* list, ImVec2 center, bool selected, Mark mark,
                      int rank) {
  const Theme& t = ui.theme;
  const float r = ui.px(22);
  const float w = ui.px(t.border_width);
  switch (mark) {
    case Mark::Radio:
      list->AddCircle(center, r, t.border, 32, w);
      if (selected) list->AddCircleFilled(center, r * 0.55f, t.primary, 32);
      break;
    case Mark::Check: {
      ImVec2 a(center.x - r, center.y - r), b(center.x + r, center.y + r);
      if (selected) {
        list->AddRectFilled(a, b, t.primary, ui.px(6));
        const ImVec2 tick[] = {ImVec2(center.x - r * 0.55f, center.y),
                               ImVec2(center.x - r * 0.1f, center.y + r * 0.45f),
                               ImVec2(center.x + r * 0.6f, center.y - r * 0.5f)};
        list->AddPolyline(tick, 3, t.on_primary, 0, ui.px(5));
      } else {
        list->AddRect(a, b, t.border, ui.px(6), 0, w);
      }
      break;
    }
    case Mark::Rank:
      if (rank > 0) {
        list->AddCircleFilled(center, r * 1.2f, t.primary, 32);
        const std::string number = std::to_string(rank);
        text::Style style = ui.style(34, t.on_primary, text::Weight::Bold);
        ImVec2 size = ui.text.measure(number, style, 0, ui.language);
        ui.text.draw(list, ImVec2(center.x - r * 1.2f, center.y - size.y * 0.5f), number, style,
                     r * 2.4f, text::Align::Center, ui.language);
      } else {
        list->AddCircle(center, r * 1.2f, t.border, 32, w);
      }
      break;
    case Mark::None: break;
  }
}

bool option_row(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos,
                ImVec2 size, bool selected, Mark mark, int rank) {
  const bool tapped = hit_area(ui, id, pos, size);
  const bool held = ImGui::IsItemActive();
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  list->AddRectFilled(pos, max, selected || held ? t.selected_fill : t.surface,
                      ui.px(t.corner_radius));
  list->AddRect(pos, max, selected ? t.selected_border : t.border, ui.px(t.corner_radius), 0,
                ui.px(selected ? t.selected_border_width : t.border_width));
  const bool rtl = ui.text.is_right_to_left(ui.language);
  const float mark_space = mark == Mark::None ? ui.px(28) : ui.px(90);
  const float mark_x = rtl ? max.x - ui.px(50) : pos.x + ui.px(50);
  draw_mark(ui, list, ImVec2(mark_x, pos.y + size.y * 0.5f), selected, mark, rank);
  text::Style style = ui.style(t.body_size, t.text, selected ? text::Weight::Bold : text::Weight::Regular);
  const float text_width = size.x - mark_space - ui.px(28);
  ImVec2 text_size = ui.text.measure(label, style, text_width, ui.language);
  const float text_x = rtl ? pos.x + ui.px(28) : pos.x + mark_space;
  ui.text.draw(list, ImVec2(text_x, pos.y + (size.y - text_size.y) * 0.5f), label, style,
               text_width, text::Align::Start, ui.language);
  return tapped;
}

float paragraph(UiContext& ui, const std::string& text, const text::Style& style, float width,
                text::Align align) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 size = ui.text.draw(ImGui::GetWindowDrawList(), pos, text, style, width, align, ui.language);
  ImGui::Dummy(ImVec2(width, size.y));
  return size.y;
}

void begin_scroll_region(UiContext& ui, const std::string& id, ImVec2 pos, ImVec2 size) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginChild(id.c_str(), size, false, ImGuiWindowFlags_NoBackground);
  ui.scroll_region = id;
  ui.registry.add_region(id, pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

void end_scroll_region(UiContext& ui) {
  ImGuiIO& io = ImGui::GetIO();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  // Drag to scroll: once a finger that went down on this list has moved past a small
  // threshold, the gesture is a scroll until it lifts, and the row it started on is
  // released without being tapped. ImGui stops reporting the list as hovered once its
  // active item is cleared, so the drag remembers itself in the window's storage.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID("##drag_scroll");
  bool dragging = storage->GetBool(key, false) && io.MouseDown[0];
  const bool on_scrollbar = ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y);
  if (!dragging && !on_scrollbar && ImGui::GetScrollMaxY() > 0 &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, ui.px(18)))
    dragging = true;
  if (dragging) {
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - io.MouseDelta.y, 0.0f, ImGui::GetScrollMaxY()));
    if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
  }
  storage->SetBool(key, dragging);
  // Show that there is more below: a soft fade at the bottom edge.
  if (ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 1.0f) {
    ImVec2 min(window->Pos.x, window->Pos.y + window->Size.y - ui.px(60));
    ImVec2 max(window->Pos.x + window->Size.x - ImGui::GetStyle().ScrollbarSize, window->Pos.y + window->Size.y);
    ImU32 clear = ui.theme.background & 0x00FFFFFF;
    window->DrawList->AddRectFilledMultiColor(min, max, clear, clear, ui.theme.background, ui.theme.background);
  }
  ImGui::EndChild();
  ui.scroll_region.clear();
}

}  // namespace kiosk::ui
