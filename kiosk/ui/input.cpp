#include "input.h"

namespace kiosk::ui {

void PointerInput::apply(ImGuiIO& io) {
  if (release_frame_ && queue_.empty()) {
    // The release was seen last frame; now take the pointer away so nothing stays hovered.
    release_frame_ = false;
    if (touch_) position_ = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  while (!queue_.empty()) {
    const PointerEvent event = queue_.front();
    touch_ = event.is_touch;
    if (event.kind == PointerEvent::Kind::Down && !down_) {
      if (position_.x != event.position.x || position_.y != event.position.y) {
        // A finger landing somewhere new: hover there for one frame first, so ImGui
        // knows what is under it when the press arrives.
        position_ = event.position;
        break;
      }
      queue_.pop_front();
      down_ = true;
      break;  // one button transition per frame
    }
    queue_.pop_front();
    position_ = event.position;
    if (event.kind == PointerEvent::Kind::Up && down_) {
      down_ = false;
      release_frame_ = true;
      corner_since_ms_ = -1;
      corner_fired_ = false;
      break;
    }
  }
  io.MousePos = position_;
  io.MouseDown[0] = down_;
}

bool PointerInput::corner_held(int64_t now_ms, ImVec2 corner_size, int64_t hold_ms) {
  const bool in_corner = down_ && position_.x >= 0 && position_.y >= 0 &&
                         position_.x < corner_size.x && position_.y < corner_size.y;
  if (!in_corner) {
    corner_since_ms_ = -1;
    return false;
  }
  if (corner_since_ms_ < 0) corner_since_ms_ = now_ms;
  if (!corner_fired_ && now_ms - corner_since_ms_ >= hold_ms) {
    corner_fired_ = true;  // once per hold
    return true;
  }
  return false;
}

int64_t PointerInput::ms_until_corner_hold(int64_t now_ms, int64_t hold_ms) const {
  if (corner_since_ms_ < 0 || corner_fired_) return -1;
  int64_t left = corner_since_ms_ + hold_ms - now_ms;
  return left < 0 ? 0 : left;
}

}  // namespace kiosk::ui
