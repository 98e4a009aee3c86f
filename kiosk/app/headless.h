// The kiosk without a window: the software renderer draws into an SDL surface.
// Tests and the screenshot command drive it like a person would, by tapping widgets by id.
#pragma once
#include <memory>
#include <string>
#include <SDL.h>
#include "kiosk_app.h"

namespace kiosk {

class HeadlessKiosk {
 public:
  HeadlessKiosk(const KioskConfig& config, const Clock& clock, int width = 1920, int height = 1080);
  ~HeadlessKiosk();
  bool ok() const { return app_ != nullptr; }
  const std::string& error() const { return error_; }
  KioskApp& app() { return *app_; }
  Flow& flow() { return app_->flow(); }

  void frame() { app_->frame(); }
  // Draws until the UI has settled (no pending input, no settle frames).
  void settle();
  bool has(const std::string& widget_id) const;
  // Taps a widget: drags its list until it is fully in view if needed, then a finger
  // press and release on its centre. False if it is not on screen or disabled.
  bool tap(const std::string& widget_id);
  // A finger drag from one point to another in `steps` moves.
  void drag(ImVec2 from, ImVec2 to, int steps = 8);
  // Presses and holds at a point (e.g. the staff corner); release with release().
  void press(ImVec2 at);
  void release(ImVec2 at);
  bool save_png(const std::string& path);
  // Rasterises the settled screen and returns the surface it was drawn on (owned here).
  SDL_Surface* render();

 private:
  bool scroll_into_view(const std::string& widget_id);
  std::string error_;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  std::unique_ptr<KioskApp> app_;
};

}  // namespace kiosk
