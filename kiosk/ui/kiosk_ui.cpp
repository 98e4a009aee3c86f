#include "kiosk_ui.h"
#include "resident_screens.h"

namespace kiosk::ui {

void KioskUi::build(Flow& flow, const StaffStatus& staff, float scale) {
  // A new resident gets a new UI: no keyboard left open, no typed text, no scroll position.
  if (flow.session_number() != session_seen_) {
    session_ = SessionUiState{};
    pin_ = PinPadState{};
    session_seen_ = flow.session_number();
  }
  const Question* q = flow.current_question();
  const std::string question_id = q ? q->id : "";
  if (question_id != question_seen_ || flow.screen() != screen_seen_) session_.keyboard_for.clear();
  if (flow.screen() != screen_seen_ && flow.screen() != Screen::StaffPin) pin_ = PinPadState{};
  question_seen_ = question_id;
  screen_seen_ = flow.screen();

  registry_.clear();
  ImGuiIO& io = ImGui::GetIO();
  UiContext ui{text_, registry_, theme_, scale, flow.language(), {}, io.DisplaySize};
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  // The window id carries the session number, so ImGui keeps no scroll or widget state
  // from one resident to the next.
  const std::string window_id = "##kiosk" + std::to_string(flow.session_number());
  ImGui::Begin(window_id.c_str(), nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  // No background quad: the renderer clears to the theme background (a full-screen blended
  // quad would cost the software renderer as much as the rest of the screen).
  const std::string page_id = std::string(to_string(flow.screen())) + ":" + question_id;
  ImGui::PushID(page_id.c_str());
  switch (flow.screen()) {
    case Screen::Attract: draw_attract(ui, flow); break;
    case Screen::Language: draw_language_choice(ui, flow); break;
    case Screen::Intro: draw_intro(ui, flow); break;
    case Screen::Privacy: draw_privacy(ui, flow); break;
    case Screen::Question: draw_question_screen(ui, flow, session_); break;
    case Screen::Review: draw_review(ui, flow); break;
    case Screen::ThankYou: draw_thank_you(ui, flow); break;
    case Screen::Unavailable: draw_unavailable(ui, flow); break;
    case Screen::StaffPin: draw_staff_pin(ui, flow, pin_); break;
    case Screen::StaffHome: draw_staff_home(ui, flow, staff); break;
  }
  ImGui::PopID();
  ImGui::End();
  if (flow.still_there_prompt()) draw_still_there(ui, flow);
}

}  // namespace kiosk::ui
