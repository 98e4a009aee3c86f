#include "headless.h"
#include "screenshot.h"
#include <algorithm>
#include <cmath>

namespace kiosk {

using Kind = ui::PointerEvent::Kind;

HeadlessKiosk::HeadlessKiosk(const KioskConfig& config, const Clock& clock, int width, int height) {
  surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
  renderer_ = surface_ ? SDL_CreateSoftwareRenderer(surface_) : nullptr;
  if (!renderer_) {
    error_ = std::string("software renderer: ") + SDL_GetError();
    return;
  }
  app_ = KioskApp::create(config, clock, error_);
  if (app_ && !app_->attach_renderer(renderer_, width, height)) {
    error_ = "could not set up the UI renderer";
    app_.reset();
  }
  if (app_) {
    app_->set_rasterize(false);
    settle();
  }
}

HeadlessKiosk::~HeadlessKiosk() {
  app_.reset();
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
}

void HeadlessKiosk::settle() {
  app_->update_timers();
  for (int i = 0; i < 20 && app_->wants_frame(); ++i) app_->frame();
}

bool HeadlessKiosk::has(const std::string& id) const {
  const ui::WidgetInfo* w = app_->widgets().find(id);
  return w && w->max.x > w->min.x;
}

void HeadlessKiosk::drag(ImVec2 from, ImVec2 to, int steps) {
  app_->push_pointer({Kind::Down, from, true});
  app_->frame();
  app_->frame();
  for (int i = 1; i <= steps; ++i) {
    const float t = static_cast<float>(i) / steps;
    app_->push_pointer({Kind::Move, ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t), true});
    app_->frame();
  }
  app_->push_pointer({Kind::Up, to, true});
  settle();
}

bool HeadlessKiosk::scroll_into_view(const std::string& id) {
  for (int attempt = 0; attempt < 30; ++attempt) {
    const ui::WidgetInfo* w = app_->widgets().find(id);
    if (!w) return false;
    const bool fully_visible = w->min.y <= w->full_min.y + 0.5f && w->max.y >= w->full_max.y - 0.5f &&
                               w->max.y > w->min.y;
    if (fully_visible) return true;
    ImVec2 region_min, region_max;
    if (w->scroll_region.empty() || !app_->widgets().region(w->scroll_region, region_min, region_max))
      return false;
    // Drag the list a part of its height towards the widget, as a finger would.
    const float center_x = (region_min.x + region_max.x) * 0.5f;
    const float mid_y = (region_min.y + region_max.y) * 0.5f;
    const float distance = std::min((region_max.y - region_min.y) * 0.4f,
                                    std::abs(w->full_min.y - mid_y) + 40.0f);
    const bool below = w->full_max.y > region_max.y;
    drag(ImVec2(center_x, mid_y), ImVec2(center_x, mid_y + (below ? -distance : distance)));
  }
  return false;
}

bool HeadlessKiosk::tap(const std::string& id) {
  settle();
  if (!scroll_into_view(id)) return false;
  const ui::WidgetInfo* w = app_->widgets().find(id);
  if (!w || !w->enabled) return false;
  const ImVec2 at((w->min.x + w->max.x) * 0.5f, (w->min.y + w->max.y) * 0.5f);
  app_->push_pointer({Kind::Down, at, true});
  app_->push_pointer({Kind::Up, at, true});
  settle();
  return true;
}

void HeadlessKiosk::press(ImVec2 at) {
  app_->push_pointer({Kind::Down, at, true});
  app_->frame();
  app_->frame();
}

void HeadlessKiosk::release(ImVec2 at) {
  app_->push_pointer({Kind::Up, at, true});
  settle();
}

SDL_Surface* HeadlessKiosk::render() {
  settle();
  app_->set_rasterize(true);
  app_->frame();
  app_->set_rasterize(false);
  return surface_;
}

bool HeadlessKiosk::save_png(const std::string& path) { return write_png(render(), path, error_); }

}  // namespace kiosk
