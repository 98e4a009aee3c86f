// Staff screens: the PIN pad (choosing a PIN on first use) and the staff home.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "core/flow.h"
#include "widgets.h"

namespace kiosk::ui {

// What the staff home shows; gathered by the app (the UI does no I/O).
struct StaffStatus {
  int64_t stored = 0;
  int64_t waiting = 0;
  int64_t dead_letters = 0;
  std::string store_state;      // "Working", or what went wrong
  std::string upload_state;     // "not configured", "working", "failing: <why>" (+ hub address)
  std::string last_upload;      // local time of the last acknowledged upload, or "never"
  std::string database_path;
  std::string consultation;     // title, id and version
  std::string kiosk_id;
  std::string text_engine;
  std::vector<std::string> recent_events;
};

struct PinPadState {
  std::string digits;
  std::string first_choice;  // choosing a PIN: the first entry, awaiting confirmation
  std::string message;
  bool message_is_error = false;
};

void draw_staff_pin(UiContext& ui, Flow& flow, PinPadState& state);
void draw_staff_home(UiContext& ui, Flow& flow, const StaffStatus& status);

}  // namespace kiosk::ui
