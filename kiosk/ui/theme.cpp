#include "theme.h"

namespace kiosk::ui {

// ImGui draws little of its own (scrollbars); make those large enough for a finger.
void apply_imgui_style(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.ItemSpacing = ImVec2(0, 0);
  style.ScrollbarSize = 22.0f * scale;
  style.ScrollbarRounding = 11.0f * scale;
  style.TouchExtraPadding = ImVec2(0, 0);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0.9f, 0.9f, 0.9f, 1.0f);
  style.Colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.45f, 0.5f, 0.58f, 1.0f);
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.35f, 0.4f, 0.5f, 1.0f);
  style.Colors[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.0f, 0.33f, 0.58f, 1.0f);
}

}  // namespace kiosk::ui
