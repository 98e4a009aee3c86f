// Touch and mouse as one pointer, fed to ImGui 1.86 (which knows nothing of touch).
//
// ImGui needs a press and a release in separate frames, so events queue here and at most
// one button transition is applied per frame. After a release the pointer keeps its place
// for that frame (so the tap lands), then moves off-screen so no button stays "hovered".
// The staff gesture (holding the top-left corner) is detected here too.
#pragma once
#include <cstdint>
#include <deque>
#include <imgui.h>

namespace kiosk::ui {

struct PointerEvent {
  enum class Kind { Down, Move, Up };
  Kind kind = Kind::Move;
  ImVec2 position;
  bool is_touch = true;  // mouse hover keeps the pointer on screen; a lifted finger does not
};

class PointerInput {
 public:
  void push(const PointerEvent& event) { queue_.push_back(event); }
  bool has_pending() const { return !queue_.empty() || release_frame_; }
  // Applies queued events to io for this frame. Call before ImGui::NewFrame.
  void apply(ImGuiIO& io);
  bool is_down() const { return down_; }
  ImVec2 position() const { return position_; }  // (-FLT_MAX, -FLT_MAX) when no finger is on the glass

  // Staff door: true once the pointer has been held inside the corner for `hold_ms`.
  bool corner_held(int64_t now_ms, ImVec2 corner_size, int64_t hold_ms);
  // Milliseconds until corner_held could become true (for the idle loop), -1 if not holding.
  int64_t ms_until_corner_hold(int64_t now_ms, int64_t hold_ms) const;

 private:
  std::deque<PointerEvent> queue_;
  ImVec2 position_ = ImVec2(-FLT_MAX, -FLT_MAX);
  bool down_ = false;
  bool release_frame_ = false;   // the frame after a touch release: then clear the position
  bool touch_ = true;
  int64_t corner_since_ms_ = -1;
  bool corner_fired_ = false;
};

}  // namespace kiosk::ui
