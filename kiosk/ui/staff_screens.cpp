#include "staff_screens.h"
#include "core/i18n.h"
#include "layout.h"

namespace kiosk::ui {

using i18n::tr;

namespace {

std::string lockout_message(int64_t ms) {
  const int64_t seconds = (ms + 999) / 1000;
  return std::string(tr("Too many wrong tries. The pad is locked for")) + " " +
         std::to_string(seconds / 60) + ":" + (seconds % 60 < 10 ? "0" : "") +
         std::to_string(seconds % 60) + ".";
}

void submit_pin(Flow& flow, PinPadState& state) {
  const std::string entered = state.digits;
  state.digits.clear();
  if (!flow.pin_is_set()) {
    // First use: staff choose a PIN, typed twice.
    if (!StaffPin::is_valid_pin(entered)) {
      state.message = tr("A PIN has 4 to 8 digits.");
      state.message_is_error = true;
    } else if (state.first_choice.empty()) {
      state.first_choice = entered;
      state.message = tr("Type the same PIN again to confirm.");
      state.message_is_error = false;
    } else if (state.first_choice != entered) {
      state.first_choice.clear();
      state.message = tr("The two PINs were different. Choose a PIN again.");
      state.message_is_error = true;
    } else {
      state.first_choice.clear();
      state.message.clear();
      if (!flow.choose_pin(entered)) {
        state.message = tr("The PIN could not be saved.");
        state.message_is_error = true;
      }
    }
    return;
  }
  StaffPin::CheckResult result = flow.enter_pin(entered);
  switch (result.outcome) {
    case StaffPin::Outcome::Accepted: state = PinPadState{}; break;
    case StaffPin::Outcome::Wrong:
      state.message = i18n::trn("Wrong PIN. %d try left.", "Wrong PIN. %d tries left.", result.tries_left);
      state.message_is_error = true;
      break;
    case StaffPin::Outcome::LockedOut:
      state.message = lockout_message(result.locked_for_ms);
      state.message_is_error = true;
      break;
    case StaffPin::Outcome::NotSet: break;
  }
}

}  // namespace

void draw_staff_pin(UiContext& ui, Flow& flow, PinPadState& state) {
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const bool choosing = !flow.pin_is_set();
  const float width = ui.display.x - 2 * ui.px(t.margin);
  const float x = ui.px(t.margin);
  ui.text.draw(list, ImVec2(x, ui.px(60)), choosing ? tr("Choose a staff PIN") : tr("Staff PIN"),
               ui.style(t.title_size, t.text, text::Weight::Bold), width, text::Align::Center, ui.language);
  // Dots, never digits: someone may be looking over the shoulder.
  std::string dots;
  for (size_t i = 0; i < state.digits.size(); ++i) dots += "\xE2\x97\x8F ";
  ui.text.draw(list, ImVec2(x, ui.px(160)), dots.empty() ? std::string(" ") : dots,
               ui.style(56, t.text), width, text::Align::Center, ui.language);
  if (!state.message.empty())
    ui.text.draw(list, ImVec2(x, ui.px(250)), state.message,
                 ui.style(t.small_size, state.message_is_error ? t.warning : t.text, text::Weight::Bold),
                 width, text::Align::Center, ui.language);
  const ImVec2 key(ui.px(200), ui.px(130));
  const float gap = ui.px(20);
  const float pad_x = (ui.display.x - (3 * key.x + 2 * gap)) * 0.5f;
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0", "ok"};
  for (int i = 0; i < 12; ++i) {
    const std::string k = keys[i];
    const ImVec2 at(pad_x + (i % 3) * (key.x + gap), ui.px(320) + (i / 3) * (key.y + gap));
    const std::string label = k == "delete" ? tr("Delete") : k == "ok" ? tr("OK") : k;
    if (button(ui, "pin:" + k, label, at, key, k == "ok" ? ButtonKind::Primary : ButtonKind::Secondary)) {
      if (k == "delete") {
        if (!state.digits.empty()) state.digits.pop_back();
      } else if (k == "ok") {
        submit_pin(flow, state);
      } else if (state.digits.size() < 8) {
        state.digits += k;
      }
      flow.touch();
    }
  }
  FooterResult f = draw_footer(ui, tr("Cancel"), "", false);
  if (f.back) {
    state = PinPadState{};
    flow.staff_resume();
  }
}

void draw_staff_home(UiContext& ui, Flow& flow, const StaffStatus& s) {
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float x = ui.px(t.margin);
  const float width = ui.display.x - 2 * x;
  float y = ui.px(60);
  y += ui.text.draw(list, ImVec2(x, y), tr("Staff"), ui.style(t.title_size, t.text, text::Weight::Bold),
                    width, text::Align::Start, ui.language).y + ui.px(30);
  const std::vector<std::pair<std::string, std::string>> facts = {
      {tr("Answers stored on this kiosk"), std::to_string(s.stored)},
      {tr("Waiting to upload"), i18n::trn("%d answer waiting", "%d answers waiting", static_cast<long>(s.waiting))},
      {tr("Could not be uploaded"), std::to_string(s.dead_letters)},
      {tr("Storage"), s.store_state},
      // Not in kiosk.pot yet (staff screens are shown in English): see issue 4.
      {"Upload", s.upload_state},
      {"Last upload", s.last_upload},
      {tr("Consultation"), s.consultation},
      {tr("Kiosk"), s.kiosk_id},
      {tr("Database"), s.database_path},
      {tr("Text"), s.text_engine},
  };
  for (const auto& [label, value] : facts) {
    const text::Style label_style = ui.style(t.small_size, t.muted_text, text::Weight::Bold);
    ui.text.draw(list, ImVec2(x, y), label, label_style, width * 0.35f, text::Align::Start, ui.language);
    y += ui.text.draw(list, ImVec2(x + width * 0.36f, y), value, ui.style(t.small_size, t.text),
                      width * 0.64f, text::Align::Start, ui.language).y + ui.px(8);
  }
  y += ui.px(20);
  y += ui.text.draw(list, ImVec2(x, y), tr("Recent events"), ui.style(t.small_size, t.text, text::Weight::Bold),
                    width, text::Align::Start, ui.language).y;
  for (const auto& event : s.recent_events)
    y += ui.text.draw(list, ImVec2(x, y), event, ui.style(24, t.muted_text), width, text::Align::Start,
                      ui.language).y;
  FooterResult f = draw_footer(ui, tr("Exit kiosk"), tr("Return to kiosk"), true);
  if (f.back) flow.staff_exit_requested();
  if (f.next) flow.staff_resume();
}

}  // namespace kiosk::ui
