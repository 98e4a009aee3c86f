// The kiosk, wired: config -> consultation, store, PIN, flow, text engine, UI.
// The same object runs in the SDL window (main.cpp) and headless in tests.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <SDL.h>
#include "core/config.h"
#include "core/consultation.h"
#include "core/flow.h"
#include "core/response_store.h"
#include "core/staff_pin.h"
#include "core/sync/uploader.h"
#include "text/text_renderer.h"
#include "ui/input.h"
#include "ui/kiosk_ui.h"

struct ImGuiContext;

namespace kiosk {

class KioskApp final : public ResponseSink {
 public:
  // Loads the consultation and opens the store. On failure returns null with `error` saying
  // why, naming the file (the kiosk cannot run without a valid consultation).
  static std::unique_ptr<KioskApp> create(const KioskConfig& config, const Clock& clock, std::string& error);
  ~KioskApp() override;

  // Sets up ImGui for this renderer (fonts, backend). Call once.
  bool attach_renderer(SDL_Renderer* renderer, int width, int height);
  void resize(int width, int height);

  // Input: SDL events in the window; pointer events directly in tests.
  void handle_sdl_event(const SDL_Event& event);
  void push_pointer(const ui::PointerEvent& event);

  // Applies timers (idle prompt, thank-you return, staff gesture).
  void update_timers();
  // True while something needs drawing: input to apply, a few settle frames after changes.
  bool wants_frame() const;
  // How long the main loop may sleep: 0 = draw now, -1 = until the next event.
  int wait_timeout_ms() const;
  // Builds one UI frame and draws it to the renderer (the caller presents).
  void frame();
  // How long the last frame took: building the UI, and drawing it (for benchmarks).
  struct FrameTiming {
    double build_ms = 0;
    double draw_ms = 0;
  };
  void set_frame_observer(std::function<void(const FrameTiming&)> observer) { frame_observer_ = std::move(observer); }
  // Headless runs skip rasterising frames nobody sees; a screenshot turns it back on.
  void set_rasterize(bool on) { rasterize_ = on; }

  // The SDL event type the upload thread pushes to wake the main loop (0 = none: headless).
  // main() registers it (SDL_RegisterEvents) before create(); the loop needs no handler,
  // since update_timers() then polls the uploader's mailbox.
  static void set_wake_event_type(Uint32 type);
  static Uint32 wake_event_type();

  // Upload to the hub: null when hub_url is not configured.
  sync::Uploader* uploader() { return uploader_.get(); }

  Flow& flow() { return *flow_; }
  ResponseStore& store() { return *store_; }
  const ui::WidgetRegistry& widgets() const { return ui_->registry(); }
  const KioskConfig& config() const { return config_; }
  bool exit_requested() const { return flow_->exit_requested(); }
  uint64_t frames_drawn() const { return frames_drawn_; }
  ImVec2 pointer_position() const { return pointer_.position(); }

  // ResponseSink
  SubmitResult submit(const Response& response) override;
  bool accepting_answers() override;
  void abandoned(const Response& response) override;

  static constexpr int64_t kStaffHoldMs = 3000;

 private:
  KioskApp(const KioskConfig& config, const Clock& clock);
  void refresh_staff_status();
  void poll_uploader();
  std::string flow_signature() const;

  KioskConfig config_;
  const Clock& clock_;
  Consultation consultation_;
  std::unique_ptr<ResponseStore> store_;
  std::unique_ptr<sync::Uploader> uploader_;  // declared after store_: stopped before it closes
  uint64_t upload_generation_ = 0;
  std::unique_ptr<StaffPin> pin_;
  std::unique_ptr<Flow> flow_;
  std::unique_ptr<text::TextEngine> text_;
  std::unique_ptr<ui::KioskUi> ui_;
  ui::PointerInput pointer_;
  ui::StaffStatus staff_status_;
  ImGuiContext* imgui_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  int width_ = 1920, height_ = 1080;
  float scale_ = 1.0f;
  int settle_frames_ = 3;
  int64_t last_frame_ms_ = 0;
  std::string last_signature_;
  uint64_t frames_drawn_ = 0;
  bool rasterize_ = true;
  std::function<void(const FrameTiming&)> frame_observer_;
};

}  // namespace kiosk
